"""The admin audit log: who did what to which target, with before and after."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID, uuid4


@dataclass(frozen=True)
class AuditEntry:
    actor_id: UUID | None
    actor_email: str | None
    action: str
    target_type: str
    target_id: str | None
    before: dict | None
    after: dict | None
    request_id: str | None
    ip: str | None
    created_at: datetime
    id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True)
class Actor:
    """Who acts, and from where: carried from the request into audited use cases."""

    user_id: UUID | None
    email: str | None
    request_id: str | None = None
    ip: str | None = None
