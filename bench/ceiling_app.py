"""The ceiling of /work/shared/PERFORMANCE.md: the least an authenticated `GET /me` can cost here.

A bare Flask app, run by bench/load.py under the same gunicorn settings as the service
(`gunicorn 'bench.ceiling_app:create_app()' -c gunicorn.conf.py`), that does only the two SQL
round trips such a read needs, through raw psycopg: the live session by its token's SHA-256
digest, joined to its user (as the service's session check), then the user's row. No
middleware, no rate limit, no logging, no metrics, no DI. The pool (psycopg_pool, autocommit,
DB_POOL_SIZE connections) is made on a worker's first request, after gunicorn has forked.
"""
from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone

from flask import Flask, jsonify, request
from psycopg_pool import ConnectionPool

SESSION = """
SELECT s.id, s.user_id, s.token_hash, s.created_at, s.expires_at, s.last_active_at, s.user_agent, s.ip,
       u.id, u.email, u.email_verified, u.name, u.role, u.role_source, u.timezone, u.day_start_hour, u.tos_version,
       u.tos_accepted_at, u.birthdate, u.age_verified, u.disabled, u.created_at,
       coalesce(us.settings, '{}'::jsonb), us.vacation_from, us.vacation_to
FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN user_settings us ON us.user_id = u.id
WHERE s.token_hash = %s AND s.expires_at > %s AND NOT u.disabled AND u.deleted_at IS NULL
"""
USER = """
SELECT u.id, u.email, u.name, u.role, u.timezone, u.day_start_hour, u.tos_version, u.age_verified,
       coalesce(us.settings, '{}'::jsonb)
FROM users u LEFT JOIN user_settings us ON us.user_id = u.id
WHERE u.id = %s AND u.deleted_at IS NULL
"""
ME_FIELDS = ("id", "email", "name", "role", "timezone", "day_start_hour", "tos_version", "age_verified", "settings")


def create_app() -> Flask:
    app = Flask("ceiling")
    pools: list[ConnectionPool] = []

    def pool() -> ConnectionPool:
        if not pools:  # first request of this worker: after the fork
            size = int(os.environ.get("DB_POOL_SIZE", "4"))
            url = os.environ["DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://")
            pools.append(ConnectionPool(url, min_size=size, max_size=size, kwargs={"autocommit": True}, open=True))
        return pools[0]

    @app.get("/health/live")
    def live():
        return {"status": "ok"}

    @app.get("/api/v1/me")
    def me():
        token = request.cookies.get("ignition_session", "")
        with pool().connection() as conn:
            found = conn.execute(SESSION, (hashlib.sha256(token.encode()).digest(),
                                           datetime.now(timezone.utc))).fetchone()
            if found is None:
                return {"error": "Sign in first.", "code": "unauthorized"}, 401
            row = conn.execute(USER, (found[1],)).fetchone()
        user = dict(zip(ME_FIELDS, row))
        user["id"] = str(user["id"])
        return jsonify(user)

    return app
