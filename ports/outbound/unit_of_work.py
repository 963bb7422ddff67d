"""The unit of work and the repositories it holds: one connection, one transaction per use."""
from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from datetime import datetime
from uuid import UUID

from domain.identity import Identity, LoginTransaction
from domain.sessions import Session
from domain.users import User
from ports.outbound.gamification import (AchievementRepository, ActivityRepository, LedgerRepository,
                                         QuestProgressRepository, StreakRepository, UniversalQuestRepository,
                                         WalletRepository)
from ports.outbound.books import BookRepository
from ports.outbound.calendar import CalendarEventRepository
from ports.outbound.daily_plans import DailyPlanRepository
from ports.outbound.feedback import FeedbackRepository
from ports.outbound.exercise import (ExerciseRepository, PersonalRecordRepository, WorkoutRepository,
                                     WorkoutSessionRepository)
from ports.outbound.files import BlobRepository, TrackRepository
from ports.outbound.account_data import AccountData
from ports.outbound.admin import AdminStats, AdminUserDirectory, ContentStore
from ports.outbound.focus import FocusSessionRepository
from ports.outbound.goals import GoalRepository
from ports.outbound.habits import HabitLogRepository, HabitRepository
from ports.outbound.ideas import IdeaRepository
from ports.outbound.infobase import InfobaseRepository
from ports.outbound.learn import LearnRepository
from ports.outbound.housekeeping import Housekeeping
from ports.outbound.market import MarketRepository
from ports.outbound.onboarding import OnboardingRepository
from ports.outbound.programs import TrainingProgramRepository
from ports.outbound.quests import UserQuestRepository
from ports.outbound.records import AuditLog, IdempotencyRepository


class UserRepository(ABC):
    @abstractmethod
    def get(self, user_id: UUID, *, lock: bool = False) -> User | None:
        """The user with their settings, or None; `lock` holds the row until the transaction ends,
        so a change written back cannot undo an admin's concurrent one (role, disabled)."""

    @abstractmethod
    def get_by_verified_email(self, email: str) -> User | None:
        """The user whose verified email this is (emails are unique among verified ones)."""

    @abstractmethod
    def add(self, user: User) -> None:
        """Insert a new user and their settings row."""

    @abstractmethod
    def save(self, user: User) -> None:
        """Write back every mutable field of the user and their settings."""


class AccountRepository(ABC):
    @abstractmethod
    def find_user_id(self, provider: str, subject: str) -> UUID | None:
        """Whose account this provider identity is."""

    @abstractmethod
    def add(self, user_id: UUID, identity: Identity) -> None:
        """Link a provider identity to a user."""


class SessionRepository(ABC):
    @abstractmethod
    def add(self, session: Session) -> None:
        """Store a new session."""

    @abstractmethod
    def find_live(self, token_hash: bytes, now: datetime) -> tuple[Session, User] | None:
        """The unexpired session with this token hash and its user, in one round trip."""

    @abstractmethod
    def touch(self, session: Session) -> None:
        """Write the session's last_active_at and expires_at."""

    @abstractmethod
    def delete_by_hash(self, token_hash: bytes) -> None:
        """Revoke the session that has this token hash, if any."""

    @abstractmethod
    def delete_owned(self, session_id: UUID, user_id: UUID) -> bool:
        """Revoke one of the user's sessions; False when it is not theirs or does not exist."""

    @abstractmethod
    def list_live(self, user_id: UUID, now: datetime) -> list[Session]:
        """The user's unexpired sessions, newest first."""


class LoginTransactionRepository(ABC):
    @abstractmethod
    def add(self, transaction: LoginTransaction) -> None:
        """Store a pending login."""

    @abstractmethod
    def take(self, state_hash: bytes) -> LoginTransaction | None:
        """Remove and return the pending login with this state: it can be used only once."""


class UnitOfWork(ABC):
    """`with uow:` opens a transaction that rolls back unless `commit()` was called.

    `with uow.read_only():` runs reads in autocommit mode: no BEGIN/ROLLBACK round trips.
    """

    account_data: AccountData
    housekeeping: Housekeeping
    users: UserRepository
    accounts: AccountRepository
    sessions: SessionRepository
    logins: LoginTransactionRepository
    wallets: WalletRepository
    ledger: LedgerRepository
    activity: ActivityRepository
    achievements: AchievementRepository
    streaks: StreakRepository
    universal_quests: UniversalQuestRepository
    quest_progress: QuestProgressRepository
    idempotency: IdempotencyRepository
    audit: AuditLog
    focus_sessions: FocusSessionRepository
    market: MarketRepository
    quests: UserQuestRepository
    onboarding: OnboardingRepository
    habits: HabitRepository
    habit_logs: HabitLogRepository
    learn: LearnRepository
    infobase: InfobaseRepository
    ideas: IdeaRepository
    goals: GoalRepository
    books: BookRepository
    calendar_events: CalendarEventRepository
    daily_plans: DailyPlanRepository
    feedback: FeedbackRepository
    exercises: ExerciseRepository
    workouts: WorkoutRepository
    workout_sessions: WorkoutSessionRepository
    personal_records: PersonalRecordRepository
    programs: TrainingProgramRepository
    blobs: BlobRepository
    tracks: TrackRepository
    admin_users: AdminUserDirectory
    content: ContentStore
    admin_stats: AdminStats

    @abstractmethod
    def __enter__(self) -> "UnitOfWork": ...

    @abstractmethod
    def __exit__(self, *exc) -> None: ...

    @abstractmethod
    def read_only(self) -> AbstractContextManager["UnitOfWork"]:
        """Use the repositories without a transaction of their own."""

    @abstractmethod
    def commit(self) -> None: ...

    @abstractmethod
    def rollback(self) -> None: ...


class StoreUnavailable(Exception):
    """The database cannot be reached or did not answer in time (HTTP 503)."""
