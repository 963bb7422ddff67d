"""Postgres daily plans: `daily_plans`, one row per (user_id, plan_date), items as JSONB.

A put is one upsert: INSERT … ON CONFLICT (user_id, plan_date) DO UPDATE … RETURNING. The
conflicting row stays locked until the transaction ends, so a concurrent put of the same day
waits and then sees whether this one recorded the day's completion.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from adapters.postgres.schema import activity_events, daily_plans
from domain.daily_plans import COMPLETED, DailyPlan, PlanItem
from ports.outbound.daily_plans import DailyPlanRepository

dp, ae = daily_plans.c, activity_events.c
_OWN_DAY = sa.and_(dp.user_id == sa.bindparam("u"), dp.plan_date == sa.bindparam("d"))

GET = sa.select(dp.id, dp.user_id, dp.plan_date, dp["items"], dp.notes, dp.created_at, dp.updated_at).where(_OWN_DAY)
_INSERT = insert(daily_plans).values(
    id=sa.bindparam("pid"), user_id=sa.bindparam("u"), plan_date=sa.bindparam("d"),
    items=sa.bindparam("items", type_=dp["items"].type), notes=sa.bindparam("notes"),
    created_at=sa.bindparam("at"), updated_at=sa.bindparam("at"))
PUT = _INSERT.on_conflict_do_update(
    index_elements=[dp.user_id, dp.plan_date],
    set_={"items": _INSERT.excluded["items"], "notes": _INSERT.excluded.notes,
          "updated_at": _INSERT.excluded.updated_at},
).returning(dp.id, dp.created_at, dp.updated_at)
COMPLETION_RECORDED = sa.select(sa.literal(1)).where(
    ae.user_id == sa.bindparam("u"), ae.local_date == sa.bindparam("d"), ae.event_type == COMPLETED).limit(1)


def _plan(r) -> DailyPlan:
    return DailyPlan(id=r.id, user_id=r.user_id, date=r.plan_date, notes=r.notes, created_at=r.created_at,
                     updated_at=r.updated_at, items=[PlanItem(i["title"], bool(i.get("done"))) for i in r._mapping["items"]])


class PgDailyPlanRepository(DailyPlanRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def get(self, user_id, day):
        row = self.connection.execute(GET, {"u": user_id, "d": day}).first()
        return _plan(row) if row else None

    def put(self, plan):
        row = self.connection.execute(PUT, {
            "pid": plan.id, "u": plan.user_id, "d": plan.date, "notes": plan.notes, "at": plan.updated_at,
            "items": [{"title": i.title, "done": i.done} for i in plan.items]}).one()
        return DailyPlan(user_id=plan.user_id, date=plan.date, items=list(plan.items), notes=plan.notes,
                         id=row.id, created_at=row.created_at, updated_at=row.updated_at)

    def completion_recorded(self, user_id, day):
        return self.connection.execute(COMPLETION_RECORDED, {"u": user_id, "d": day}).first() is not None
