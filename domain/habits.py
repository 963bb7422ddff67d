"""Habits and their logs (DESIGN §6).

One log per habit and local day, done or skipped, dated today or up to seven days back; the
same day again replaces that day's log. A done log earns one point, once per log: a change
of status makes a new log (a new id), so each log's award and its reversal have ledger
sources of their own (`habit_log:<id>`, `habit_log_reversal:<id>`) and a log undone and
logged again earns again, while a retried request cannot earn twice.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from uuid import UUID, uuid4

from domain.errors import Conflict, InvalidInput
from domain.streaks import DONE, SKIPPED, WEEKDAYS, Schedule, Streak
from domain.wallet import Source

FREQUENCIES = ("daily", "weekdays", "times_per_week")
LOG_STATUSES = (DONE, SKIPPED)
MAX_TITLE, MAX_DESCRIPTION, MAX_LABEL = 200, 20_000, 50
MAX_BACKDATE_DAYS = 7
MAX_COUNT = 1000
LOG_POINTS = 1  # a done log earns one point (no XP)
EDITABLE = ("title", "description", "frequency", "days", "times", "color", "icon", "archived")


@dataclass
class Habit:
    id: UUID
    user_id: UUID
    title: str
    frequency: str = "daily"
    days: tuple[int, ...] | None = None  # ISO weekdays, for frequency weekdays
    times: int | None = None  # days a week, for frequency times_per_week
    description: str | None = None
    color: str | None = None
    icon: str | None = None
    archived: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @classmethod
    def create(cls, user_id: UUID, now: datetime, *, title: str, **fields) -> "Habit":
        habit = cls(id=uuid4(), user_id=user_id, title=title, created_at=now)
        habit.edit({"title": title, **fields}, now)
        return habit

    def edit(self, changes: dict, now: datetime) -> None:
        """Apply a partial change, all checked before any is applied.

        Moving away from weekdays (or times_per_week) drops `days` (or `times`), unless the
        change names them — then it is invalid.
        """
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise InvalidInput(sorted(unknown)[0], "Unknown field.")
        frequency = changes.get("frequency", self.frequency)
        days = changes["days"] if "days" in changes else (self.days if frequency == "weekdays" else None)
        times = changes["times"] if "times" in changes else (self.times if frequency == "times_per_week" else None)
        days, times = _schedule(frequency, days, times)
        _check_text(changes)
        for key in ("title", "description", "color", "icon", "archived"):
            if key in changes:
                setattr(self, key, changes[key])
        self.frequency, self.days, self.times, self.updated_at = frequency, days, times, now

    @property
    def schedule(self) -> Schedule:
        return Schedule(self.frequency, frozenset(self.days or WEEKDAYS), self.times or 1)


@dataclass
class HabitLog:
    id: UUID
    habit_id: UUID
    user_id: UUID
    date: date
    status: str = DONE
    count: int = 1
    points_awarded: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class LogChange:
    """What logging a day does: the log as it now is, the one it replaced, the done log given back."""

    log: HabitLog
    previous: HabitLog | None = None
    reversed: HabitLog | None = None

    @property
    def replaced(self) -> bool:
        return self.previous is not None

    @property
    def award(self) -> int:
        """Points the log earns now: a new done log only (a done log kept keeps its point)."""
        is_new = self.previous is None or self.previous.id != self.log.id
        return self.log.points_awarded if is_new else 0

    @property
    def changed(self) -> bool:
        return self.previous is None or (self.previous.status, self.previous.count) != (self.log.status, self.log.count)

    def metrics(self) -> dict[str, int]:
        """habit_logs_done moves by +1 when a day becomes done and by -1 when it stops being done."""
        delta = (self.log.status == DONE) - (self.previous is not None and self.previous.status == DONE)
        return {"habit_logs_done": delta} if delta else {}


@dataclass(frozen=True)
class HabitCard:
    """A habit as its owner sees it today: its streaks and today's log, if any."""

    habit: Habit
    streak: Streak
    today: HabitLog | None = None


