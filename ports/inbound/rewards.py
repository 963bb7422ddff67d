"""The reward engine: wallet changes, the activity feed, quest progress and achievements.

Use cases of every area call these inside their own unit of work, so an action and all that
it earns commit together — or not at all (DESIGN §1, §6). Nothing here commits. The work is
done per kind, not per row: however many quests and achievements an action touches, their
progress, awards and events are read and written a few statements at a time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.achievements import Unlocked, newly_met
from domain.activity import LEDGER_METRICS, Event
from domain.days import period_dates, period_key
from domain.quests import UniversalQuest
from domain.users import User
from domain.wallet import LedgerEntry, Source
from ports.outbound.unit_of_work import UnitOfWork

ALWAYS_CHECKED = {*LEDGER_METRICS, "level_reached"}
MAX_ROUNDS = 5  # unlocks can earn XP that unlocks more; the chain is short and bounded


@dataclass(frozen=True)
class Award:
    points: int
    xp: int
    reason: str
    source: Source


@dataclass
class Earned:
    """Everything one action earned, for the response and the tests."""

    entries: list[LedgerEntry] = field(default_factory=list)
    achievements: list[UUID] = field(default_factory=list)
    quests: list[tuple[UUID, str]] = field(default_factory=list)

    @property
    def points(self) -> int:
        return sum(e.delta for e in self.entries if e.delta > 0)

    @property
    def xp(self) -> int:
        return sum(e.xp_delta for e in self.entries if e.xp_delta > 0)


def post(uow: UnitOfWork, user_id: UUID, *, points: int, xp: int, reason: str, source: Source,
         now: datetime) -> LedgerEntry | None:
    """Change the wallet once per source; a source seen before is a no-op (None)."""
    entries = post_all(uow, user_id, [Award(points, xp, reason, source)], now)
    return entries[0] if entries else None


def post_all(uow: UnitOfWork, user_id: UUID, awards: list[Award], now: datetime) -> list[LedgerEntry]:
    """Post the awards in order, each source once (those seen before are skipped); one wallet lock.

    The wallet row is locked first, so concurrent posts for one user queue up and the
    balance check (never below zero, InsufficientFunds) sees the committed balance.
    """
    wallet = uow.wallets.lock(user_id)
    seen = uow.ledger.seen(user_id, [award.source for award in awards])
    entries = []
    for award in awards:
        if award.source not in seen:
            seen.add(award.source)
            entries.append(wallet.post(award.points, award.xp, award.reason, award.source, now))
    if entries:
        uow.wallets.save(wallet)
        uow.ledger.append(*entries)
    return entries


def record(uow: UnitOfWork, user: User, event: Event, now: datetime, earned: Earned | None = None) -> Earned:
    """Append the event and grant what it earns: quest completions and achievements, once each."""
    earned = earned or Earned()
    uow.activity.append(event)
    touched = set(event.metrics)
    for _ in range(MAX_ROUNDS):
        completed = _advance_quests(uow, user, event, touched, now, earned) if touched else []
        if completed:
            uow.activity.append(*(Event(user_id=user.id, type="quest.completed", occurred_at=now,
                                        local_date=event.local_date, subject_type="universal_quest",
                                        subject_id=str(quest.id), metrics={"quests_completed": 1},
                                        data={"period_key": key}) for quest, key in completed))
        unlocked = unlock_achievements(uow, user.id, touched | ALWAYS_CHECKED, now, earned)
        touched = {"quests_completed"} if completed else set()
        if not completed and not unlocked:
            break
    return earned


def award(uow: UnitOfWork, user: User, *, points: int, xp: int, reason: str, source: Source, event: Event,
          now: datetime) -> Earned:
    """Post an award and record the event that earned it, in one go."""
    earned = Earned()
    entry = post(uow, user.id, points=points, xp=xp, reason=reason, source=source, now=now)
    if entry is not None:
        earned.entries.append(entry)
    return record(uow, user, event, now, earned)


def _advance_quests(uow: UnitOfWork, user: User, event: Event, metrics: set[str], now: datetime,
                    earned: Earned) -> list[tuple[UniversalQuest, str]]:
    """Recount the universal quests of these metrics for the event's periods; reward completions."""
    quests = uow.universal_quests.active(metrics)
    if not quests:
        return []
    day = event.local_date
    by_dates: dict = {}
    for quest in quests:
        by_dates.setdefault(period_dates(quest.period, day), set()).add(quest.metric)
    totals = {dates: uow.activity.totals(user.id, wanted, dates) for dates, wanted in by_dates.items()}
    keys = {quest.id: period_key(quest.period, day) for quest in quests}
    progress = uow.quest_progress.lock(user.id, keys)
    completed = [(quest, keys[quest.id]) for quest in quests if progress[quest.id].advance_to(
        quest, totals[period_dates(quest.period, day)][quest.metric], now)]
    uow.quest_progress.save(*progress.values())
    earned.entries += post_all(uow, user.id, [Award(q.reward_points, q.reward_xp, f"Quest: {q.title}",
                                                    Source("quest", f"{q.id}:{key}")) for q, key in completed], now) \
        if completed else []
    earned.quests += [(quest.id, key) for quest, key in completed]
    return completed


def unlock_achievements(uow: UnitOfWork, user_id: UUID, metrics: set[str], now: datetime,
                        earned: Earned) -> list[UUID]:
    """Unlock (and reward) the achievements on these metrics that the user now meets."""
    progress = uow.achievements.progress(user_id)
    candidates = [d for d, _, _ in progress if d.condition_type in metrics]
    totals = {d.condition_type: total for d, _, total in progress}
    already = {d.id for d, unlocked, _ in progress if unlocked is not None}
    unlocked = [d for d in newly_met(candidates, totals, already)
                if uow.achievements.unlock(user_id, Unlocked(d.id, now, d.reward_points, d.reward_xp))]
    if unlocked:
        earned.entries += post_all(uow, user_id, [Award(d.reward_points, d.reward_xp, f"Achievement: {d.title}",
                                                        Source("achievement", str(d.id))) for d in unlocked], now)
    earned.achievements += [d.id for d in unlocked]
    return [d.id for d in unlocked]
