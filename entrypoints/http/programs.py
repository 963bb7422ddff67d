"""/api/v1/programs: training programs — weeks of days that point at your workout templates."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.paging import PageQuery, page_body, page_request
from entrypoints.http.schemas.programs import ProgramIn, ProgramOut, ProgramPatchIn, ProgramsOut
from ports.inbound import programs
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("programs", __name__, url_prefix="/api/v1", description="Training programs")


@bp.get("/programs")
@bp.arguments(PageQuery, location="query")
@bp.response(200, ProgramsOut)
@bp.errors(400)
@inject
def list_programs(query: dict, uow: UnitOfWork = Provide["uow"]):
    """Your programs with their weeks, newest first."""
    return page_body(programs.list_programs(uow, user=current_user(), request=page_request(query)))


@bp.post("/programs")
@bp.arguments(ProgramIn)
@bp.response(201, ProgramOut)
@bp.errors(400, 404, 415)
@inject
def create_program(body: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Create a program; a day's `workout_id` must be one of your workouts (else 404)."""
    return programs.create_program(uow, clock, user=current_user(), **body)


@bp.get("/programs/<uuid:program_id>")
@bp.response(200, ProgramOut)
@bp.errors(404)
@inject
def get_program(program_id, uow: UnitOfWork = Provide["uow"]):
    """One of your programs."""
    return programs.get_program(uow, user=current_user(), program_id=program_id)


@bp.patch("/programs/<uuid:program_id>")
@bp.arguments(ProgramPatchIn)
@bp.response(200, ProgramOut)
@bp.errors(400, 404, 415)
@inject
def update_program(changes: dict, program_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Change the given fields; `weeks`, when given, replaces every week (`[]` clears them)."""
    return programs.update_program(uow, clock, user=current_user(), program_id=program_id, changes=changes)


@bp.delete("/programs/<uuid:program_id>")
@bp.response(204)
@bp.errors(404)
@inject
def delete_program(program_id, uow: UnitOfWork = Provide["uow"]):
    """Delete a program and its weeks."""
    programs.delete_program(uow, user=current_user(), program_id=program_id)
    return ""
