"""Everything a user owns, table by table: for the export and for deleting an account."""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import Iterator
from uuid import UUID


class AccountData(ABC):
    @abstractmethod
    def tables(self) -> list[str]:
        """The names of the tables that hold the user's rows (the user's own row first)."""

    @abstractmethod
    def rows(self, user_id: UUID, table: str) -> Iterator[dict]:
        """The user's rows of one table as plain values, read lazily (never all at once).
        Secrets such as session token hashes are left out."""

    @abstractmethod
    def storage_keys(self, user_id: UUID) -> list[str]:
        """Keys of the user's stored files (blobs and tracks)."""

    @abstractmethod
    def mark_deleted(self, user_id: UUID, now: datetime) -> None:
        """Flag the account as being deleted (it can no longer log in) and end its sessions."""

    @abstractmethod
    def purge(self, user_id: UUID) -> None:
        """Delete the user's row and, by cascade, every row they own."""

    @abstractmethod
    def pending_deletions(self) -> list[UUID]:
        """Users flagged as being deleted whose rows are still there (a deletion failed part-way)."""
