"""The user's own quests."""
from __future__ import annotations

from abc import ABC, abstractmethod
from uuid import UUID

from domain.paging import PageRequest
from domain.quests import UserQuest


class UserQuestRepository(ABC):
    @abstractmethod
    def add(self, quest: UserQuest) -> None:
        """Store a new quest."""

    @abstractmethod
    def get_owned(self, quest_id: UUID, user_id: UUID, *, lock: bool = False) -> UserQuest | None:
        """The user's quest (locked until the transaction ends if asked); None when it is not theirs."""

    @abstractmethod
    def save(self, quest: UserQuest) -> None:
        """Write back title, description, target, progress, due date, status and completion."""

    @abstractmethod
    def delete_owned(self, quest_id: UUID, user_id: UUID) -> bool:
        """Delete the user's quest; False when it is not theirs or does not exist."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest) -> list[UserQuest]:
        """Newest first, keyed by (created_at, id); up to limit + 1 rows."""
