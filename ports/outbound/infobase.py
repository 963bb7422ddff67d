"""Where infobase entries live, with their full-text search."""
from __future__ import annotations

from abc import ABC, abstractmethod
from uuid import UUID

from domain.notes import InfobaseEntry, Ranked
from domain.paging import PageRequest


class InfobaseRepository(ABC):
    @abstractmethod
    def add(self, entry: InfobaseEntry) -> None:
        """Store a new entry."""

    @abstractmethod
    def get_owned(self, entry_id: UUID, user_id: UUID, *, lock: bool = False) -> InfobaseEntry | None:
        """The user's entry (locked until the transaction ends if asked); None when it is not theirs."""

    @abstractmethod
    def save(self, entry: InfobaseEntry) -> None:
        """Write back title, content, tags and updated_at."""

    @abstractmethod
    def delete_owned(self, entry_id: UUID, user_id: UUID) -> bool:
        """Delete the user's entry; False when it is not theirs or does not exist."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest, tag: str | None = None) -> list[InfobaseEntry]:
        """The user's entries (with `tag`, if given), newest first by (created_at, id); up to limit + 1."""

    @abstractmethod
    def search(self, user_id: UUID, text: str, request: PageRequest, tag: str | None = None) -> list[Ranked]:
        """The user's entries matching `text` (web-search syntax, English stemming), best first by
        (score, id) descending — a title match scores above a content match; up to limit + 1."""
