"""Where daily plans live: one per user and local date."""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date
from uuid import UUID

from domain.daily_plans import DailyPlan


class DailyPlanRepository(ABC):
    @abstractmethod
    def get(self, user_id: UUID, day: date) -> DailyPlan | None:
        """The user's plan of that day, or None."""

    @abstractmethod
    def put(self, plan: DailyPlan) -> DailyPlan:
        """Insert or replace the user's plan of its day (one per user and date, even under races);
        the stored plan keeps its first id and created_at, and a concurrent put waits for this one."""

    @abstractmethod
    def completion_recorded(self, user_id: UUID, day: date) -> bool:
        """Whether finishing this day's plan was already recorded in the activity feed."""
