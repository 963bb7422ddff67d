"""The rewards market's store: catalog and personal items, and the purchases made of them."""
from __future__ import annotations

from abc import ABC, abstractmethod
from uuid import UUID

from domain.market import MarketItem, Purchase
from domain.paging import PageRequest


class MarketRepository(ABC):
    @abstractmethod
    def add_item(self, item: MarketItem) -> None:
        """Insert an item (a catalog row when it has no owner)."""

    @abstractmethod
    def get_item(self, item_id: UUID) -> MarketItem | None:
        """The item, whoever owns it and whether active or not; None when missing."""

    @abstractmethod
    def items_page(self, user_id: UUID, request: PageRequest) -> list[MarketItem]:
        """Active catalog items and the user's own active rewards, by (sort_order, created_at, id),
        after `request.after`; up to limit + 1 rows."""

    @abstractmethod
    def add_purchase(self, purchase: Purchase) -> None:
        """Insert a purchase."""

    @abstractmethod
    def lock_purchase(self, purchase_id: UUID, user_id: UUID) -> Purchase | None:
        """The user's purchase, locked until the transaction ends; None when missing or not theirs."""

    @abstractmethod
    def save_purchase(self, purchase: Purchase) -> None:
        """Write status and redeemed_at back."""

    @abstractmethod
    def purchases_page(self, user_id: UUID, request: PageRequest) -> list[Purchase]:
        """The user's purchases newest first, keyed by (created_at, id); up to limit + 1 rows."""
