"""Focus sessions: a timer with pauses that earns points and XP (DESIGN §6).

Focused time is wall time minus paused time, capped at the planned `duration`; an open pause
counts up to `now`. Times are whole seconds, rounded down.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID, uuid4

from domain.days import UserDay
from domain.errors import Conflict, InvalidInput

MODES = ("focus", "break", "long_break")
STATUSES = ("active", "paused", "completed", "abandoned")
OPEN = ("active", "paused")
MIN_DURATION, MAX_DURATION = 60, 14_400
MIN_AWARDED_MINUTES = 5  # a focus session earns from five full focused minutes on
MAX_STATS_DAYS = 365


@dataclass(frozen=True)
class FocusView:
    """A session as the outside sees it at one instant."""

    id: UUID
    mode: str
    status: str
    started_at: datetime
    duration: int
    focused_seconds: int
    paused_seconds: int
    points_awarded: int
    xp_awarded: int
    completed_at: datetime | None
    abandoned_at: datetime | None
    ends_at: datetime | None  # when an active session reaches its duration; None otherwise


@dataclass(frozen=True)
class Award:
    """What completing a session earns: 1 point and 1 XP per full focused minute."""

    points: int
    xp: int
    minutes: int


@dataclass
class FocusSession:
    id: UUID
    user_id: UUID
    mode: str
    duration: int
    started_at: datetime
    status: str = "active"
    paused_seconds: int = 0  # closed pauses; the open one is `paused_at` until now
    paused_at: datetime | None = None
    focused_seconds: int = 0  # kept when the session finishes
    points_awarded: int = 0
    xp_awarded: int = 0
    completed_at: datetime | None = None
    abandoned_at: datetime | None = None

    @classmethod
    def start(cls, user_id: UUID, mode: str, duration: int, now: datetime,
              open_session: "FocusSession | None" = None) -> "FocusSession":
        """A new active session; refused while the user has one active or paused."""
        if mode not in MODES:
            raise InvalidInput("mode", f"Must be one of: {', '.join(MODES)}.")
        if not MIN_DURATION <= duration <= MAX_DURATION:
            raise InvalidInput("duration", f"Must be between {MIN_DURATION} and {MAX_DURATION} seconds.")
        if open_session is not None and open_session.is_open:
            raise Conflict("Another focus session is still running; finish it first.",
                           session_id=str(open_session.id))
        return cls(id=uuid4(), user_id=user_id, mode=mode, duration=duration, started_at=now)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def paused_seconds_at(self, now: datetime) -> int:
        """Closed pauses plus the open one up to `now`."""
        if self.paused_at is None:
            return self.paused_seconds
        return self.paused_seconds + _seconds(now - self.paused_at)

    def focused_seconds_at(self, now: datetime) -> int:
        """Wall time minus paused time, capped at the duration (fixed once finished)."""
        if not self.is_open:
            return self.focused_seconds
        wall = _seconds(now - self.started_at)
        return min(self.duration, max(0, wall - self.paused_seconds_at(now)))

    def ends_at(self) -> datetime | None:
        """When an active session's focused time reaches the duration."""
        if self.status != "active":
            return None
        return self.started_at + timedelta(seconds=self.paused_seconds + self.duration)

    def pause(self, now: datetime) -> None:
        self._require("active", "Only an active session can be paused.")
        self.status, self.paused_at = "paused", now

    def resume(self, now: datetime) -> None:
        self._require("paused", "Only a paused session can be resumed.")
        self._close_pause(now)
        self.status = "active"

    def complete(self, now: datetime) -> Award:
        """Finish the session; a focus session of five full minutes or more earns one point and one XP a minute."""
        self._require_open()
        self._finish(now)
        self.status, self.completed_at = "completed", now
        award = self.award()
        self.points_awarded, self.xp_awarded = award.points, award.xp
        return award

    def abandon(self, now: datetime) -> None:
        """Give the session up: it earns nothing."""
        self._require_open()
        self._finish(now)
        self.status, self.abandoned_at = "abandoned", now

    def award(self) -> Award:
        minutes = self.focused_seconds // 60
        if self.mode != "focus" or minutes < MIN_AWARDED_MINUTES:
            return Award(0, 0, minutes)
        return Award(minutes, minutes, minutes)

    def completion_metrics(self) -> dict[str, int]:
        """What a completion adds to the activity metrics; breaks add nothing, short sessions only minutes."""
        if self.mode != "focus":
            return {}
        award = self.award()
        metrics = {"focus_minutes": award.minutes} if award.minutes else {}
        if award.points:
            metrics["focus_sessions_completed"] = 1
        return metrics

    def view(self, now: datetime) -> FocusView:
        return FocusView(id=self.id, mode=self.mode, status=self.status, started_at=self.started_at,
                         duration=self.duration, focused_seconds=self.focused_seconds_at(now),
                         paused_seconds=self.paused_seconds_at(now) if self.is_open else self.paused_seconds,
                         points_awarded=self.points_awarded, xp_awarded=self.xp_awarded,
                         completed_at=self.completed_at, abandoned_at=self.abandoned_at, ends_at=self.ends_at())

    def _finish(self, now: datetime) -> None:
        self.focused_seconds = self.focused_seconds_at(now)
        self._close_pause(now)

    def _close_pause(self, now: datetime) -> None:
        if self.paused_at is not None:
            self.paused_seconds, self.paused_at = self.paused_seconds_at(now), None

    def _require(self, status: str, message: str) -> None:
        if self.status != status:
            raise Conflict(message, status=self.status)

    def _require_open(self) -> None:
        if not self.is_open:
            raise Conflict(f"This session is already {self.status}.", status=self.status)


