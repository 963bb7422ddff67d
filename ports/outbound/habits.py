"""Where habits live: the habits with their cached streaks, and their logs."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from domain.habits import Habit, HabitLog
from domain.paging import PageRequest
from domain.streaks import Streak, Vacation


@dataclass(frozen=True)
class HabitRecord:
    """A habit as stored: its cached streak (zeros when none is cached) and the log of one day."""

    habit: Habit
    streak: Streak
    log: HabitLog | None = None


class HabitRepository(ABC):
    @abstractmethod
    def add(self, habit: Habit) -> None:
        """Insert a new habit."""

    @abstractmethod
    def get_owned(self, habit_id: UUID, user_id: UUID, *, lock: bool = False) -> Habit | None:
        """The user's habit, or None (anyone else's too); `lock` holds its row until the transaction ends."""

    @abstractmethod
    def save(self, habit: Habit) -> None:
        """Write back every editable field and updated_at."""

    @abstractmethod
    def delete_owned(self, habit_id: UUID, user_id: UUID) -> bool:
        """Delete the user's habit with its logs and cached streak; False when it is not theirs."""

    @abstractmethod
    def all(self, user_id: UUID) -> list[Habit]:
        """Every habit of the user, archived ones too."""

    @abstractmethod
    def record(self, habit_id: UUID, user_id: UUID, day: date) -> HabitRecord | None:
        """The user's habit with its cached streak and its log of `day`."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest, day: date, archived: bool = False) -> list[HabitRecord]:
        """Oldest first by (created_at, id), after `request.after`; up to limit + 1 rows, each with its
        cached streak and its log of `day`."""

    @abstractmethod
    def lock_streaks(self, user_id: UUID) -> None:
        """Hold the user's streak cache until the transaction ends, so that recomputations queue up."""

    @abstractmethod
    def save_streaks(self, user_id: UUID, streaks: list[Streak], now: datetime) -> None:
        """Upsert cached streaks: per habit (kind 'habit') and account-wide (habit_id None)."""

    @abstractmethod
    def vacations_taken(self, user_id: UUID) -> list[Vacation]:
        """Vacation days that have passed and stay paused (recorded as `vacation.taken` events)."""


class HabitLogRepository(ABC):
    @abstractmethod
    def get(self, habit_id: UUID, user_id: UUID, day: date) -> HabitLog | None:
        """The habit's log of that day, if any."""

    @abstractmethod
    def put(self, log: HabitLog, replacing: HabitLog | None = None) -> None:
        """Insert the day's log, or write it over `replacing` (the same day's log; the id may change)."""

    @abstractmethod
    def delete(self, log: HabitLog) -> None:
        """Remove the log."""

    @abstractmethod
    def page(self, habit_id: UUID, user_id: UUID, request: PageRequest) -> list[HabitLog] | None:
        """Newest first by date, after `request.after` (a one-date tuple); up to limit + 1 rows. None when
        the habit is not the user's (or does not exist)."""

    @abstractmethod
    def statuses(self, user_id: UUID, habit_ids: list[UUID], after: date | None = None) -> dict[UUID, dict[date, str]]:
        """Each habit's log statuses by date (only dates after `after`, when given), in one query."""

    @abstractmethod
    def days(self, user_id: UUID) -> dict[date, str]:
        """Per local date with any log: 'done' if any habit was done that day, else 'skipped'."""
