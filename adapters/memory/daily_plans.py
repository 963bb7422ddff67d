"""In-memory daily plans, keyed by (user, date); completions are read from the activity table."""
from __future__ import annotations

import copy

from domain.daily_plans import COMPLETED
from ports.outbound.daily_plans import DailyPlanRepository


class InMemoryDailyPlanRepository(DailyPlanRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["daily_plans"]
        self.activity: dict = tables["activity"]

    def get(self, user_id, day):
        plan = self.rows.get((user_id, day))
        return copy.deepcopy(plan) if plan else None

    def put(self, plan):
        stored = copy.deepcopy(plan)
        earlier = self.rows.get((plan.user_id, plan.date))
        if earlier is not None:
            stored.id, stored.created_at = earlier.id, earlier.created_at
        self.rows[(plan.user_id, plan.date)] = stored
        return copy.deepcopy(stored)

    def completion_recorded(self, user_id, day):
        return any(e.user_id == user_id and e.type == COMPLETED and e.local_date == day
                   for e in self.activity.values())
