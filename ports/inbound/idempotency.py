"""Idempotency-Key: the first request with a key runs; a retry gets its stored response."""
from __future__ import annotations

from uuid import UUID

from domain.idempotency import IdempotentRecord
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def claim_key(uow: UnitOfWork, clock: Clock, *, user_id: UUID, key: str, method: str, path: str,
              fingerprint: str) -> IdempotentRecord | None:
    """Take the key for this request (None), or return the earlier live record for it."""
    now = clock.now()
    record = IdempotentRecord(key=key, method=method, path=path, fingerprint=fingerprint, created_at=now)
    with uow.read_only():
        return uow.idempotency.claim(user_id, record, now)


def store_response(uow: UnitOfWork, *, user_id: UUID, key: str, status: int, body: object) -> None:
    """Keep the response for retries of the same key."""
    with uow.read_only():
        uow.idempotency.finish(user_id, key, status, body)


def release_key(uow: UnitOfWork, *, user_id: UUID, key: str) -> None:
    """Give the key up after a failure on our side, so that a retry runs."""
    with uow.read_only():
        uow.idempotency.release(user_id, key)
