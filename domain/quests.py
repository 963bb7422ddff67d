"""Quests: universal ones (admin-defined, per period, progressing from events) and the user's
own (progressing by hand, XP only — nobody mints currency)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID, uuid4

from domain.days import period_dates, period_key
from domain.errors import Conflict, InvalidInput

USER_QUEST_XP = 10  # XP for completing one's own quest
MAX_TARGET = 1_000_000


@dataclass(frozen=True)
class UniversalQuest:
    id: UUID
    key: str | None
    title: str
    description: str | None
    metric: str
    target: int
    period: str
    reward_points: int = 0
    reward_xp: int = 0
    active: bool = True
    sort_order: int = 0


@dataclass
class QuestProgress:
    """A user's progress on a universal quest in one period (period_key)."""

    quest_id: UUID
    user_id: UUID
    period_key: str
    progress: int = 0
    completed_at: datetime | None = None
    points_awarded: int = 0
    xp_awarded: int = 0

    @property
    def completed(self) -> bool:
        return self.completed_at is not None

    def advance_to(self, quest: UniversalQuest, total: int, now: datetime) -> bool:
        """Set progress from the metric's total; True when this completes the quest now."""
        self.progress = max(total, 0)
        if self.completed or self.progress < quest.target:
            return False
        self.completed_at = now
        self.points_awarded, self.xp_awarded = quest.reward_points, quest.reward_xp
        return True


@dataclass
class UserQuest:
    id: UUID
    user_id: UUID
    title: str
    target: int
    description: str | None = None
    progress: int = 0
    due_date: date | None = None
    status: str = "active"
    reward_xp: int = USER_QUEST_XP
    completed_at: datetime | None = None
    created_at: datetime | None = None

    @classmethod
    def create(cls, user_id: UUID, title: str, target: int, now: datetime, *, description: str | None = None,
               due_date: date | None = None) -> "UserQuest":
        _check_target(target)
        return cls(id=uuid4(), user_id=user_id, title=title, target=target, description=description,
                   due_date=due_date, created_at=now)

    def edit(self, changes: dict) -> None:
        if "target" in changes:
            _check_target(changes["target"])
        for key in ("title", "description", "target", "due_date"):
            if key in changes:
                setattr(self, key, changes[key])
        # progress stays within 0 … target; a completed quest stays at its (new) target
        self.progress = self.target if self.status == "completed" else min(self.progress, self.target)

    def add_progress(self, delta: int) -> None:
        """Move progress by hand, within 0 … target; a completed quest no longer moves."""
        if self.status != "active":
            raise Conflict("This quest is no longer active.")
        self.progress = min(max(self.progress + delta, 0), self.target)

    def complete(self, now: datetime) -> int:
        """Complete once; returns the XP earned."""
        if self.status != "active":
            raise Conflict("This quest is already completed.")
        self.status, self.completed_at, self.progress = "completed", now, self.target
        return self.reward_xp


def _check_target(target: int) -> None:
    if not 1 <= target <= MAX_TARGET:
        raise InvalidInput("target", f"Must be between 1 and {MAX_TARGET}.")


@dataclass(frozen=True)
class QuestCard:
    """A quest as its owner sees it now: a universal one in its current period, or their own."""

    id: UUID
    kind: str  # "universal" | "personal"
    title: str
    description: str | None
    target: int
    progress: int
    completed: bool
    status: str
    reward_points: int = 0
    reward_xp: int = 0
    period: str | None = None
    period_key: str | None = None
    due_date: date | None = None

    @classmethod
    def universal(cls, quest: UniversalQuest, today: date, total: int, stored: QuestProgress | None) -> "QuestCard":
        """Progress is the metric's total in the period; completion is what the engine stored."""
        dates = period_dates(quest.period, today)
        completed = stored is not None and stored.completed
        return cls(id=quest.id, kind="universal", title=quest.title, description=quest.description,
                   target=quest.target, progress=max(total, 0), completed=completed,
                   status="completed" if completed else "active", reward_points=quest.reward_points,
                   reward_xp=quest.reward_xp, period=quest.period, period_key=period_key(quest.period, today),
                   due_date=dates[1] if dates else None)

    @classmethod
    def personal(cls, quest: UserQuest) -> "QuestCard":
        return cls(id=quest.id, kind="personal", title=quest.title, description=quest.description,
                   target=quest.target, progress=quest.progress, completed=quest.status == "completed",
                   status=quest.status, reward_xp=quest.reward_xp, due_date=quest.due_date)
