"""/api/v1/quests: universal quests of the current period and the caller's own quests."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.idempotency import idempotent
from entrypoints.http.paging import PageQuery, page_body, page_request
from entrypoints.http.schemas.quests import ProgressIn, QuestIn, QuestOut, QuestPatchIn, QuestsOut
from ports.inbound import quests
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("quests", __name__, url_prefix="/api/v1", description="Quests: universal ones and your own")


@bp.get("/quests")
@bp.arguments(PageQuery, location="query")
@bp.response(200, QuestsOut)
@bp.errors(400)
@inject
def list_quests(query: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """The active universal quests with this period's progress (first page only), then your own, newest first.

    `limit` and `cursor` page through your own quests.
    """
    return page_body(quests.list_quests(uow, clock, user=current_user(), page=page_request(query)))


@bp.post("/quests")
@bp.arguments(QuestIn, as_kwargs=True)
@bp.response(201, QuestOut)
@bp.errors(400, 415)
@inject
def create_quest(title: str, target: int, due_date, description, uow: UnitOfWork = Provide["uow"],
                 clock: Clock = Provide["clock"]):
    """Create a quest of your own; completing it earns XP, never points."""
    return quests.create_quest(uow, clock, user=current_user(), title=title, target=target, due_date=due_date,
                               description=description)


@bp.patch("/quests/<uuid:quest_id>")
@bp.arguments(QuestPatchIn)
@bp.response(200, QuestOut)
@bp.errors(400, 404, 415)
@inject
def update_quest(changes: dict, quest_id, uow: UnitOfWork = Provide["uow"]):
    """Change title, description, target or due date of one of your quests."""
    return quests.update_quest(uow, user=current_user(), quest_id=quest_id, changes=changes)


@bp.delete("/quests/<uuid:quest_id>")
@bp.response(204)
@bp.errors(404)
@inject
def delete_quest(quest_id, uow: UnitOfWork = Provide["uow"]):
    """Delete one of your quests."""
    quests.delete_quest(uow, user=current_user(), quest_id=quest_id)
    return ""


@bp.post("/quests/<uuid:quest_id>/progress")
@bp.arguments(ProgressIn, as_kwargs=True)
@bp.response(200, QuestOut)
@bp.errors(400, 404, 409, 415)
@inject
def add_progress(quest_id, delta: int, uow: UnitOfWork = Provide["uow"]):
    """Move your quest's progress by `delta`; it stays within 0 … target."""
    return quests.add_progress(uow, user=current_user(), quest_id=quest_id, delta=delta)


@bp.post("/quests/<uuid:quest_id>/complete")
@bp.response(200, QuestOut)
@bp.errors(404, 409)
@idempotent
@inject
def complete_quest(quest_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Complete your quest once and earn its XP; again → 409. Honours Idempotency-Key."""
    return quests.complete_quest(uow, clock, user=current_user(), quest_id=quest_id)
