"""Retries with an Idempotency-Key: the same key from the same user within 24 h gives the
first response and has no second effect (DESIGN §6)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

KEY_LIFETIME = timedelta(hours=24)
KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,255}$")


@dataclass(frozen=True)
class IdempotentRecord:
    key: str
    method: str
    path: str
    fingerprint: str
    created_at: datetime
    status: int | None = None  # None while the first request is still running
    body: object = None

    def matches(self, method: str, path: str, fingerprint: str) -> bool:
        return (self.method, self.path, self.fingerprint) == (method, path, fingerprint)

    def expired(self, now: datetime) -> bool:
        return now - self.created_at >= KEY_LIFETIME


def valid_key(key: str) -> bool:
    return bool(KEY_PATTERN.match(key))
