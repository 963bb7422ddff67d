"""Wallet, ledger, activity feed and metrics, achievements, universal quests: the engine's stores."""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date
from uuid import UUID

from domain.achievements import AchievementDefinition, Unlocked
from domain.activity import Event
from domain.paging import PageRequest
from domain.quests import QuestProgress, UniversalQuest
from domain.streaks import Streak
from domain.wallet import LedgerEntry, Source, Wallet


class WalletRepository(ABC):
    @abstractmethod
    def lock(self, user_id: UUID) -> Wallet:
        """The user's wallet, locked until the transaction ends (created empty when missing)."""

    @abstractmethod
    def get(self, user_id: UUID) -> Wallet:
        """The wallet as it is (an empty one when the user has none yet)."""

    @abstractmethod
    def save(self, wallet: Wallet) -> None:
        """Write balance and XP back."""


class LedgerRepository(ABC):
    @abstractmethod
    def seen(self, user_id: UUID, sources: list[Source]) -> set[Source]:
        """Those of the sources that the user's entries already have (one look for all of them)."""

    @abstractmethod
    def append(self, *entries: LedgerEntry) -> None:
        """Add entries (append-only), in one write."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest) -> list[LedgerEntry]:
        """Newest first, keyed by (created_at, id); up to limit + 1 rows."""


class ActivityRepository(ABC):
    @abstractmethod
    def append(self, *events: Event) -> None:
        """Add events to the user's feed, in one write."""

    @abstractmethod
    def totals(self, user_id: UUID, metrics: set[str], dates: tuple[date, date] | None = None) -> dict[str, int]:
        """Each metric's value: sums of event metrics (within local `dates`, inclusive, if given),
        ledger sums, level and longest current streak. Unknown metrics are 0."""


class StreakRepository(ABC):
    @abstractmethod
    def summary(self, user_id: UUID, recent: int) -> tuple[Wallet, list[Streak],
                                                           list[tuple[AchievementDefinition, Unlocked]]]:
        """What the user's summary shows, read together: the wallet (an empty one when missing), the cached
        streaks by (kind, habit_id), and of the `recent` latest unlocks, newest first, those whose definition
        is active, each with its definition."""


class AchievementRepository(ABC):
    @abstractmethod
    def unlock(self, user_id: UUID, unlocked: Unlocked) -> bool:
        """Record an unlock; False when it was unlocked already (at most once, even under races)."""

    @abstractmethod
    def progress(self, user_id: UUID) -> list[tuple[AchievementDefinition, Unlocked | None, int]]:
        """Every active definition in display order with the user's unlock (if any) and the current
        all-time value of its condition metric (as ActivityRepository.totals counts it), read together."""


class UniversalQuestRepository(ABC):
    @abstractmethod
    def active(self, metrics: set[str] | None = None) -> list[UniversalQuest]:
        """Active universal quests (counting one of these metrics), in display order."""


class QuestProgressRepository(ABC):
    @abstractmethod
    def lock(self, user_id: UUID, keys: dict[UUID, str]) -> dict[UUID, QuestProgress]:
        """The user's progress row of each quest id for its period key, created when missing, all locked
        until commit (in one go, in quest id order)."""

    @abstractmethod
    def save(self, *progress: QuestProgress) -> None:
        """Write progress and completion back, in one write."""
