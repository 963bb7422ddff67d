"""Postgres market items and purchases; statements are built once, with bind parameters."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema import market_items, user_purchases
from domain.market import MarketItem, Purchase
from ports.outbound.market import MarketRepository

_i, _p = market_items.c, user_purchases.c
ITEM_COLUMNS = (_i.id, _i.name, _i.cost, _i.user_id, _i.description, _i.key, _i.category, _i.icon, _i.active,
                _i.sort_order, _i.created_at)
PURCHASE_COLUMNS = (_p.id, _p.user_id, _p.item_id, _p.item_name, _p.cost, _p.created_at, _p.status, _p.redeemed_at)

GET_ITEM = sa.select(*ITEM_COLUMNS).where(_i.id == sa.bindparam("id"))
_VISIBLE = sa.select(*ITEM_COLUMNS).where(_i.active, sa.or_(_i.user_id.is_(None), _i.user_id == sa.bindparam("u")))
_ITEM_ORDER = (_i.sort_order, _i.created_at, _i.id)
ITEMS_FIRST = _VISIBLE.order_by(*_ITEM_ORDER).limit(sa.bindparam("n"))
ITEMS_AFTER = _VISIBLE.where(sa.tuple_(*_ITEM_ORDER) > sa.tuple_(
    sa.bindparam("s", type_=sa.Integer), sa.bindparam("c", type_=sa.DateTime(timezone=True)),
    sa.bindparam("i", type_=_i.id.type))).order_by(*_ITEM_ORDER).limit(sa.bindparam("n"))

LOCK_PURCHASE = sa.select(*PURCHASE_COLUMNS).where(_p.id == sa.bindparam("id"),
                                                   _p.user_id == sa.bindparam("u")).with_for_update()
SAVE_PURCHASE = user_purchases.update().where(_p.id == sa.bindparam("pid")).values(
    status=sa.bindparam("status"), redeemed_at=sa.bindparam("redeemed_at"))
_MINE = sa.select(*PURCHASE_COLUMNS).where(_p.user_id == sa.bindparam("u"))
_PURCHASE_ORDER = (_p.created_at.desc(), _p.id.desc())
PURCHASES_FIRST = _MINE.order_by(*_PURCHASE_ORDER).limit(sa.bindparam("n"))
PURCHASES_AFTER = _MINE.where(sa.tuple_(_p.created_at, _p.id) < sa.tuple_(
    sa.bindparam("c", type_=sa.DateTime(timezone=True)), sa.bindparam("i", type_=_p.id.type))
).order_by(*_PURCHASE_ORDER).limit(sa.bindparam("n"))


def _item(r) -> MarketItem:
    return MarketItem(id=r.id, name=r.name, cost=r.cost, user_id=r.user_id, description=r.description, key=r.key,
                      category=r.category, icon=r.icon, active=r.active, sort_order=r.sort_order,
                      created_at=r.created_at)


def _purchase(r) -> Purchase:
    return Purchase(id=r.id, user_id=r.user_id, item_id=r.item_id, item_name=r.item_name, cost=r.cost,
                    created_at=r.created_at, status=r.status, redeemed_at=r.redeemed_at)


class PgMarketRepository(MarketRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add_item(self, item):
        values = dict(id=item.id, name=item.name, cost=item.cost, user_id=item.user_id, description=item.description,
                      key=item.key, category=item.category, icon=item.icon, active=item.active,
                      sort_order=item.sort_order, created_at=item.created_at)
        if item.created_at is None:
            del values["created_at"]  # the server's now()
        self.connection.execute(market_items.insert().values(**values))

    def get_item(self, item_id):
        row = self.connection.execute(GET_ITEM, {"id": item_id}).first()
        return _item(row) if row else None

    def items_page(self, user_id, request):
        if request.after is None:
            rows = self.connection.execute(ITEMS_FIRST, {"u": user_id, "n": request.limit + 1})
        else:
            s, c, i = request.after
            rows = self.connection.execute(ITEMS_AFTER, {"u": user_id, "n": request.limit + 1, "s": s, "c": c,
                                                         "i": i})
        return [_item(r) for r in rows]

    def add_purchase(self, p):
        self.connection.execute(user_purchases.insert().values(
            id=p.id, user_id=p.user_id, item_id=p.item_id, item_name=p.item_name, cost=p.cost, status=p.status,
            redeemed_at=p.redeemed_at, created_at=p.created_at, updated_at=p.created_at))

    def lock_purchase(self, purchase_id, user_id):
        row = self.connection.execute(LOCK_PURCHASE, {"id": purchase_id, "u": user_id}).first()
        return _purchase(row) if row else None

    def save_purchase(self, p):
        self.connection.execute(SAVE_PURCHASE, {"pid": p.id, "status": p.status, "redeemed_at": p.redeemed_at})

    def purchases_page(self, user_id, request):
        if request.after is None:
            rows = self.connection.execute(PURCHASES_FIRST, {"u": user_id, "n": request.limit + 1})
        else:
            c, i = request.after
            rows = self.connection.execute(PURCHASES_AFTER, {"u": user_id, "n": request.limit + 1, "c": c, "i": i})
        return [_purchase(r) for r in rows]
