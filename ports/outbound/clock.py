"""Time, as the core sees it: always through this port, so tests move it without sleeping."""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime


class Clock(ABC):
    @abstractmethod
    def now(self) -> datetime:
        """The current instant, timezone-aware (UTC)."""
