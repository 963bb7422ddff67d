"""Where focus sessions live: the sessions and the open pause of a paused one."""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from uuid import UUID

from domain.focus import FocusSession
from domain.paging import PageRequest


class FocusSessionRepository(ABC):
    @abstractmethod
    def add(self, session: FocusSession) -> None:
        """Insert a new session; a second open one for the user is a Conflict (even under races)."""

    @abstractmethod
    def get_owned(self, session_id: UUID, user_id: UUID, *, lock: bool = False) -> FocusSession | None:
        """The user's session, or None (anyone else's too); `lock` holds its row until the transaction ends."""

    @abstractmethod
    def open_for(self, user_id: UUID) -> FocusSession | None:
        """The user's active or paused session, if any."""

    @abstractmethod
    def save(self, session: FocusSession) -> None:
        """Write back status, times, awards and the open pause."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest, status: str | None = None) -> list[FocusSession]:
        """Newest first by (started_at, id), after `request.after`; up to limit + 1 rows."""

    @abstractmethod
    def completed_focus(self, user_id: UUID, since: datetime, until: datetime) -> list[tuple[datetime, int]]:
        """(completed_at, focused_seconds) of focus-mode sessions completed in [since, until), oldest first."""
