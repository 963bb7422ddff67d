"""/api/v1/me/vacation: an account-wide pause of every streak."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.schemas.habits import VacationIn
from entrypoints.http.schemas.users import VacationOut
from ports.inbound import vacation
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("vacation", __name__, url_prefix="/api/v1", description="Vacation: pause your streaks")


@bp.put("/me/vacation")
@bp.arguments(VacationIn)
@bp.response(200, VacationOut)
@bp.errors(400, 415)
@inject
def set_vacation(body: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Pause every streak from `from` (at most 7 days back) to `to` (inclusive; without one, until
    ended). Replaces the current vacation; days of it that have passed stay paused."""
    return vacation.set_vacation(uow, clock, user=current_user(), start=body["start"], end=body["end"])


@bp.delete("/me/vacation")
@bp.response(204)
@bp.errors()
@inject
def end_vacation(uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """End the vacation today (days that passed stay paused), or drop one that has not begun."""
    vacation.end_vacation(uow, clock, user=current_user())
    return ""
