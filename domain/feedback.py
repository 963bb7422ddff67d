"""Feedback: a bug report, an idea or anything else a user sends; admins triage it later."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from domain.errors import InvalidInput

KINDS = ("bug", "idea", "other")
STATUSES = ("new", "in_progress", "resolved", "closed", "wont_fix")
MAX_MESSAGE, MAX_PAGE, MAX_USER_AGENT = 20_000, 2_000, 500


@dataclass
class Feedback:
    id: UUID
    user_id: UUID
    kind: str
    message: str
    created_at: datetime
    page: str | None = None  # where in the UI it was sent from
    user_agent: str | None = None
    status: str = "new"
    admin_notes: str | None = None
    updated_at: datetime | None = None

    @classmethod
    def submit(cls, user_id: UUID, kind: str, message: str, now: datetime, *, page: str | None = None,
               user_agent: str | None = None) -> "Feedback":
        """New feedback; the User-Agent is kept as sent, cut to MAX_USER_AGENT characters."""
        if kind not in KINDS:
            raise InvalidInput("kind", f"Must be one of: {', '.join(KINDS)}.")
        if not message.strip() or len(message) > MAX_MESSAGE:
            raise InvalidInput("message", f"Must hold 1 to {MAX_MESSAGE} characters, not only spaces.")
        if page is not None and len(page) > MAX_PAGE:
            raise InvalidInput("page", f"At most {MAX_PAGE} characters.")
        return cls(id=uuid4(), user_id=user_id, kind=kind, message=message, created_at=now, updated_at=now,
                   page=page or None, user_agent=user_agent[:MAX_USER_AGENT] if user_agent else None)
