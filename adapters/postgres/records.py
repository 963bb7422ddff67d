"""Postgres idempotency records and the admin audit log."""
from __future__ import annotations

from itertools import product

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from adapters.postgres.schema import admin_audit_log, idempotency_keys
from domain.audit import AuditEntry
from domain.idempotency import KEY_LIFETIME, IdempotentRecord
from ports.outbound.records import AuditLog, IdempotencyRepository

_a = admin_audit_log.c
_AUDIT_FILTERS = (_a.actor_id == sa.bindparam("actor_id"), _a.target_type == sa.bindparam("target_type"),
                  _a.target_id == sa.bindparam("target_id"),
                  sa.tuple_(_a.created_at, _a.id) < sa.tuple_(sa.bindparam("after_t", type_=_a.created_at.type),
                                                              sa.bindparam("after_id", type_=_a.id.type)))
AUDIT_PAGES = {  # (actor?, target type?, target id?, after a cursor?) → statement, newest first
    used: sa.select(_a.id, _a.actor_id, _a.actor_email, _a.action, _a.target_type, _a.target_id, _a.before,
                    _a.after, _a.request_id, _a.ip, _a.created_at)
    .where(*(f for f, on in zip(_AUDIT_FILTERS, used) if on))
    .order_by(_a.created_at.desc(), _a.id.desc()).limit(sa.bindparam("n"))
    for used in product((False, True), repeat=4)}
_KEY = sa.and_(idempotency_keys.c.user_id == sa.bindparam("u"), idempotency_keys.c.key == sa.bindparam("k"))


class PgIdempotencyRepository(IdempotencyRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def claim(self, user_id, record, now):
        """Insert the claim; a live earlier one wins, an expired one is replaced in the same statement."""
        claimed = self.connection.execute(
            insert(idempotency_keys).values(user_id=user_id, key=record.key, method=record.method, path=record.path,
                                            request_fingerprint=record.fingerprint, created_at=record.created_at)
            .on_conflict_do_update(
                index_elements=["user_id", "key"],
                set_={"method": record.method, "path": record.path, "request_fingerprint": record.fingerprint,
                      "created_at": record.created_at, "response_status": None, "response_body": None},
                where=idempotency_keys.c.created_at <= now - KEY_LIFETIME)
            .returning(idempotency_keys.c.key)).first()
        if claimed is not None:
            return None
        row = self.connection.execute(idempotency_keys.select().where(_KEY), {"u": user_id, "k": record.key}).first()
        if row is None:  # released meanwhile: the caller may try again
            return self.claim(user_id, record, now)
        return IdempotentRecord(key=row.key, method=row.method, path=row.path,
                                fingerprint=row.request_fingerprint or "", created_at=row.created_at,
                                status=row.response_status, body=row.response_body)

    def finish(self, user_id, key, status, body):
        self.connection.execute(idempotency_keys.update().where(_KEY).values(
            response_status=status, response_body=body), {"u": user_id, "k": key})

    def release(self, user_id, key):
        self.connection.execute(idempotency_keys.delete().where(_KEY), {"u": user_id, "k": key})


class PgAuditLog(AuditLog):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def append(self, e):
        self.connection.execute(admin_audit_log.insert().values(
            id=e.id, actor_id=e.actor_id, actor_email=e.actor_email, action=e.action, target_type=e.target_type,
            target_id=e.target_id, before=e.before, after=e.after, request_id=e.request_id, ip=e.ip,
            created_at=e.created_at))

    def page(self, request, *, actor_id=None, target_type=None, target_id=None):
        wanted = {"actor_id": actor_id, "target_type": target_type, "target_id": target_id}
        params = {"n": request.limit + 1, **wanted}
        if request.after is not None:
            params["after_t"], params["after_id"] = request.after
        statement = AUDIT_PAGES[(*(value is not None for value in wanted.values()), request.after is not None)]
        return [AuditEntry(**{**row._mapping, "ip": None if row.ip is None else str(row.ip)})
                for row in self.connection.execute(statement, params)]
