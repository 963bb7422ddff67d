"""/api/v1/daily-plan: one checklist and notes per local day."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from domain.daily_plans import PlanItem
from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.schemas.daily_plans import DailyPlanIn, DailyPlanOut, DailyPlanPath, DailyPlanQuery
from ports.inbound import daily_plans
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("daily_plans", __name__, url_prefix="/api/v1", description="Daily plans")


@bp.get("/daily-plan")
@bp.arguments(DailyPlanQuery, location="query")
@bp.response(200, DailyPlanOut)
@bp.errors(400)
@inject
def get_plan(query: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """The plan of a local day (default today, by the user's timezone and day_start_hour); empty when none."""
    return daily_plans.get_daily_plan(uow, clock, user=current_user(), day=query["date"])


@bp.put("/daily-plan/<date>")
@bp.arguments(DailyPlanPath, location="path")
@bp.arguments(DailyPlanIn)
@bp.response(200, DailyPlanOut)
@bp.errors(400, 415)
@inject
def put_plan(path: dict, body: dict, date: str, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Replace the day's items and notes. The first time every item of a non-empty plan is done — for
    today or up to 7 days back — counts one `daily_plans_completed`, once per day."""
    items = [PlanItem(item["title"], item["done"]) for item in body["items"]]
    return daily_plans.put_daily_plan(uow, clock, user=current_user(), day=path["date"], items=items,
                                      notes=body["notes"])
