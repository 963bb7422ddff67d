"""/api/v1/ideas: quick notes with tags; pinned ones first."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from domain.notes import IDEA_KEY
from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.idempotency import idempotent
from entrypoints.http.paging import page_body, page_request
from entrypoints.http.schemas.ideas import IdeaIn, IdeaListOut, IdeaListQuery, IdeaOut, IdeaPatchIn
from entrypoints.http.schemas.learn import NoQuery
from ports.inbound import ideas
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("ideas", __name__, url_prefix="/api/v1", description="Ideas")


@bp.get("/ideas")
@bp.arguments(IdeaListQuery, location="query")
@bp.response(200, IdeaListOut)
@bp.errors(400)
@inject
def list_ideas(query: dict, uow: UnitOfWork = Provide["uow"]):
    """Your ideas: pinned first, then newest first. `tag` filters."""
    page = ideas.list_ideas(uow, user=current_user(), request=page_request(query, IDEA_KEY), tag=query["tag"])
    return page_body(page)


@bp.post("/ideas")
@bp.arguments(IdeaIn, as_kwargs=True)
@bp.response(201, IdeaOut)
@bp.errors(400, 409, 415)
@idempotent
@inject
def create_idea(title: str, body, tags: list, pinned: bool, uow: UnitOfWork = Provide["uow"],
                clock: Clock = Provide["clock"]):
    """Add an idea."""
    return ideas.create_idea(uow, clock, user=current_user(), title=title, body=body, tags=tags, pinned=pinned)


@bp.get("/ideas/<uuid:idea_id>")
@bp.arguments(NoQuery, location="query")
@bp.response(200, IdeaOut)
@bp.errors(400, 404)
@inject
def get_idea(_query: dict, idea_id, uow: UnitOfWork = Provide["uow"]):
    """One of your ideas."""
    return ideas.get_idea(uow, user=current_user(), idea_id=idea_id)


@bp.patch("/ideas/<uuid:idea_id>")
@bp.arguments(IdeaPatchIn)
@bp.response(200, IdeaOut)
@bp.errors(400, 404, 415)
@inject
def update_idea(changes: dict, idea_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Change title, body, tags or pinned of one of your ideas."""
    return ideas.update_idea(uow, clock, user=current_user(), idea_id=idea_id, changes=changes)


@bp.delete("/ideas/<uuid:idea_id>")
@bp.response(204)
@bp.errors(404)
@inject
def delete_idea(idea_id, uow: UnitOfWork = Provide["uow"]):
    """Delete one of your ideas."""
    ideas.delete_idea(uow, user=current_user(), idea_id=idea_id)
    return ""
