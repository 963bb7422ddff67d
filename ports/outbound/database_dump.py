"""Whole-database dumps for backups: written to and read from a local file."""
from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path


class DatabaseDump(ABC):
    @abstractmethod
    def dump(self, target: Path) -> None:
        """Write a dump of the whole database to `target` (pg_dump custom format)."""

    @abstractmethod
    def restore(self, source: Path, database_url: str) -> None:
        """Load a dump into the (empty) database at `database_url`."""
