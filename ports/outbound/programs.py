"""Where training programs and their weeks live."""
from __future__ import annotations

from abc import ABC, abstractmethod
from uuid import UUID

from domain.paging import PageRequest
from domain.programs import TrainingProgram


class TrainingProgramRepository(ABC):
    @abstractmethod
    def add(self, program: TrainingProgram) -> None:
        """Insert a program and its weeks."""

    @abstractmethod
    def get_owned(self, program_id: UUID, user_id: UUID, *, lock: bool = False) -> TrainingProgram | None:
        """The user's program with its weeks, or None; `lock` holds it until the transaction ends."""

    @abstractmethod
    def save(self, program: TrainingProgram) -> None:
        """Write back the program's fields and replace its weeks."""

    @abstractmethod
    def delete_owned(self, program_id: UUID, user_id: UUID) -> bool:
        """Delete the user's program and its weeks; False when not theirs."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest) -> list[TrainingProgram]:
        """Newest first by (created_at, id), with their weeks; up to limit + 1 rows."""

    @abstractmethod
    def detach_workout(self, user_id: UUID, workout_id: UUID) -> None:
        """Clear this workout from every day of the user's programs that names it."""
