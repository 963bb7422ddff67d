"""In-memory expired and stale rows."""
from __future__ import annotations

from ports.outbound.housekeeping import Housekeeping


class InMemoryHousekeeping(Housekeeping):
    def __init__(self, tables: dict) -> None:
        self.tables = tables

    def _sweep(self, name: str, stale, delete: bool) -> int:
        keys = [key for key, row in self.tables[name].items() if stale(row)]
        if delete:
            for key in keys:
                del self.tables[name][key]
        return len(keys)

    def expired_sessions(self, now, *, delete):
        return self._sweep("sessions", lambda s: s.expires_at <= now, delete)

    def expired_logins(self, now, *, delete):
        return self._sweep("logins", lambda t: t.expires_at <= now, delete)

    def stale_pauses(self, *, delete):
        return 0  # the fake keeps a pause inside its focus session: it cannot go stale
