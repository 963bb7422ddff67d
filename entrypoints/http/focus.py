"""/api/v1/focus: focus sessions — a timer with pauses that earns points — and their stats."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.idempotency import idempotent
from entrypoints.http.paging import page_body, page_request
from entrypoints.http.schemas.focus import (ActiveFocusOut, FocusCompletionOut, FocusListOut, FocusListQuery,
                                            FocusSessionOut, FocusStartIn, FocusStatsOut, FocusStatsQuery)
from ports.inbound import focus
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("focus", __name__, url_prefix="/api/v1", description="Focus sessions and their stats")


@bp.post("/focus")
@bp.arguments(FocusStartIn)
@bp.response(201, FocusSessionOut)
@bp.errors(400, 409, 415)
@inject
def start(body: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    return focus.start_focus_session(uow, clock, user=current_user(), mode=body["mode"], duration=body["duration"])


@bp.get("/focus")
@bp.arguments(FocusListQuery, location="query")
@bp.response(200, FocusListOut)
@bp.errors(400)
@inject
def list_sessions(query: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    page = focus.list_focus_sessions(uow, clock, user=current_user(), request=page_request(query),
                                     status=query["status"])
    return page_body(page)


@bp.get("/focus/active")
@bp.response(200, ActiveFocusOut)
@bp.errors()
@inject
def active(uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    return {"session": focus.get_active_focus_session(uow, clock, user=current_user())}


@bp.get("/focus/stats")
@bp.arguments(FocusStatsQuery, location="query")
@bp.response(200, FocusStatsOut)
@bp.errors(400)
@inject
def stats(query: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    return focus.get_focus_stats(uow, clock, user=current_user(), days=query["days"])


@bp.get("/focus/<uuid:session_id>")
@bp.response(200, FocusSessionOut)
@bp.errors(404)
@inject
def get(session_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    return focus.get_focus_session(uow, clock, user=current_user(), session_id=session_id)


@bp.post("/focus/<uuid:session_id>/pause")
@bp.response(200, FocusSessionOut)
@bp.errors(404, 409)
@inject
def pause(session_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    return focus.pause_focus_session(uow, clock, user=current_user(), session_id=session_id)


@bp.post("/focus/<uuid:session_id>/resume")
@bp.response(200, FocusSessionOut)
@bp.errors(404, 409)
@inject
def resume(session_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    return focus.resume_focus_session(uow, clock, user=current_user(), session_id=session_id)


@bp.post("/focus/<uuid:session_id>/complete")
@bp.response(200, FocusCompletionOut)
@bp.errors(400, 404, 409)
@idempotent
@inject
def complete(session_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    return focus.complete_focus_session(uow, clock, user=current_user(), session_id=session_id)


@bp.post("/focus/<uuid:session_id>/abandon")
@bp.response(200, FocusSessionOut)
@bp.errors(404, 409)
@inject
def abandon(session_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    return focus.abandon_focus_session(uow, clock, user=current_user(), session_id=session_id)
