"""/api/v1/infobase: the user's knowledge base, with full-text search."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from domain.notes import ENTRY_KEY, SEARCH_KEY
from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.idempotency import idempotent
from entrypoints.http.paging import page_body, page_request
from entrypoints.http.schemas.infobase import (InfobaseEntryIn, InfobaseEntryOut, InfobaseEntryPatchIn,
                                               InfobaseListOut, InfobaseListQuery)
from entrypoints.http.schemas.learn import NoQuery
from ports.inbound import infobase
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("infobase", __name__, url_prefix="/api/v1", description="The knowledge base, full-text searched")


@bp.get("/infobase")
@bp.arguments(InfobaseListQuery, location="query")
@bp.response(200, InfobaseListOut)
@bp.errors(400)
@inject
def list_entries(query: dict, uow: UnitOfWork = Provide["uow"]):
    """Without `q`: your entries, newest first. With `q`: the matching ones, best first (a title match
    outranks a content match; English stemming), then by id. `tag` filters either way."""
    page = infobase.list_entries(uow, user=current_user(), q=query["q"], tag=query["tag"],
                                 request=page_request(query, SEARCH_KEY if query["q"] else ENTRY_KEY))
    return page_body(page)


@bp.post("/infobase")
@bp.arguments(InfobaseEntryIn, as_kwargs=True)
@bp.response(201, InfobaseEntryOut)
@bp.errors(400, 409, 415)
@idempotent
@inject
def create_entry(title: str, content: str, tags: list, uow: UnitOfWork = Provide["uow"],
                 clock: Clock = Provide["clock"]):
    """Add an entry."""
    return infobase.create_entry(uow, clock, user=current_user(), title=title, content=content, tags=tags)


@bp.get("/infobase/<uuid:entry_id>")
@bp.arguments(NoQuery, location="query")
@bp.response(200, InfobaseEntryOut)
@bp.errors(400, 404)
@inject
def get_entry(_query: dict, entry_id, uow: UnitOfWork = Provide["uow"]):
    """One of your entries."""
    return infobase.get_entry(uow, user=current_user(), entry_id=entry_id)


@bp.patch("/infobase/<uuid:entry_id>")
@bp.arguments(InfobaseEntryPatchIn)
@bp.response(200, InfobaseEntryOut)
@bp.errors(400, 404, 415)
@inject
def update_entry(changes: dict, entry_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Change title, content or tags of one of your entries."""
    return infobase.update_entry(uow, clock, user=current_user(), entry_id=entry_id, changes=changes)


@bp.delete("/infobase/<uuid:entry_id>")
@bp.response(204)
@bp.errors(404)
@inject
def delete_entry(entry_id, uow: UnitOfWork = Provide["uow"]):
    """Delete one of your entries."""
    infobase.delete_entry(uow, user=current_user(), entry_id=entry_id)
    return ""
