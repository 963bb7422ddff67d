"""/api/v1/habits: habits, one log per day (a point for a done one), undo, and the streaks."""
from __future__ import annotations

from datetime import date

from dependency_injector.wiring import Provide, inject

from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.idempotency import idempotent
from entrypoints.http.paging import PageQuery, page_body, page_request
from entrypoints.http.schemas.habits import (HabitIn, HabitListOut, HabitListQuery, HabitLogIn, HabitLogListOut,
                                             HabitLogResultOut, HabitOut, HabitPatchIn, LogDatePath)
from ports.inbound import habits
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("habits", __name__, url_prefix="/api/v1", description="Habits, their daily logs and streaks")
LOG_KEY = (date,)  # a habit's logs are keyed by their date


@bp.get("/habits")
@bp.arguments(HabitListQuery, location="query")
@bp.response(200, HabitListOut)
@bp.errors(400)
@inject
def list_habits(query: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Your habits in the order you created them (oldest first); `archived=true` lists the archived ones."""
    page = habits.list_habits(uow, clock, user=current_user(), request=page_request(query),
                              archived=query["archived"])
    return page_body(page)


@bp.post("/habits")
@bp.arguments(HabitIn)
@bp.response(201, HabitOut)
@bp.errors(400, 415)
@inject
def create_habit(body: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Create a habit: daily, on some weekdays (`days`), or `times` days a week."""
    return habits.create_habit(uow, clock, user=current_user(), **body)


@bp.get("/habits/<uuid:habit_id>")
@bp.response(200, HabitOut)
@bp.errors(404)
@inject
def get_habit(habit_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """One of your habits with its streaks and today's log."""
    return habits.get_habit(uow, clock, user=current_user(), habit_id=habit_id)


@bp.patch("/habits/<uuid:habit_id>")
@bp.arguments(HabitPatchIn)
@bp.response(200, HabitOut)
@bp.errors(400, 404, 415)
@inject
def update_habit(changes: dict, habit_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Change a habit; a new schedule recomputes its streaks."""
    return habits.update_habit(uow, clock, user=current_user(), habit_id=habit_id, changes=changes)


@bp.delete("/habits/<uuid:habit_id>")
@bp.response(204)
@bp.errors(404)
@inject
def delete_habit(habit_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Delete a habit and its logs; the points they earned stay earned."""
    habits.delete_habit(uow, clock, user=current_user(), habit_id=habit_id)
    return ""


@bp.get("/habits/<uuid:habit_id>/logs")
@bp.arguments(PageQuery, location="query")
@bp.response(200, HabitLogListOut)
@bp.errors(400, 404)
@inject
def list_logs(query: dict, habit_id, uow: UnitOfWork = Provide["uow"]):
    """A habit's logs, newest day first."""
    page = habits.list_logs(uow, user=current_user(), habit_id=habit_id, request=page_request(query, LOG_KEY))
    return page_body(page)


@bp.post("/habits/<uuid:habit_id>/logs")
@bp.arguments(HabitLogIn)
@bp.response(201, HabitLogResultOut)
@bp.alt_response(200, schema=HabitLogResultOut, description="The day's log, replacing the one it had")
@bp.errors(400, 404, 409, 415)
@idempotent
@inject
def log_habit(body: dict, habit_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Log a day (default your today; up to 7 days back): 201, or 200 when it replaced that day's log.

    A done log earns 1 point; replacing it by a skip gives the point back (409 insufficient_funds
    while it is spent). Honours Idempotency-Key.
    """
    result = habits.log_habit(uow, clock, user=current_user(), habit_id=habit_id, day=body["date"],
                              status=body["status"], count=body["count"])
    return result, 200 if result.replaced else 201


@bp.delete("/habits/<uuid:habit_id>/logs/<log_date>")
@bp.arguments(LogDatePath, location="path")
@bp.response(204)
@bp.errors(400, 404, 409)
@idempotent
@inject
def undo_log(path: dict, habit_id, log_date, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Undo a day's log (YYYY-MM-DD, up to 7 days back); a done log's point is given back —
    409 insufficient_funds while it is spent, and the log stays. Honours Idempotency-Key."""
    habits.undo_log(uow, clock, user=current_user(), habit_id=habit_id, day=path["log_date"])
    return ""
