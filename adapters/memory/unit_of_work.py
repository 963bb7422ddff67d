"""An in-memory unit of work: tables are dicts; a transaction works on a copy until commit.

Each repository is built from the whole `tables` mapping, so a repository may read what
another one writes (as SQL joins do). Areas add their repositories to REPOSITORIES.
"""
from __future__ import annotations

import copy
from collections import defaultdict
from contextlib import contextmanager

from adapters.memory.books import InMemoryBookRepository
from adapters.memory.calendar import InMemoryCalendarEventRepository
from adapters.memory.daily_plans import InMemoryDailyPlanRepository
from adapters.memory.feedback import InMemoryFeedbackRepository
from adapters.memory.exercise import (InMemoryExerciseRepository, InMemoryWorkoutRepository,
                                      InMemoryWorkoutSessionRepository)
from adapters.memory.files import InMemoryBlobRepository, InMemoryTrackRepository
from adapters.memory.focus import InMemoryFocusSessionRepository
from adapters.memory.goals import InMemoryGoalRepository
from adapters.memory.habits import InMemoryHabitLogRepository, InMemoryHabitRepository
from adapters.memory.account_data import InMemoryAccountData
from adapters.memory.admin import InMemoryAdminStats, InMemoryAdminUserDirectory, InMemoryContentStore
from adapters.memory.gamification import (InMemoryAchievementRepository, InMemoryActivityRepository,
                                          InMemoryLedgerRepository, InMemoryQuestProgressRepository,
                                          InMemoryStreakRepository, InMemoryUniversalQuestRepository,
                                          InMemoryWalletRepository)
from adapters.memory.housekeeping import InMemoryHousekeeping
from adapters.memory.identity import (InMemoryAccountRepository, InMemoryLoginTransactionRepository,
                                      InMemorySessionRepository, InMemoryUserRepository)
from adapters.memory.ideas import InMemoryIdeaRepository
from adapters.memory.infobase import InMemoryInfobaseRepository
from adapters.memory.learn import InMemoryLearnRepository
from adapters.memory.market import InMemoryMarketRepository
from adapters.memory.onboarding import InMemoryOnboardingRepository
from adapters.memory.personal_records import InMemoryPersonalRecordRepository
from adapters.memory.programs import InMemoryTrainingProgramRepository
from adapters.memory.quests import InMemoryUserQuestRepository
from adapters.memory.records import InMemoryAuditLog, InMemoryIdempotencyRepository
from ports.outbound.unit_of_work import UnitOfWork

REPOSITORIES = {
    "housekeeping": InMemoryHousekeeping,
    "account_data": InMemoryAccountData,
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
    "habits": InMemoryHabitRepository,
    "habit_logs": InMemoryHabitLogRepository,
    "learn": InMemoryLearnRepository,
    "infobase": InMemoryInfobaseRepository,
    "ideas": InMemoryIdeaRepository,
    "goals": InMemoryGoalRepository,
    "books": InMemoryBookRepository,
    "calendar_events": InMemoryCalendarEventRepository,
    "daily_plans": InMemoryDailyPlanRepository,
    "feedback": InMemoryFeedbackRepository,
    "exercises": InMemoryExerciseRepository,
    "workouts": InMemoryWorkoutRepository,
    "workout_sessions": InMemoryWorkoutSessionRepository,
    "personal_records": InMemoryPersonalRecordRepository,
    "programs": InMemoryTrainingProgramRepository,
    "blobs": InMemoryBlobRepository,
    "tracks": InMemoryTrackRepository,
    "admin_users": InMemoryAdminUserDirectory,
    "content": InMemoryContentStore,
    "admin_stats": InMemoryAdminStats,
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
