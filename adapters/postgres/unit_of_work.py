"""The Postgres unit of work: one pooled connection and one transaction per use case."""
from __future__ import annotations

from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from adapters.postgres.books import PgBookRepository
from adapters.postgres.calendar import PgCalendarEventRepository
from adapters.postgres.daily_plans import PgDailyPlanRepository
from adapters.postgres.feedback import PgFeedbackRepository
from adapters.postgres.exercise import PgExerciseRepository, PgWorkoutRepository, PgWorkoutSessionRepository
from adapters.postgres.files import PgBlobRepository, PgTrackRepository
from adapters.postgres.focus import PgFocusSessionRepository
from adapters.postgres.goals import PgGoalRepository
from adapters.postgres.habits import PgHabitLogRepository, PgHabitRepository
from adapters.postgres.account_data import PgAccountData
from adapters.postgres.admin import PgAdminStats, PgAdminUserDirectory, PgContentStore
from adapters.postgres.gamification import (PgAchievementRepository, PgActivityRepository, PgLedgerRepository,
                                            PgQuestProgressRepository, PgStreakRepository, PgUniversalQuestRepository,
                                            PgWalletRepository)
from adapters.postgres.housekeeping import PgHousekeeping
from adapters.postgres.identity import (PgAccountRepository, PgLoginTransactionRepository, PgSessionRepository,
                                        PgUserRepository)
from adapters.postgres.ideas import PgIdeaRepository
from adapters.postgres.infobase import PgInfobaseRepository
from adapters.postgres.learn import PgLearnRepository
from adapters.postgres.market import PgMarketRepository
from adapters.postgres.onboarding import PgOnboardingRepository
from adapters.postgres.personal_records import PgPersonalRecordRepository
from adapters.postgres.programs import PgTrainingProgramRepository
from adapters.postgres.quests import PgUserQuestRepository
from adapters.postgres.records import PgAuditLog, PgIdempotencyRepository
from domain.errors import Conflict
from ports.outbound.unit_of_work import StoreUnavailable, UnitOfWork

_CONFLICT_STATES = {"23505", "23503", "23514", "40001", "40P01"}
# Each repository shares the unit of work's one connection; areas add theirs here.
REPOSITORIES = {
    "housekeeping": PgHousekeeping,
    "account_data": PgAccountData,
    "users": PgUserRepository,
    "accounts": PgAccountRepository,
    "sessions": PgSessionRepository,
    "logins": PgLoginTransactionRepository,
    "wallets": PgWalletRepository,
    "ledger": PgLedgerRepository,
    "activity": PgActivityRepository,
    "achievements": PgAchievementRepository,
    "streaks": PgStreakRepository,
    "universal_quests": PgUniversalQuestRepository,
    "quest_progress": PgQuestProgressRepository,
    "idempotency": PgIdempotencyRepository,
    "audit": PgAuditLog,
    "focus_sessions": PgFocusSessionRepository,
    "market": PgMarketRepository,
    "quests": PgUserQuestRepository,
    "onboarding": PgOnboardingRepository,
    "habits": PgHabitRepository,
    "habit_logs": PgHabitLogRepository,
    "learn": PgLearnRepository,
    "infobase": PgInfobaseRepository,
    "ideas": PgIdeaRepository,
    "goals": PgGoalRepository,
    "books": PgBookRepository,
    "calendar_events": PgCalendarEventRepository,
    "daily_plans": PgDailyPlanRepository,
    "feedback": PgFeedbackRepository,
    "exercises": PgExerciseRepository,
    "workouts": PgWorkoutRepository,
    "workout_sessions": PgWorkoutSessionRepository,
    "personal_records": PgPersonalRecordRepository,
    "programs": PgTrainingProgramRepository,
    "blobs": PgBlobRepository,
    "tracks": PgTrackRepository,
    "admin_users": PgAdminUserDirectory,
    "content": PgContentStore,
    "admin_stats": PgAdminStats,
}


class PgUnitOfWork(UnitOfWork):
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.connection: sa.Connection | None = None

    def _open(self, **options) -> None:
        try:
            self.connection = self.engine.connect()
            if options:
                self.connection = self.connection.execution_options(**options)
        except (sa_exc.TimeoutError, sa_exc.DBAPIError) as error:
            _translate(error)
            raise
        except sa_exc.InvalidRequestError as error:  # the pool gave up: three fresh connections died at checkout
            raise StoreUnavailable(f"The database is unavailable ({_cause(error)}).") from error

    def __getattr__(self, name: str):
        """Build a repository on first use: a request touches two or three of the ~40 areas."""
        factory = REPOSITORIES.get(name)
        connection = self.__dict__.get("connection")
        if factory is None or connection is None:
            raise AttributeError(name)
        repository = factory(connection)
        self.__dict__[name] = repository
        return repository

    def _close(self, error: BaseException | None) -> None:
        connection, self.connection = self.connection, None
        for name in [key for key in self.__dict__ if key in REPOSITORIES]:
            del self.__dict__[name]
        try:
            if connection is not None:
                connection.close()  # rolls back whatever was not committed
        except sa_exc.DBAPIError:
            pass
        if error is not None:
            _translate(error)

    def __enter__(self):
        self._open()
        return self

    def __exit__(self, exc_type, exc, tb):
        self._close(exc)

    @contextmanager
    def read_only(self):
        self._open(isolation_level="AUTOCOMMIT")
        try:
            yield self
        except BaseException as error:
            self._close(error)
            raise
        self._close(None)

    def commit(self):
        try:
            self.connection.commit()
        except sa_exc.DBAPIError as error:
            _translate(error)
            raise

    def rollback(self):
        self.connection.rollback()


def _translate(error: BaseException) -> None:
    """Raise the port's meaning of a database failure; leave other errors alone."""
    if isinstance(error, sa_exc.TimeoutError):
        raise StoreUnavailable(f"The database is busy ({_cause(error)}).") from error
    if isinstance(error, sa_exc.DBAPIError):
        state = getattr(error.orig, "sqlstate", None)
        if state in _CONFLICT_STATES:
            raise Conflict("The change conflicts with another one; try again.") from error
        if state == "57014":  # statement timeout (psycopg's QueryCanceled is an OperationalError too)
            raise StoreUnavailable(f"The database did not answer in time ({_cause(error)}).") from error
        if error.connection_invalidated or isinstance(error, (sa_exc.OperationalError, sa_exc.InterfaceError)):
            raise StoreUnavailable(f"The database is unavailable ({_cause(error)}).") from error


def _cause(error: BaseException) -> str:
    """What went wrong, for the log: the driver's error class and SQLSTATE — never its text, which may
    carry SQL or parameters."""
    orig = getattr(error, "orig", None) or error
    state = getattr(orig, "sqlstate", None)
    return type(orig).__name__ + (f" {state}" if state else "")
