"""/api/v1/market: the catalog and personal rewards, purchases paid with points, redeeming them."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from domain.market import ITEM_KEY
from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.idempotency import idempotent
from entrypoints.http.paging import PageQuery, page_body, page_request
from entrypoints.http.schemas.market import (MarketItemIn, MarketItemOut, MarketItemsOut, PurchaseIn, PurchaseOut,
                                             PurchasesOut)
from ports.inbound import market
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("market", __name__, url_prefix="/api/v1/market", description="The rewards market")


@bp.get("/items")
@bp.arguments(PageQuery, location="query")
@bp.response(200, MarketItemsOut)
@bp.errors(400)
@inject
def list_items(query: dict, uow: UnitOfWork = Provide["uow"]):
    """The active catalog and the caller's own rewards, by (sort_order, created_at, id)."""
    return page_body(market.list_items(uow, user=current_user(), request=page_request(query, ITEM_KEY)))


@bp.post("/items")
@bp.arguments(MarketItemIn, as_kwargs=True)
@bp.response(201, MarketItemOut)
@bp.errors(400, 415)
@inject
def create_item(name: str, cost: int, description: str | None, uow: UnitOfWork = Provide["uow"],
                clock: Clock = Provide["clock"]):
    """Add a personal reward, seen and bought by the caller only."""
    return market.create_reward(uow, clock, user=current_user(), name=name, cost=cost, description=description)


@bp.post("/purchases")
@bp.arguments(PurchaseIn, as_kwargs=True)
@bp.response(201, PurchaseOut)
@bp.errors(400, 404, 409, 415)
@idempotent
@inject
def purchase(item_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Buy an item with points; 409 insufficient_funds changes nothing."""
    return market.purchase(uow, clock, user=current_user(), item_id=item_id)


@bp.get("/purchases")
@bp.arguments(PageQuery, location="query")
@bp.response(200, PurchasesOut)
@bp.errors(400)
@inject
def list_purchases(query: dict, uow: UnitOfWork = Provide["uow"]):
    """The caller's purchases, newest first."""
    return page_body(market.list_purchases(uow, user=current_user(), request=page_request(query)))


@bp.post("/purchases/<uuid:purchase_id>/redeem")
@bp.response(200, PurchaseOut)
@bp.errors(400, 404, 409)
@idempotent
@inject
def redeem(purchase_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Use a purchase, once."""
    return market.redeem(uow, clock, user=current_user(), purchase_id=purchase_id)
