"""In-memory wallet, ledger, activity feed, achievements and universal-quest progress."""
from __future__ import annotations

from dataclasses import replace

from domain.quests import QuestProgress
from domain.wallet import Wallet, level_for
from ports.outbound.gamification import (AchievementRepository, ActivityRepository, LedgerRepository,
                                         QuestProgressRepository, StreakRepository, UniversalQuestRepository,
                                         WalletRepository)


class InMemoryWalletRepository(WalletRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["wallets"]

    def lock(self, user_id):
        return self.get(user_id)

    def get(self, user_id):
        return replace(self.rows.get(user_id) or Wallet(user_id))

    def save(self, wallet):
        if wallet.balance < 0 or wallet.xp < 0:
            raise ValueError("CHECK violated: balance and xp are never negative")
        self.rows[wallet.user_id] = replace(wallet)


class InMemoryLedgerRepository(LedgerRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["ledger"]

    def seen(self, user_id, sources):
        return {source for source in sources if (user_id, source) in self.rows}

    def append(self, *entries):
        keys = [(entry.user_id, entry.source) for entry in entries]
        if len(set(keys)) < len(keys) or any(key in self.rows for key in keys):
            raise ValueError("duplicate ledger source")
        self.rows.update(zip(keys, entries))

    def page(self, user_id, request):
        rows = sorted((e for e in self.rows.values() if e.user_id == user_id),
                      key=lambda e: (e.created_at, e.id.bytes), reverse=True)
        if request.after is not None:
            rows = [e for e in rows if (e.created_at, e.id.bytes) < (request.after[0], request.after[1].bytes)]
        return rows[:request.limit + 1]


class InMemoryActivityRepository(ActivityRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["activity"]
        self.tables = tables

    def append(self, *events):
        self.rows.update((event.id, event) for event in events)

    def totals(self, user_id, metrics, dates=None):
        found = {m: 0 for m in metrics}
        for event in self.rows.values():
            if event.user_id != user_id or (dates and not dates[0] <= event.local_date <= dates[1]):
                continue
            for metric, amount in event.metrics.items():
                if metric in found:
                    found[metric] += amount
        entries = [e for e in self.tables["ledger"].values() if e.user_id == user_id]
        if "points_earned" in found:
            found["points_earned"] = sum(e.delta for e in entries if e.source.type != "purchase")
        if "xp_earned" in found:
            found["xp_earned"] = sum(e.xp_delta for e in entries)
        if "level_reached" in found:
            found["level_reached"] = level_for(self.tables["wallets"].get(user_id, Wallet(user_id)).xp)
        if "streak_days" in found:
            found["streak_days"] = max((s.current for (owner, *_), s in self.tables["streaks"].items()
                                        if owner == user_id), default=0)
        return found


class InMemoryStreakRepository(StreakRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["streaks"]
        self.tables = tables

    def summary(self, user_id, recent):
        streaks = sorted((s for (owner, *_), s in self.rows.items() if owner == user_id),
                         key=lambda s: (s.kind, str(s.habit_id or "")))
        achievements = InMemoryAchievementRepository(self.tables)
        latest = sorted(achievements.unlocked(user_id).values(), key=lambda u: u.unlocked_at, reverse=True)[:recent]
        definitions = {d.id: d for d in achievements.active_definitions()}
        return (InMemoryWalletRepository(self.tables).get(user_id), [replace(s) for s in streaks],
                [(definitions[u.achievement_id], u) for u in latest if u.achievement_id in definitions])


class InMemoryAchievementRepository(AchievementRepository):
    def __init__(self, tables: dict) -> None:
        self.definitions_by_id: dict = tables["achievement_definitions"]
        self.rows: dict = tables["user_achievements"]
        self.tables = tables

    def active_definitions(self):
        return sorted((d for d in self.definitions_by_id.values() if d.active), key=lambda d: (d.sort_order, d.id.bytes))

    def unlocked(self, user_id):
        return {aid: u for (owner, aid), u in self.rows.items() if owner == user_id}

    def unlock(self, user_id, unlocked):
        if (user_id, unlocked.achievement_id) in self.rows:
            return False
        self.rows[(user_id, unlocked.achievement_id)] = unlocked
        return True

    def progress(self, user_id):
        definitions = self.active_definitions()
        unlocked = self.unlocked(user_id)
        totals = InMemoryActivityRepository(self.tables).totals(user_id, {d.condition_type for d in definitions})
        return [(d, unlocked.get(d.id), totals[d.condition_type]) for d in definitions]


class InMemoryUniversalQuestRepository(UniversalQuestRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["universal_quests"]

    def active(self, metrics=None):
        found = [q for q in self.rows.values() if q.active and (metrics is None or q.metric in metrics)]
        return sorted(found, key=lambda q: (q.sort_order, q.id.bytes))


class InMemoryQuestProgressRepository(QuestProgressRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["quest_progress"]

    def lock(self, user_id, keys):
        return {quest_id: replace(self.rows.get((user_id, quest_id, key)) or QuestProgress(quest_id, user_id, key))
                for quest_id, key in sorted(keys.items())}

    def save(self, *progress):
        for p in progress:
            self.rows[(p.user_id, p.quest_id, p.period_key)] = replace(p)

