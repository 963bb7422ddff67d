"""What the user has earned: balance, XP, level, streaks, achievements and the ledger."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.achievements import AchievementDefinition, Unlocked
from domain.paging import Page, PageRequest, page_of
from domain.streaks import Streak
from domain.wallet import LedgerEntry, Wallet
from ports.outbound.unit_of_work import UnitOfWork

RECENT_ACHIEVEMENTS = 5


@dataclass(frozen=True)
class AchievementStatus:
    definition: AchievementDefinition
    unlocked: Unlocked | None
    progress: int

    @property
    def unlocked_at(self) -> datetime | None:
        return self.unlocked.unlocked_at if self.unlocked else None


@dataclass(frozen=True)
class Summary:
    wallet: Wallet
    streaks: list[Streak]
    recent_achievements: list[AchievementStatus]


def summary(uow: UnitOfWork, *, user_id: UUID) -> Summary:
    """Balance, XP, level, streaks and the latest unlocks."""
    with uow.read_only():
        wallet, streaks, latest = uow.streaks.summary(user_id, RECENT_ACHIEVEMENTS)
    return Summary(wallet=wallet, streaks=streaks,
                   recent_achievements=[AchievementStatus(d, u, 0) for d, u in latest])


def achievements(uow: UnitOfWork, *, user_id: UUID, request: PageRequest) -> Page[AchievementStatus]:
    """Every active achievement with the user's progress toward it, in display order."""
    with uow.read_only():
        found = uow.achievements.progress(user_id)
    rows = [AchievementStatus(d, unlocked, min(total, d.threshold)) for d, unlocked, total in found]
    if request.after is not None:
        rows = [r for r in rows if (r.definition.sort_order, r.definition.id) > request.after]
    return page_of(rows[:request.limit + 1], request, key=lambda r: (r.definition.sort_order, r.definition.id))


def ledger(uow: UnitOfWork, *, user_id: UUID, request: PageRequest) -> Page[LedgerEntry]:
    """The user's ledger, newest first."""
    with uow.read_only():
        rows = uow.ledger.page(user_id, request)
    return page_of(rows, request, key=lambda e: (e.created_at, e.id))
