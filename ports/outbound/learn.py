"""Where learning content (shared, read-only for users) and each user's lesson progress live."""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from uuid import UUID

from domain.learn import Lesson, LessonProgress, Topic


class LearnRepository(ABC):
    @abstractmethod
    def catalog(self, user_id: UUID) -> tuple[list[Topic], dict[UUID, datetime]]:
        """Published topics in (position, id) order, each with its published lessons in order, without
        content; and lesson id → completed_at of those lessons that the user completed. Read together."""

    @abstractmethod
    def topic(self, topic_id: UUID, user_id: UUID) -> tuple[Topic, dict[UUID, datetime]] | None:
        """One published topic with its published lessons (without content) and, as `catalog`, the user's
        completions of them; None otherwise."""

    @abstractmethod
    def lesson(self, lesson_id: UUID, user_id: UUID) -> tuple[Lesson, LessonProgress | None] | None:
        """A published lesson of a published topic, with its content, and the user's progress row for it
        (if any); None otherwise."""

    @abstractmethod
    def record_completion(self, progress: LessonProgress) -> bool:
        """Store a completed progress row; False (and nothing written) when the lesson was already
        completed, also by a concurrent transaction — so that only one of them awards it."""