def log_day(habit: Habit, previous: HabitLog | None, *, day: date, status: str, count: int, today: date,
            now: datetime) -> LogChange:
    """Log the habit for `day`; an existing log of that day is replaced.

    The same status again keeps the log (and its point) with the new count; another status
    makes a new log, and a done log replaced by a skip gives its point back.
    """
    if habit.archived:
        raise Conflict("This habit is archived; unarchive it to log it.")
    check_log_date(day, today)
    if status not in LOG_STATUSES:
        raise InvalidInput("status", f"Must be one of: {', '.join(LOG_STATUSES)}.")
    if not 1 <= count <= MAX_COUNT:
        raise InvalidInput("count", f"Must be between 1 and {MAX_COUNT}.")
    if previous is not None and previous.status == status:
        return LogChange(replace(previous, count=count, updated_at=now), previous)
    log = HabitLog(id=uuid4(), habit_id=habit.id, user_id=habit.user_id, date=day, status=status, count=count,
                   points_awarded=LOG_POINTS if status == DONE else 0, created_at=now, updated_at=now)
    gives_back = previous if previous is not None and previous.status == DONE and previous.points_awarded else None
    return LogChange(log, previous, gives_back)


def check_log_date(day: date, today: date, field: str = "date") -> None:
    """A log is dated today or up to seven days back — to create it, replace it or undo it."""
    if day > today:
        raise InvalidInput(field, f"Must not be after your today ({today.isoformat()}).")
    if day < today - timedelta(days=MAX_BACKDATE_DAYS):
        raise InvalidInput(field, f"Must be at most {MAX_BACKDATE_DAYS} days ago.")


def award_source(log: HabitLog) -> Source:
    return Source("habit_log", str(log.id))


def reversal_source(log: HabitLog) -> Source:
    return Source("habit_log_reversal", str(log.id))


def due_weekdays(habits: list[Habit]) -> frozenset[int]:
    """ISO weekdays on which an active habit is due (every day for daily and times_per_week habits)."""
    found: set[int] = set()
    for habit in habits:
        if not habit.archived:
            found |= set(habit.days or ()) if habit.frequency == "weekdays" else WEEKDAYS
    return frozenset(found)


def _schedule(frequency: str, days, times) -> tuple[tuple[int, ...] | None, int | None]:
    if frequency not in FREQUENCIES:
        raise InvalidInput("frequency", f"Must be one of: {', '.join(FREQUENCIES)}.")
    if frequency == "weekdays":
        if not days or any(not isinstance(d, int) or not 1 <= d <= 7 for d in days):
            raise InvalidInput("days", "Required for weekdays: ISO weekdays from 1 (Monday) to 7 (Sunday).")
        days = tuple(sorted(set(days)))
    elif days is not None:
        raise InvalidInput("days", "Only for frequency weekdays.")
    if frequency == "times_per_week":
        if not isinstance(times, int) or not 1 <= times <= 7:
            raise InvalidInput("times", "Required for times_per_week: from 1 to 7.")
    elif times is not None:
        raise InvalidInput("times", "Only for frequency times_per_week.")
    return days, times


def _check_text(changes: dict) -> None:
    if "title" in changes and not (isinstance(changes["title"], str) and 1 <= len(changes["title"]) <= MAX_TITLE):
        raise InvalidInput("title", f"Must be 1–{MAX_TITLE} characters.")
    if len(changes.get("description") or "") > MAX_DESCRIPTION:
        raise InvalidInput("description", f"Must be at most {MAX_DESCRIPTION} characters.")
    for key in ("color", "icon"):
        if changes.get(key) is not None and not 1 <= len(changes[key]) <= MAX_LABEL:
            raise InvalidInput(key, f"Must be 1–{MAX_LABEL} characters.")
