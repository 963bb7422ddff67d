"""The rewards market: browse, add personal rewards, buy with points, redeem once."""
from __future__ import annotations

from uuid import UUID

from domain.activity import Event
from domain.errors import NotFound
from domain.market import ITEM_KEY, PURCHASE_KEY, MarketItem, Purchase, check_after
from domain.paging import Page, PageRequest, page_of
from domain.users import User
from domain.wallet import Source
from ports.inbound import rewards
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def list_items(uow: UnitOfWork, *, user: User, request: PageRequest) -> Page[MarketItem]:
    """The active catalog and the user's own rewards, by (sort_order, created_at, id)."""
    check_after(request, ITEM_KEY)
    with uow.read_only():
        rows = uow.market.items_page(user.id, request)
    return page_of(rows, request, lambda item: item.sort_key)


def create_reward(uow: UnitOfWork, clock: Clock, *, user: User, name: str, cost: int,
                  description: str | None = None) -> MarketItem:
    """Add a personal reward that only its owner sees and buys."""
    item = MarketItem.personal(user.id, name=name, cost=cost, description=description, now=clock.now())
    with uow:
        uow.market.add_item(item)
        uow.commit()
    return item


def purchase(uow: UnitOfWork, clock: Clock, *, user: User, item_id: UUID) -> Purchase:
    """Buy an item: debit its cost (never below zero), keep the purchase, record the event; all or nothing."""
    now = clock.now()
    with uow:
        item = uow.market.get_item(item_id)
        if item is None:
            raise NotFound("Market item not found.")
        bought = item.sell_to(user.id, now)
        rewards.post(uow, user.id, points=-bought.cost, xp=0, reason=f"Purchase: {bought.item_name}",
                     source=Source("purchase", str(bought.id)), now=now)
        uow.market.add_purchase(bought)
        rewards.record(uow, user, Event(user_id=user.id, type="market.purchased", occurred_at=now,
                                        local_date=user.day.local_date(now), subject_type="market_item",
                                        subject_id=str(item.id), metrics={"purchases_made": 1},
                                        data={"purchase_id": str(bought.id), "cost": bought.cost}), now)
        uow.commit()
    return bought


def list_purchases(uow: UnitOfWork, *, user: User, request: PageRequest) -> Page[Purchase]:
    """The user's purchases, newest first."""
    check_after(request, PURCHASE_KEY)
    with uow.read_only():
        rows = uow.market.purchases_page(user.id, request)
    return page_of(rows, request, lambda p: p.sort_key)


def redeem(uow: UnitOfWork, clock: Clock, *, user: User, purchase_id: UUID) -> Purchase:
    """Mark a purchase as used; a second redeem is a conflict."""
    now = clock.now()
    with uow:
        bought = uow.market.lock_purchase(purchase_id, user.id)
        if bought is None:
            raise NotFound("Purchase not found.")
        bought.redeem(now)
        uow.market.save_purchase(bought)
        rewards.record(uow, user, Event(user_id=user.id, type="market.redeemed", occurred_at=now,
                                        local_date=user.day.local_date(now), subject_type="purchase",
                                        subject_id=str(bought.id)), now)
        uow.commit()
    return bought
