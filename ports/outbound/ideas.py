"""Where ideas live."""
from __future__ import annotations

from abc import ABC, abstractmethod
from uuid import UUID

from domain.notes import Idea
from domain.paging import PageRequest


class IdeaRepository(ABC):
    @abstractmethod
    def add(self, idea: Idea) -> None:
        """Store a new idea."""

    @abstractmethod
    def get_owned(self, idea_id: UUID, user_id: UUID, *, lock: bool = False) -> Idea | None:
        """The user's idea (locked until the transaction ends if asked); None when it is not theirs."""

    @abstractmethod
    def save(self, idea: Idea) -> None:
        """Write back title, body, tags, pinned and updated_at."""

    @abstractmethod
    def delete_owned(self, idea_id: UUID, user_id: UUID) -> bool:
        """Delete the user's idea; False when it is not theirs or does not exist."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest, tag: str | None = None) -> list[Idea]:
        """The user's ideas (with `tag`, if given), pinned first, then newest, by (pinned, created_at, id)
        descending, with pinned as 1/0 in the key; up to limit + 1."""
