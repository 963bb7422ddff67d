"""Postgres focus sessions: `focus_sessions` plus the open pause in `focus_pause_state`.

Statements are built once with bind parameters. A second open session for a user fails on
the partial unique index `uq_focus_sessions_one_open`; the unit of work turns that into a
Conflict.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from adapters.postgres.schema import focus_pause_state, focus_sessions
from domain.focus import FocusSession
from ports.outbound.focus import FocusSessionRepository

fs, ps = focus_sessions.c, focus_pause_state.c
_COLUMNS = [fs.id, fs.user_id, fs.mode, fs.duration, fs.started_at, fs.status, fs.paused_seconds, ps.paused_at,
            fs.focused_seconds, fs.points_awarded, fs.xp_awarded, fs.completed_at, fs.abandoned_at]
_SELECT = sa.select(*_COLUMNS).select_from(
    focus_sessions.outerjoin(focus_pause_state, ps.session_id == fs.id))
_OWNER = fs.user_id == sa.bindparam("u")

GET_OWNED = _SELECT.where(fs.id == sa.bindparam("sid"), _OWNER)
# FOR UPDATE OF: the pause row sits on the nullable side of the outer join and cannot be locked there.
GET_OWNED_LOCKED = GET_OWNED.with_for_update(of=focus_sessions)
OPEN_FOR = _SELECT.where(_OWNER, fs.status.in_(["active", "paused"]))
# Bind names differ from column names: an UPDATE reserves the column names for its SET clause.
_STATE = {name: sa.bindparam(f"b_{name}") for name in (
    "status", "paused_seconds", "focused_seconds", "points_awarded", "xp_awarded", "completed_at", "abandoned_at")}
INSERT = focus_sessions.insert().values(
    id=sa.bindparam("sid"), user_id=sa.bindparam("u"), mode=sa.bindparam("mode"), duration=sa.bindparam("duration"),
    started_at=sa.bindparam("started_at"), **_STATE)
UPDATE = focus_sessions.update().where(fs.id == sa.bindparam("sid"), _OWNER).values(**_STATE, updated_at=sa.func.now())
OPEN_PAUSE = insert(focus_pause_state).values(
    session_id=sa.bindparam("sid"), user_id=sa.bindparam("u"), paused_at=sa.bindparam("at"),
).on_conflict_do_update(index_elements=[ps.session_id], set_={"paused_at": sa.bindparam("at")})
CLOSE_PAUSE = focus_pause_state.delete().where(ps.session_id == sa.bindparam("sid"))
_NEWEST_FIRST = (fs.started_at.desc(), fs.id.desc())
_AFTER = sa.tuple_(fs.started_at, fs.id) < sa.tuple_(sa.bindparam("after_t"), sa.bindparam("after_id"))
_STATUS = fs.status == sa.bindparam("status")
PAGES = {  # (after a cursor?, one status?) → statement
    (after, status): _SELECT.where(_OWNER, *([_AFTER] if after else []), *([_STATUS] if status else []))
    .order_by(*_NEWEST_FIRST).limit(sa.bindparam("n"))
    for after in (False, True) for status in (False, True)}
COMPLETED_FOCUS = sa.select(fs.completed_at, fs.focused_seconds).where(
    _OWNER, fs.status == "completed", fs.mode == "focus",
    fs.completed_at >= sa.bindparam("since"), fs.completed_at < sa.bindparam("until")).order_by(fs.completed_at)


def _session(row) -> FocusSession:
    return FocusSession(id=row.id, user_id=row.user_id, mode=row.mode, duration=row.duration,
                        started_at=row.started_at, status=row.status, paused_seconds=row.paused_seconds,
                        paused_at=row.paused_at, focused_seconds=row.focused_seconds,
                        points_awarded=row.points_awarded, xp_awarded=row.xp_awarded,
                        completed_at=row.completed_at, abandoned_at=row.abandoned_at)


def _state(s: FocusSession) -> dict:
    return {"sid": s.id, "u": s.user_id, "b_status": s.status, "b_paused_seconds": s.paused_seconds,
            "b_focused_seconds": s.focused_seconds, "b_points_awarded": s.points_awarded,
            "b_xp_awarded": s.xp_awarded, "b_completed_at": s.completed_at, "b_abandoned_at": s.abandoned_at}


class PgFocusSessionRepository(FocusSessionRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, s):
        self.connection.execute(INSERT, {**_state(s), "mode": s.mode, "duration": s.duration,
                                         "started_at": s.started_at})
        if s.paused_at is not None:
            self.connection.execute(OPEN_PAUSE, {"sid": s.id, "u": s.user_id, "at": s.paused_at})

    def get_owned(self, session_id, user_id, *, lock=False):
        statement = GET_OWNED_LOCKED if lock else GET_OWNED
        row = self.connection.execute(statement, {"sid": session_id, "u": user_id}).first()
        return _session(row) if row else None

    def open_for(self, user_id):
        row = self.connection.execute(OPEN_FOR, {"u": user_id}).first()
        return _session(row) if row else None

    def save(self, s):
        self.connection.execute(UPDATE, _state(s))
        if s.paused_at is not None:
            self.connection.execute(OPEN_PAUSE, {"sid": s.id, "u": s.user_id, "at": s.paused_at})
        else:
            self.connection.execute(CLOSE_PAUSE, {"sid": s.id})

    def page(self, user_id, request, status=None):
        params = {"u": user_id, "n": request.limit + 1}
        if status is not None:
            params["status"] = status
        if request.after is not None:
            params["after_t"], params["after_id"] = request.after
        statement = PAGES[(request.after is not None, status is not None)]
        return [_session(row) for row in self.connection.execute(statement, params)]

    def completed_focus(self, user_id, since, until):
        rows = self.connection.execute(COMPLETED_FOCUS, {"u": user_id, "since": since, "until": until})
        return [(row.completed_at, row.focused_seconds) for row in rows]
