"""A clock that only moves when a test moves it."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ports.outbound.clock import Clock


class FixedClock(Clock):
    def __init__(self, at: datetime | None = None) -> None:
        self.at = at or datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self.at

    def advance(self, delta: timedelta) -> None:
        self.at += delta
