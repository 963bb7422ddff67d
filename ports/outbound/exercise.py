"""Where the exercise area lives: the catalog, workout templates, logged sessions and records."""
from __future__ import annotations

from abc import ABC, abstractmethod
from uuid import UUID

from domain.exercise import Exercise, Workout, WorkoutSession
from domain.paging import PageRequest
from domain.personal_records import PersonalRecord


class ExerciseRepository(ABC):
    @abstractmethod
    def add(self, exercise: Exercise) -> None:
        """Insert an exercise (a catalog row when it has no owner)."""

    @abstractmethod
    def usable(self, user_id: UUID, exercise_ids: set[UUID]) -> dict[UUID, Exercise]:
        """Those of these exercises the user may use (catalog or their own), by id."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest, query: str | None = None) -> list[Exercise]:
        """Catalog and own exercises whose name contains `query` (case-blind), in `name_order`
        after `request.after` = (name, id); up to limit + 1 rows."""


class WorkoutRepository(ABC):
    @abstractmethod
    def add(self, workout: Workout) -> None:
        """Insert a template and its planned exercises."""

    @abstractmethod
    def get_owned(self, workout_id: UUID, user_id: UUID, *, lock: bool = False) -> Workout | None:
        """The user's template with its exercises (named), or None; `lock` holds it until the end."""

    @abstractmethod
    def save(self, workout: Workout) -> None:
        """Write back name, description, updated_at, and replace the planned exercises."""

    @abstractmethod
    def delete_owned(self, workout_id: UUID, user_id: UUID) -> bool:
        """Delete the user's template; its sessions stay, without it. False when not theirs."""

    @abstractmethod
    def owned_ids(self, user_id: UUID, workout_ids: set[UUID]) -> set[UUID]:
        """Those of these ids that are the user's templates."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest) -> list[Workout]:
        """Newest first by (created_at, id), with their exercises; up to limit + 1 rows."""


class WorkoutSessionRepository(ABC):
    @abstractmethod
    def add(self, session: WorkoutSession) -> None:
        """Insert a session and its sets."""

    @abstractmethod
    def get_owned(self, session_id: UUID, user_id: UUID) -> WorkoutSession | None:
        """The user's session with its sets (named), or None."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest) -> list[WorkoutSession]:
        """Newest first by (started_at, id), with their sets; up to limit + 1 rows."""


class PersonalRecordRepository(ABC):
    @abstractmethod
    def current(self, user_id: UUID, exercise_ids: set[UUID]) -> dict[tuple[UUID, str], PersonalRecord]:
        """The user's records of these exercises by (exercise_id, metric)."""

    @abstractmethod
    def raise_to(self, records: list[PersonalRecord]) -> list[PersonalRecord]:
        """Store each record unless the stored one is as good or better (atomically, even under
        races); returns those stored, with their row ids. One record per (user, exercise, metric)
        at a time, else ValueError."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest, exercise_id: UUID | None = None) -> list[PersonalRecord]:
        """Newest first by (achieved_at, id), named; up to limit + 1 rows."""
