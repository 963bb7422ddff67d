"""In-memory market items and purchases."""
from __future__ import annotations

from dataclasses import replace

from ports.outbound.market import MarketRepository


class InMemoryMarketRepository(MarketRepository):
    def __init__(self, tables: dict) -> None:
        self.items: dict = tables["market_items"]
        self.purchases: dict = tables["user_purchases"]

    def add_item(self, item):
        if item.id in self.items:
            raise ValueError("duplicate market item id")
        self.items[item.id] = replace(item)

    def get_item(self, item_id):
        item = self.items.get(item_id)
        return replace(item) if item else None

    def items_page(self, user_id, request):
        rows = sorted((i for i in self.items.values() if i.active and i.user_id in (None, user_id)),
                      key=lambda i: i.sort_key)
        if request.after is not None:
            rows = [i for i in rows if i.sort_key > request.after]
        return [replace(i) for i in rows[:request.limit + 1]]

    def add_purchase(self, purchase):
        if purchase.id in self.purchases:
            raise ValueError("duplicate purchase id")
        self.purchases[purchase.id] = replace(purchase)

    def lock_purchase(self, purchase_id, user_id):
        found = self.purchases.get(purchase_id)
        return replace(found) if found and found.user_id == user_id else None

    def save_purchase(self, purchase):
        self.purchases[purchase.id] = replace(purchase)

    def purchases_page(self, user_id, request):
        rows = sorted((p for p in self.purchases.values() if p.user_id == user_id), key=lambda p: p.sort_key,
                      reverse=True)
        if request.after is not None:
            rows = [p for p in rows if p.sort_key < request.after]
        return [replace(p) for p in rows[:request.limit + 1]]
