"""The ceiling of /work/shared/PERFORMANCE.md: the least an authenticated `GET /me` can cost here.

A bare Flask app, run by bench/load.py under the same gunicorn settings as the service
(`gunicorn 'bench.ceiling_app:create_app()' -c gunicorn.conf.py`), that does only the two SQL
round trips such a read needs, through raw psycopg: the live session by its token's SHA-256
digest, joined to its user (as the service's session check), then the user's row. No
middleware, no rate limit, no logging, no metrics, no DI. The pool (psycopg_pool, autocommit,
DB_POOL_SIZE connections) is made on a worker's first request, after gunicorn has forked.

`/me` is the ceiling the target names. The list and the summary also have one of their own:
the session check, then the very statement the service runs for that read (compiled once from
the adapters' own definition), its rows answered as they come, with Flask's jsonify.
"""
from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone

import sqlalchemy as sa
from flask import Flask, jsonify, request
from psycopg_pool import ConnectionPool
from sqlalchemy.dialects.postgresql import psycopg as pg_psycopg

from adapters.postgres.focus import PAGES
from adapters.postgres.standing import SUMMARY as SUMMARY_STATEMENT
from domain.paging import DEFAULT_LIMIT
from ports.inbound.gamification import RECENT_ACHIEVEMENTS

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


def compiled(statement: sa.Select) -> tuple[str, tuple[str, ...], dict]:
    """The statement's SQL for psycopg, its column names, and the values it binds itself."""
    done = statement.compile(dialect=pg_psycopg.dialect())
    return str(done), tuple(column.key for column in statement.selected_columns), dict(done.params)


FOCUS_PAGE, FOCUS_COLUMNS, FOCUS_BOUND = compiled(PAGES[(False, False)])
SUMMARY, SUMMARY_COLUMNS, SUMMARY_BOUND = compiled(SUMMARY_STATEMENT)


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

    def signed_in_read(path: str):
        """A GET route: the session check, then `read(conn, user_id)` on the same pooled connection
        (two round trips); what `read` returns is answered with jsonify."""
        def register(read):
            def view():
                token = request.cookies.get("ignition_session", "")
                with pool().connection() as conn:
                    found = conn.execute(SESSION, (hashlib.sha256(token.encode()).digest(),
                                                   datetime.now(timezone.utc))).fetchone()
                    if found is None:
                        return {"error": "Sign in first.", "code": "unauthorized"}, 401
                    body = read(conn, found[1])
                return jsonify(body)
            app.add_url_rule(path, read.__name__, view, methods=["GET"])
            return read
        return register

    @signed_in_read("/api/v1/me")
    def me(conn, user_id):
        row = conn.execute(USER, (user_id,)).fetchone()
        return {**dict(zip(ME_FIELDS, row)), "id": str(row[0])}

    @signed_in_read("/api/v1/focus")
    def focus_page(conn, user_id):
        rows = conn.execute(FOCUS_PAGE, {**FOCUS_BOUND, "u": user_id, "n": DEFAULT_LIMIT + 1}).fetchall()
        return {"items": [dict(zip(FOCUS_COLUMNS, row)) for row in rows[:DEFAULT_LIMIT]], "next_cursor": None}

    @signed_in_read("/api/v1/gamification/summary")
    def summary(conn, user_id):
        row = conn.execute(SUMMARY, {**SUMMARY_BOUND, "u": user_id, "recent": RECENT_ACHIEVEMENTS}).fetchone()
        return dict(zip(SUMMARY_COLUMNS, row))

    return app
