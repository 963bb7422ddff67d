"""Where goals live: each goal with its milestones, one aggregate."""
from __future__ import annotations

from abc import ABC, abstractmethod
from uuid import UUID

from domain.goals import Goal
from domain.paging import PageRequest


class GoalRepository(ABC):
    @abstractmethod
    def add(self, goal: Goal) -> None:
        """Insert a new goal (and any milestones it already has)."""

    @abstractmethod
    def get_owned(self, goal_id: UUID, user_id: UUID, *, lock: bool = False) -> Goal | None:
        """The user's goal with its milestones by position, or None (anyone else's too); `lock` holds
        the goal's row until the transaction ends, which serialises every change to it and its milestones."""

    @abstractmethod
    def save(self, goal: Goal) -> None:
        """Write back the goal and its milestones: new ones inserted, changed ones updated, missing ones deleted."""

    @abstractmethod
    def delete_owned(self, goal_id: UUID, user_id: UUID) -> bool:
        """Delete the user's goal and its milestones; False when it is not theirs or does not exist."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest, status: str | None = None) -> list[Goal]:
        """Newest first by (created_at, id), after `request.after`, with milestones; up to limit + 1 goals."""

    @abstractmethod
    def recorded(self, user_id: UUID, event_type: str, subject_id: UUID) -> bool:
        """Whether the user's activity feed already holds an event of this type about this subject."""
