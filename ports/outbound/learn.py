"""Where learning content (shared, read-only for users) and each user's lesson progress live."""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from uuid import UUID

from domain.learn import Lesson, LessonProgress, Topic


class LearnRepository(ABC):
    @abstractmethod
    def catalog(self) -> list[Topic]:
        """Published topics in (position, id) order, each with its published lessons in order, without content."""

    @abstractmethod
    def topic(self, topic_id: UUID) -> Topic | None:
        """One published topic with its published lessons (without content); None otherwise."""

    @abstractmethod
    def lesson(self, lesson_id: UUID) -> Lesson | None:
        """A published lesson of a published topic, with its content; None otherwise."""

    @abstractmethod
    def completed(self, user_id: UUID) -> dict[UUID, datetime]:
        """Lesson id → completed_at of every lesson the user completed."""

    @abstractmethod
    def progress(self, user_id: UUID, lesson_id: UUID) -> LessonProgress | None:
        """The user's progress row for the lesson, if any."""

    @abstractmethod
    def record_completion(self, progress: LessonProgress) -> bool:
        """Store a completed progress row; False (and nothing written) when the lesson was already
        completed, also by a concurrent transaction — so that only one of them awards it."""
