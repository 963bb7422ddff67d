"""Expired and stale rows, counted or deleted in one statement each."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema import focus_pause_state, focus_sessions, oauth_states, sessions
from ports.outbound.housekeeping import Housekeeping

_STALE_PAUSE = ~sa.exists().where(focus_sessions.c.id == focus_pause_state.c.session_id,
                                  focus_sessions.c.status == "paused")


class PgHousekeeping(Housekeeping):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def _sweep(self, table: sa.Table, condition, delete: bool) -> int:
        if delete:
            return len(self.connection.execute(table.delete().where(condition).returning(sa.literal(1))).all())
        return self.connection.execute(sa.select(sa.func.count()).select_from(table).where(condition)).scalar_one()

    def expired_sessions(self, now, *, delete):
        return self._sweep(sessions, sessions.c.expires_at <= now, delete)

    def expired_logins(self, now, *, delete):
        return self._sweep(oauth_states, oauth_states.c.expires_at <= now, delete)

    def stale_pauses(self, *, delete):
        return self._sweep(focus_pause_state, _STALE_PAUSE, delete)
