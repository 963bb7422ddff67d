"""In-memory idempotency records and audit log."""
from __future__ import annotations

from dataclasses import replace

from ports.outbound.records import AuditLog, IdempotencyRepository


class InMemoryIdempotencyRepository(IdempotencyRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["idempotency"]

    def claim(self, user_id, record, now):
        earlier = self.rows.get((user_id, record.key))
        if earlier is not None and not earlier.expired(now):
            return earlier
        self.rows[(user_id, record.key)] = record
        return None

    def finish(self, user_id, key, status, body):
        if (user_id, key) in self.rows:
            self.rows[(user_id, key)] = replace(self.rows[(user_id, key)], status=status, body=body)

    def release(self, user_id, key):
        self.rows.pop((user_id, key), None)


class InMemoryAuditLog(AuditLog):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["audit"]

    def append(self, entry):
        self.rows[entry.id] = entry

    def page(self, request, *, actor_id=None, target_type=None, target_id=None):
        wanted = {"actor_id": actor_id, "target_type": target_type, "target_id": target_id}
        rows = sorted((e for e in self.rows.values()
                       if all(value is None or getattr(e, name) == value for name, value in wanted.items())),
                      key=lambda e: (e.created_at, e.id), reverse=True)
        if request.after is not None:
            rows = [e for e in rows if (e.created_at, e.id) < tuple(request.after)]
        return rows[:request.limit + 1]
