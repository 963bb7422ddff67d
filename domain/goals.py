"""Goals and their milestones.

A goal's progress is derived, never stored: the percent of its milestones done (rounded down),
or, without milestones, 0 until the goal is completed and then 100. Milestones keep dense
positions 0 … n-1: adding, moving and deleting one renumbers the others.

Completing a goal and marking a milestone done are counted in the activity feed once per goal
or milestone: a change reports what it would count (`Counted`), and the use case records it
only when the feed does not hold it yet — so reopening and completing again, or un-doing and
doing again, counts nothing more.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID, uuid4

from domain.errors import Conflict, InvalidInput, NotFound

STATUSES = ("active", "completed", "archived")
MAX_TITLE, MAX_TEXT = 200, 20_000
MAX_MILESTONES = 100  # per goal; a plan, not a database
GOAL_COMPLETED, MILESTONE_DONE = "goal.completed", "goal.milestone_done"


@dataclass(frozen=True)
class Counted:
    """Something a change makes count in the activity feed, once per subject."""

    type: str
    subject_type: str
    subject_id: UUID
    metrics: dict[str, int]
    once: bool = True  # False: a new subject every time, nothing to look up
    local_date: date | None = None  # the user's day it counts on; None: today


@dataclass
class Milestone:
    id: UUID
    goal_id: UUID
    user_id: UUID
    title: str
    position: int
    due_date: date | None = None
    done: bool = False
    done_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def _set_done(self, done: bool, now: datetime) -> list[Counted]:
        if done == self.done:
            return []
        self.done, self.done_at = done, now if done else None
        return [Counted(MILESTONE_DONE, "goal_milestone", self.id, {"milestones_completed": 1})] if done else []


@dataclass
class Goal:
    id: UUID
    user_id: UUID
    title: str
    description: str | None = None
    target_date: date | None = None
    status: str = "active"
    completed_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    milestones: list[Milestone] = field(default_factory=list)  # by position

    @classmethod
    def create(cls, user_id: UUID, title: str, now: datetime, *, description: str | None = None,
               target_date: date | None = None, status: str = "active") -> tuple["Goal", list[Counted]]:
        """A new goal; one created as completed counts as completed."""
        goal = cls(id=uuid4(), user_id=user_id, title="", created_at=now, updated_at=now)
        counted = goal.update({"title": title, "description": description, "target_date": target_date,
                               "status": status}, now)
        return goal, counted

    @property
    def progress(self) -> int:
        """Percent of milestones done, rounded down; without milestones 0, or 100 once completed."""
        if not self.milestones:
            return 100 if self.status == "completed" else 0
        return 100 * sum(m.done for m in self.milestones) // len(self.milestones)

    def update(self, changes: dict, now: datetime) -> list[Counted]:
        """Change title, description, target date or status; every value is checked before any is applied."""
        _check(changes)
        if "status" in changes and changes["status"] not in STATUSES:
            raise InvalidInput("status", f"Must be one of: {', '.join(STATUSES)}.")
        for key in ("title", "description", "target_date"):
            if key in changes:
                setattr(self, key, changes[key])
        self.updated_at = now
        return self._set_status(changes["status"], now) if "status" in changes else []

    def add_milestone(self, title: str, now: datetime, *, due_date: date | None = None,
                      position: int | None = None) -> Milestone:
        """Append a milestone, or insert it at `position` (beyond the end: at the end)."""
        _check({"title": title})
        if len(self.milestones) >= MAX_MILESTONES:
            raise Conflict(f"A goal has at most {MAX_MILESTONES} milestones.")
        _check_position(position)
        milestone = Milestone(id=uuid4(), goal_id=self.id, user_id=self.user_id, title=title, position=0,
                              due_date=due_date, created_at=now, updated_at=now)
        at = len(self.milestones) if position is None else min(position, len(self.milestones))
        self.milestones.insert(at, milestone)
        self._renumber(now)
        return milestone

    def update_milestone(self, milestone_id: UUID, changes: dict, now: datetime) -> tuple[Milestone, list[Counted]]:
        """Change a milestone's title, due date, done or position (moving renumbers the others)."""
        milestone = self.milestone(milestone_id)
        _check(changes)
        _check_position(changes.get("position"))
        for key in ("title", "due_date"):
            if key in changes:
                setattr(milestone, key, changes[key])
        counted = milestone._set_done(bool(changes["done"]), now) if "done" in changes else []
        if changes.get("position") is not None:
            self.milestones.remove(milestone)
            self.milestones.insert(min(changes["position"], len(self.milestones)), milestone)
        milestone.updated_at = now
        self._renumber(now)
        return milestone, counted

    def remove_milestone(self, milestone_id: UUID, now: datetime) -> None:
        """Delete a milestone; the ones after it move up."""
        self.milestones.remove(self.milestone(milestone_id))
        self._renumber(now)

    def milestone(self, milestone_id: UUID) -> Milestone:
        found = next((m for m in self.milestones if m.id == milestone_id), None)
        if found is None:
            raise NotFound("Milestone not found.")
        return found

    def _set_status(self, status: str, now: datetime) -> list[Counted]:
        if status == self.status:
            return []  # completing a completed goal changes nothing
        self.status, self.completed_at = status, now if status == "completed" else None
        return [Counted(GOAL_COMPLETED, "goal", self.id, {"goals_completed": 1})] if status == "completed" else []

    def _renumber(self, now: datetime) -> None:
        for position, milestone in enumerate(self.milestones):
            if milestone.position != position:
                milestone.position, milestone.updated_at = position, now
        self.updated_at = now


def _check(changes: dict) -> None:
    """Titles 1–200 characters (not only spaces), descriptions up to 20,000."""
    title = changes.get("title", "-")
    if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE:
        raise InvalidInput("title", f"Must be 1–{MAX_TITLE} characters.")
    description = changes.get("description")
    if description is not None and (not isinstance(description, str) or len(description) > MAX_TEXT):
        raise InvalidInput("description", f"Must be at most {MAX_TEXT:,} characters.")


def _check_position(position: int | None) -> None:
    if position is not None and (isinstance(position, bool) or not isinstance(position, int) or position < 0):
        raise InvalidInput("position", "Must be a whole number from 0.")