@dataclass(frozen=True)
class FocusDay:
    date: date
    focused_minutes: int
    sessions: int


@dataclass(frozen=True)
class FocusStats:
    days: list[FocusDay]
    total_focused_minutes: int
    total_sessions: int
    current_streak_days: int


def stats_window(day: UserDay, now: datetime, days: int) -> tuple[date, date]:
    """The first and last local date of the last `days` days, today included."""
    if not 1 <= days <= MAX_STATS_DAYS:
        raise InvalidInput("days", f"Must be between 1 and {MAX_STATS_DAYS}.")
    today = day.local_date(now)
    return today - timedelta(days=days - 1), today


def focus_stats(day: UserDay, first: date, last: date, completed: list[tuple[datetime, int]],
                streak_dates: set[date] | None = None) -> FocusStats:
    """Per local day from `first` to `last`, zero-filled: full focused minutes and sessions.

    `completed` holds (completed_at, focused_seconds) of completed focus-mode sessions; each
    counts on the user's day of its completion. The streak reads `streak_dates` when given
    (days with a completion, reaching further back than the window).
    """
    minutes: dict[date, int] = {}
    sessions: dict[date, int] = {}
    for completed_at, focused_seconds in completed:
        local = day.local_date(completed_at)
        minutes[local] = minutes.get(local, 0) + focused_seconds // 60
        sessions[local] = sessions.get(local, 0) + 1
    rows = [FocusDay(d, minutes.get(d, 0), sessions.get(d, 0)) for d in _dates(first, last)]
    active = streak_dates if streak_dates is not None else set(sessions)
    return FocusStats(days=rows, total_focused_minutes=sum(r.focused_minutes for r in rows),
                      total_sessions=sum(r.sessions for r in rows), current_streak_days=streak(active, last))


def local_dates(day: UserDay, completed: list[tuple[datetime, int]]) -> set[date]:
    """The user's days on which these sessions were completed."""
    return {day.local_date(completed_at) for completed_at, _ in completed}


def streak(active_dates: set[date], today: date) -> int:
    """Consecutive days with a completion, ending today — or yesterday while today has none yet."""
    current = today if today in active_dates else today - timedelta(days=1)
    count = 0
    while current in active_dates:
        count += 1
        current -= timedelta(days=1)
    return count


def streak_reaches(active_dates: set[date], first: date, today: date) -> bool:
    """Whether the current streak runs back to `first`, so that earlier days may lengthen it."""
    count = streak(active_dates, today)
    end = today if today in active_dates else today - timedelta(days=1)
    return count > 0 and end - timedelta(days=count - 1) <= first


def _dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _seconds(delta: timedelta) -> int:
    return max(0, int(delta.total_seconds()))
