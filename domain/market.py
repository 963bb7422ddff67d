"""The rewards market: catalog items, personal rewards and purchases that are redeemed once.

An item with no owner belongs to the catalog and is seen by everyone while active; an item
with an owner is a personal reward that only its owner sees and buys. Either costs points.
Lists of items run in the order (sort_order, created_at, id); purchases newest first.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from domain.errors import Conflict, InvalidInput, NotFound
from domain.paging import PageRequest

MAX_NAME, MAX_DESCRIPTION, MAX_COST = 200, 20_000, 1_000_000
PURCHASED, REDEEMED = "purchased", "redeemed"
ITEM_KEY, PURCHASE_KEY = (int, datetime, UUID), (datetime, UUID)  # the shapes of the sort keys below


def check_after(request: PageRequest, shape: tuple[type, ...]) -> None:
    """A page may only continue after a sort key of the list's own shape."""
    after = request.after
    if after is not None and (len(after) != len(shape) or not all(map(_fits, after, shape))):
        raise InvalidInput("cursor", "Not a cursor this API gave out.")


def _fits(value: object, kind: type) -> bool:
    if kind is int:
        return type(value) is int and -2**31 <= value < 2**31
    if kind is datetime:
        return isinstance(value, datetime) and value.tzinfo is not None
    return isinstance(value, kind)


@dataclass
class MarketItem:
    id: UUID
    name: str
    cost: int
    user_id: UUID | None = None  # None: the catalog
    description: str | None = None
    key: str | None = None
    category: str | None = None
    icon: str | None = None
    active: bool = True
    sort_order: int = 0
    created_at: datetime | None = None

    @classmethod
    def personal(cls, owner_id: UUID, *, name: str, cost: int, description: str | None, now: datetime) -> "MarketItem":
        """A reward the owner sets for themselves, paid with their own points."""
        if not 1 <= len(name or "") <= MAX_NAME:
            raise InvalidInput("name", f"Must be 1–{MAX_NAME} characters.")
        if isinstance(cost, bool) or not isinstance(cost, int) or not 1 <= cost <= MAX_COST:
            raise InvalidInput("cost", f"Must be a whole number from 1 to {MAX_COST:,}.")
        if description is not None and len(description) > MAX_DESCRIPTION:
            raise InvalidInput("description", f"Must be at most {MAX_DESCRIPTION:,} characters.")
        return cls(id=uuid4(), name=name, cost=cost, user_id=owner_id, description=description, created_at=now)

    @property
    def personal_reward(self) -> bool:
        return self.user_id is not None

    @property
    def sort_key(self) -> tuple:
        return (self.sort_order, self.created_at, self.id)

    def visible_to(self, user_id: UUID) -> bool:
        """Active, and either in the catalog or the user's own reward."""
        return self.active and (self.user_id is None or self.user_id == user_id)

    def sell_to(self, user_id: UUID, now: datetime) -> "Purchase":
        """A purchase of this item at its current name and price; others' or inactive items do not exist."""
        if not self.visible_to(user_id):
            raise NotFound("Market item not found.")
        return Purchase(id=uuid4(), user_id=user_id, item_id=self.id, item_name=self.name, cost=self.cost,
                        created_at=now)


@dataclass
class Purchase:
    id: UUID
    user_id: UUID
    item_id: UUID | None  # None once the item is deleted; the name and price stay
    item_name: str
    cost: int
    created_at: datetime
    status: str = PURCHASED
    redeemed_at: datetime | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.created_at, self.id)

    def redeem(self, now: datetime) -> None:
        """Use what was bought: once, and only while it is purchased."""
        if self.status != PURCHASED:
            raise Conflict(f"This purchase is {self.status} and cannot be redeemed.", status=self.status)
        self.status, self.redeemed_at = REDEEMED, now
