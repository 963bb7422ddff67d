"""The user's own quests."""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date
from uuid import UUID

from domain.paging import PageRequest
from domain.quests import QuestProgress, UniversalQuest, UserQuest

Periods = dict[str, tuple[str, tuple[date, date] | None]]  # period → (its current key, its local dates or None)


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
    def board(self, user_id: UUID, request: PageRequest, periods: Periods | None
              ) -> tuple[list[tuple[UniversalQuest, int, QuestProgress | None]], list[UserQuest]]:
        """The user's quest board, read together. With `periods` (for every period: its current key and
        local dates, None for all time), each active universal quest in display order with its metric's
        total within its period (as ActivityRepository.totals counts it) and the user's stored progress
        row of its current key; without, none. And a page of the user's own quests, newest first by
        (created_at, id), after `request.after`; up to limit + 1 rows."""
