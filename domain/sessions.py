"""Server-side sessions: opaque tokens stored hashed, sliding idle expiry under an absolute cap."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID, uuid4

from domain.identity import digest, random_secret

ABSOLUTE_LIFETIME = timedelta(days=30)
IDLE_LIFETIME = timedelta(days=14)
TOUCH_INTERVAL = timedelta(minutes=5)


@dataclass
class Session:
    id: UUID
    user_id: UUID
    token_hash: bytes
    created_at: datetime
    expires_at: datetime
    last_active_at: datetime
    user_agent: str | None = None
    ip: str | None = None

    @classmethod
    def start(cls, user_id: UUID, now: datetime, *, user_agent: str | None, ip: str | None) -> tuple["Session", str]:
        """A new session and its token; the token is shown once and only its hash is kept."""
        token = random_secret()
        session = cls(id=uuid4(), user_id=user_id, token_hash=digest(token), created_at=now,
                      expires_at=expiry(now, now), last_active_at=now,
                      user_agent=(user_agent or None) and user_agent[:512], ip=ip)
        return session, token

    def alive(self, now: datetime) -> bool:
        return now < self.expires_at

    def needs_touch(self, now: datetime) -> bool:
        """`last_active_at` is written at most once per TOUCH_INTERVAL."""
        return now - self.last_active_at >= TOUCH_INTERVAL

    def touch(self, now: datetime) -> None:
        self.last_active_at = now
        self.expires_at = expiry(self.created_at, now)


def expiry(created_at: datetime, last_active_at: datetime) -> datetime:
    """The earlier of the absolute and the idle limit."""
    return min(created_at + ABSOLUTE_LIFETIME, last_active_at + IDLE_LIFETIME)
