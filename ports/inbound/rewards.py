"""The reward engine: wallet changes, the activity feed, quest progress and achievements.

Use cases of every area call these inside their own unit of work, so an action and all that
it earns commit together — or not at all (DESIGN §1, §6). Nothing here commits.
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
    """Change the wallet once per source; a source seen before is a no-op (None).

    The wallet row is locked first, so concurrent posts for one user queue up and the
    balance check (never below zero, InsufficientFunds) sees the committed balance.
    """
    wallet = uow.wallets.lock(user_id)
    if uow.ledger.has(user_id, source):
        return None
    entry = wallet.post(points, xp, reason, source, now)
    uow.wallets.save(wallet)
    uow.ledger.append(entry)
    return entry


def record(uow: UnitOfWork, user: User, event: Event, now: datetime, earned: Earned | None = None) -> Earned:
    """Append the event and grant what it earns: quest completions and achievements, once each."""
    earned = earned or Earned()
    uow.activity.append(event)
    touched = set(event.metrics)
    for _ in range(MAX_ROUNDS):
        completed = _advance_quests(uow, user, event, touched, now, earned) if touched else []
        for quest, key in completed:
            done = Event(user_id=user.id, type="quest.completed", occurred_at=now, local_date=event.local_date,
                         subject_type="universal_quest", subject_id=str(quest.id),
                         metrics={"quests_completed": 1}, data={"period_key": key})
            uow.activity.append(done)
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
    """Recount each universal quest of these metrics for the event's period; reward completions."""
    completed = []
    for quest in uow.universal_quests.active(metrics):
        key = period_key(quest.period, event.local_date)
        total = uow.activity.totals(user.id, {quest.metric}, period_dates(quest.period, event.local_date))
        progress = uow.quest_progress.lock(user.id, quest.id, key)
        if progress.advance_to(quest, total[quest.metric], now):
            entry = post(uow, user.id, points=quest.reward_points, xp=quest.reward_xp, reason=f"Quest: {quest.title}",
                         source=Source("quest", f"{quest.id}:{key}"), now=now)
            if entry is not None:
                earned.entries.append(entry)
            earned.quests.append((quest.id, key))
            completed.append((quest, key))
        uow.quest_progress.save(progress)
    return completed


def unlock_achievements(uow: UnitOfWork, user_id: UUID, metrics: set[str], now: datetime,
                        earned: Earned) -> list[UUID]:
    """Unlock (and reward) the achievements on these metrics that the user now meets."""
    definitions = uow.achievements.definitions(metrics)
    if not definitions:
        return []
    already = set(uow.achievements.unlocked(user_id))
    candidates = [d for d in definitions if d.id not in already]
    if not candidates:
        return []
    totals = uow.activity.totals(user_id, {d.condition_type for d in candidates})
    unlocked = []
    for definition in newly_met(candidates, totals, already):
        if not uow.achievements.unlock(user_id, Unlocked(definition.id, now, definition.reward_points,
                                                         definition.reward_xp)):
            continue
        entry = post(uow, user_id, points=definition.reward_points, xp=definition.reward_xp,
                     reason=f"Achievement: {definition.title}", source=Source("achievement", str(definition.id)),
                     now=now)
        if entry is not None:
            earned.entries.append(entry)
        earned.achievements.append(definition.id)
        unlocked.append(definition.id)
    return unlocked
