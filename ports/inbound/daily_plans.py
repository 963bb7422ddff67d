"""Daily plans: read a day's plan (default today), replace it; finishing it counts once a day."""
from __future__ import annotations

from datetime import date

from domain.daily_plans import DailyPlan, PlanItem
from domain.users import User
from ports.inbound import rewards
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def get_daily_plan(uow: UnitOfWork, clock: Clock, *, user: User, day: date | None = None) -> DailyPlan:
    """The user's plan of a local day (default their today); an empty one, not stored, when none is."""
    day = day or user.day.local_date(clock.now())
    with uow.read_only():
        plan = uow.daily_plans.get(user.id, day)
    return plan or DailyPlan.empty(user.id, day)


def put_daily_plan(uow: UnitOfWork, clock: Clock, *, user: User, day: date, items: list[PlanItem],
                   notes: str | None = None) -> DailyPlan:
    """Replace the day's plan; the first time all its items are done, record the completion (once per day)."""
    now = clock.now()
    today = user.day.local_date(now)
    plan = DailyPlan.empty(user.id, day)
    plan.replace(items, notes, now)
    with uow:
        plan = uow.daily_plans.put(plan)  # holds the day's row: a concurrent put waits for this commit
        if plan.counts_as_completed(today) and not uow.daily_plans.completion_recorded(user.id, day):
            rewards.record(uow, user, plan.completion_event(now), now)
        uow.commit()
    return plan
