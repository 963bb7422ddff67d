"""/api/v1/gamification/summary, /achievements and /wallet/ledger."""
from __future__ import annotations

from uuid import UUID

from dependency_injector.wiring import Provide, inject

from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.paging import PageQuery, page_body, page_request
from entrypoints.http.schemas.gamification import AchievementsOut, LedgerOut, SummaryOut
from ports.inbound import gamification
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("gamification", __name__, url_prefix="/api/v1", description="Points, XP, levels and achievements")


@bp.get("/gamification/summary")
@bp.response(200, SummaryOut)
@bp.errors()
@inject
def summary(uow: UnitOfWork = Provide["uow"]):
    return gamification.summary(uow, user_id=current_user().id)


@bp.get("/achievements")
@bp.arguments(PageQuery, location="query")
@bp.response(200, AchievementsOut)
@bp.errors(400)
@inject
def achievements(query: dict, uow: UnitOfWork = Provide["uow"]):
    request = page_request(query, shape=(int, UUID))
    return page_body(gamification.achievements(uow, user_id=current_user().id, request=request))


@bp.get("/wallet/ledger")
@bp.arguments(PageQuery, location="query")
@bp.response(200, LedgerOut)
@bp.errors(400)
@inject
def ledger(query: dict, uow: UnitOfWork = Provide["uow"]):
    request = page_request(query)
    return page_body(gamification.ledger(uow, user_id=current_user().id, request=request))
