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
    def in_window(self, user_id: UUID, start: datetime, end: datetime,
                  limit: int) -> tuple[list[CalendarEvent], list[CalendarEvent]]:
        """(singles, series) of [start, end), each by (starts_at, id), read together.

        Singles: events that do not recur lying in the window — overlapping it, or lasting no time
        and starting in it —, at most `limit`. Series: those that may have occurrences in it, begun
        before `end` and not ended (recurrence_until plus the event's length, with a day to spare
        for DST) before `start`."""
