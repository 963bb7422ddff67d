"""Rows that outlive their use: expired sessions and logins, pause states of finished sessions."""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime


class Housekeeping(ABC):
    @abstractmethod
    def expired_sessions(self, now: datetime, *, delete: bool) -> int:
        """Sessions whose expires_at has passed: count them, and delete them when asked."""

    @abstractmethod
    def expired_logins(self, now: datetime, *, delete: bool) -> int:
        """Pending OAuth logins past their expiry."""

    @abstractmethod
    def stale_pauses(self, *, delete: bool) -> int:
        """Pause states whose focus session is no longer paused."""
