"""Idempotency records and the admin audit log."""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from uuid import UUID

from domain.audit import AuditEntry
from domain.idempotency import IdempotentRecord
from domain.paging import PageRequest


class IdempotencyRepository(ABC):
    @abstractmethod
    def claim(self, user_id: UUID, record: IdempotentRecord, now: datetime) -> IdempotentRecord | None:
        """Take the key for this request; None when taken now, else the earlier live record."""

    @abstractmethod
    def finish(self, user_id: UUID, key: str, status: int, body: object) -> None:
        """Store the response of the request that holds the key."""

    @abstractmethod
    def release(self, user_id: UUID, key: str) -> None:
        """Give the key up (the request failed on our side; a retry may run)."""


class AuditLog(ABC):
    @abstractmethod
    def append(self, entry: AuditEntry) -> None:
        """Record an admin action."""

    @abstractmethod
    def page(self, request: PageRequest, *, actor_id: UUID | None = None, target_type: str | None = None,
             target_id: str | None = None) -> list[AuditEntry]:
        """Entries newest first by (created_at, id), after `request.after`, narrowed by whichever
        of actor, target type and target id are given; up to limit + 1 rows."""
