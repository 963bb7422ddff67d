"""Achievements: data-defined conditions (a metric and a threshold) with a reward, unlocked once."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class AchievementDefinition:
    id: UUID
    key: str | None
    title: str
    description: str | None
    icon: str | None
    condition_type: str
    threshold: int
    reward_points: int = 0
    reward_xp: int = 0
    active: bool = True
    sort_order: int = 0

    def met(self, totals: dict[str, int]) -> bool:
        return totals.get(self.condition_type, 0) >= self.threshold


@dataclass(frozen=True)
class Unlocked:
    achievement_id: UUID
    unlocked_at: datetime
    points_awarded: int = 0
    xp_awarded: int = 0


def newly_met(definitions: list[AchievementDefinition], totals: dict[str, int],
              unlocked: set[UUID]) -> list[AchievementDefinition]:
    """Active definitions whose condition `totals` meet and that are not unlocked yet."""
    return [d for d in definitions if d.active and d.id not in unlocked and d.met(totals)]
