"""An in-memory unit of work: tables are dicts; a transaction works on a copy until commit."""
from __future__ import annotations

import copy
from contextlib import contextmanager

from adapters.memory.identity import (InMemoryAccountRepository, InMemoryLoginTransactionRepository,
                                      InMemorySessionRepository, InMemoryUserRepository)
from ports.outbound.unit_of_work import UnitOfWork


class FakeUnitOfWork(UnitOfWork):
    def __init__(self) -> None:
        self.tables: dict[str, dict] = {"users": {}, "accounts": {}, "sessions": {}, "logins": {}}
        self.committed = False
        self._working: dict[str, dict] | None = None
        self._bind(self.tables)

    def _bind(self, tables: dict[str, dict]) -> None:
        self.users = InMemoryUserRepository(tables["users"])
        self.accounts = InMemoryAccountRepository(tables["accounts"])
        self.sessions = InMemorySessionRepository(tables["sessions"], tables["users"])
        self.logins = InMemoryLoginTransactionRepository(tables["logins"])

    def __enter__(self):
        self._working = copy.deepcopy(self.tables)
        self._bind(self._working)
        return self

    def __exit__(self, *exc):
        self._working = None
        self._bind(self.tables)

    @contextmanager
    def read_only(self):
        """Writes made here land at once, as in autocommit mode."""
        yield self

    def commit(self):
        if self._working is not None:
            for name, rows in self._working.items():
                self.tables[name].clear()
                self.tables[name].update(rows)
        self.committed = True

    def rollback(self):
        if self._working is not None:
            self._working = copy.deepcopy(self.tables)
            self._bind(self._working)
