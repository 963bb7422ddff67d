"""An in-memory unit of work: tables are dicts; a transaction works on a copy until commit.

Each repository is built from the whole `tables` mapping, so a repository may read what
another one writes (as SQL joins do). Areas add their repositories to REPOSITORIES.
"""
from __future__ import annotations

import copy
from collections import defaultdict
from contextlib import contextmanager

from adapters.memory.focus import InMemoryFocusSessionRepository
from adapters.memory.gamification import (InMemoryAchievementRepository, InMemoryActivityRepository,
                                          InMemoryLedgerRepository, InMemoryQuestProgressRepository,
                                          InMemoryStreakRepository, InMemoryUniversalQuestRepository,
                                          InMemoryWalletRepository)
from adapters.memory.identity import (InMemoryAccountRepository, InMemoryLoginTransactionRepository,
                                      InMemorySessionRepository, InMemoryUserRepository)
from adapters.memory.market import InMemoryMarketRepository
from adapters.memory.onboarding import InMemoryOnboardingRepository
from adapters.memory.quests import InMemoryUserQuestRepository
from adapters.memory.records import InMemoryAuditLog, InMemoryIdempotencyRepository
from ports.outbound.unit_of_work import UnitOfWork

REPOSITORIES = {
    "users": InMemoryUserRepository,
    "accounts": InMemoryAccountRepository,
    "sessions": InMemorySessionRepository,
    "logins": InMemoryLoginTransactionRepository,
    "wallets": InMemoryWalletRepository,
    "ledger": InMemoryLedgerRepository,
    "activity": InMemoryActivityRepository,
    "achievements": InMemoryAchievementRepository,
    "streaks": InMemoryStreakRepository,
    "universal_quests": InMemoryUniversalQuestRepository,
    "quest_progress": InMemoryQuestProgressRepository,
    "idempotency": InMemoryIdempotencyRepository,
    "audit": InMemoryAuditLog,
    "focus_sessions": InMemoryFocusSessionRepository,
    "market": InMemoryMarketRepository,
    "quests": InMemoryUserQuestRepository,
    "onboarding": InMemoryOnboardingRepository,
}


class FakeUnitOfWork(UnitOfWork):
    def __init__(self) -> None:
        self.tables: defaultdict[str, dict] = defaultdict(dict)
        self.committed = False
        self._working: defaultdict[str, dict] | None = None
        self._bind(self.tables)

    def _bind(self, tables: defaultdict[str, dict]) -> None:
        for name, repository in REPOSITORIES.items():
            setattr(self, name, repository(tables))

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
            self.tables.clear()
            self.tables.update(copy.deepcopy(self._working))
        self.committed = True

    def rollback(self):
        if self._working is not None:
            self._working = copy.deepcopy(self.tables)
            self._bind(self._working)
