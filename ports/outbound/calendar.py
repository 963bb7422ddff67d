"""Where calendar events live: single events and series (one row each)."""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from uuid import UUID

from domain.calendar import CalendarEvent


class CalendarEventRepository(ABC):
    @abstractmethod
    def add(self, event: CalendarEvent) -> None:
        """Insert a new event or series."""

    @abstractmethod
    def get_owned(self, event_id: UUID, user_id: UUID, *, lock: bool = False) -> CalendarEvent | None:
        """The user's event, or None (anyone else's too); `lock` holds its row until the transaction ends."""

    @abstractmethod
    def save(self, event: CalendarEvent) -> None:
        """Write back every editable field, the rule's end and updated_at."""

    @abstractmethod
    def delete_owned(self, event_id: UUID, user_id: UUID) -> bool:
        """Delete the user's event (a whole series); False when it is not theirs or does not exist."""

    @abstractmethod
    def singles_in(self, user_id: UUID, start: datetime, end: datetime, limit: int) -> list[CalendarEvent]:
        """Single (not recurring) events lying in [start, end) — overlapping it, or lasting no time
        and starting in it — by (starts_at, id); at most `limit`."""

    @abstractmethod
    def series_in(self, user_id: UUID, start: datetime, end: datetime) -> list[CalendarEvent]:
        """Series that may have occurrences in [start, end): begun before `end` and not ended
        (recurrence_until plus the event's length, with a day to spare for DST) before `start`."""
