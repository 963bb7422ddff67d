"""In-memory focus sessions: one dict of sessions by id (the open pause rides on the session)."""
from __future__ import annotations

import copy

from domain.errors import Conflict
from ports.outbound.focus import FocusSessionRepository


def _key(session) -> tuple:
    return session.started_at, session.id


class InMemoryFocusSessionRepository(FocusSessionRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["focus_sessions"]

    def add(self, session):
        if session.is_open and self.open_for(session.user_id) is not None:
            raise Conflict("The change conflicts with another one; try again.")  # as the partial unique index
        self.rows[session.id] = copy.deepcopy(session)

    def get_owned(self, session_id, user_id, *, lock=False):
        session = self.rows.get(session_id)
        return copy.deepcopy(session) if session is not None and session.user_id == user_id else None

    def open_for(self, user_id):
        return next((copy.deepcopy(s) for s in self.rows.values() if s.user_id == user_id and s.is_open), None)

    def save(self, session):
        if session.id not in self.rows:
            raise ValueError("no such focus session")
        self.rows[session.id] = copy.deepcopy(session)

    def page(self, user_id, request, status=None):
        rows = sorted((s for s in self.rows.values() if s.user_id == user_id and status in (None, s.status)),
                      key=_key, reverse=True)
        if request.after is not None:
            rows = [s for s in rows if _key(s) < tuple(request.after)]
        return [copy.deepcopy(s) for s in rows[:request.limit + 1]]

    def completed_focus(self, user_id, since, until):
        found = [(s.completed_at, s.focused_seconds) for s in self.rows.values()
                 if s.user_id == user_id and s.mode == "focus" and s.status == "completed"
                 and since <= s.completed_at < until]
        return sorted(found)
