"""Points, XP and levels: a balance that never goes negative, changed only by ledger entries."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from domain.errors import InsufficientFunds


def xp_for_level(level: int) -> int:
    """Level L is reached at XP ≥ 50·L·(L−1): 1 at 0, 2 at 100, 3 at 300, 4 at 600."""
    return 50 * level * (level - 1)


def level_for(xp: int) -> int:
    """The highest level whose threshold `xp` has reached."""
    level = max(1, int((1 + math.sqrt(1 + 0.08 * max(xp, 0))) / 2))
    while xp_for_level(level + 1) <= xp:
        level += 1
    while level > 1 and xp_for_level(level) > xp:
        level -= 1
    return level


@dataclass(frozen=True)
class Source:
    """What caused a ledger entry; unique per user, so a retried award is a no-op."""

    type: str
    id: str


@dataclass
class Wallet:
    user_id: UUID
    balance: int = 0
    xp: int = 0

    @property
    def level(self) -> int:
        return level_for(self.xp)

    def post(self, points: int, xp: int, reason: str, source: Source, now: datetime) -> "LedgerEntry":
        """Apply a change; spending more than the balance is refused and changes nothing."""
        if self.balance + points < 0:
            raise InsufficientFunds(f"This needs {-points} points; the balance is {self.balance}.",
                                    balance=self.balance, needed=-points)
        if xp < 0 and self.xp + xp < 0:
            xp = -self.xp
        self.balance += points
        self.xp += xp
        return LedgerEntry(id=uuid4(), user_id=self.user_id, delta=points, xp_delta=xp, balance_after=self.balance,
                           reason=reason, source=source, created_at=now)


@dataclass(frozen=True)
class LedgerEntry:
    id: UUID
    user_id: UUID
    delta: int
    xp_delta: int
    balance_after: int
    reason: str
    source: Source
    created_at: datetime
