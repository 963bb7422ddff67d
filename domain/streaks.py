"""Streaks: consecutive local days (or ISO weeks) of something, derived from what happened and cached.

A habit's streak is a pure function of its logs, its schedule, the user's vacations and the
user's today (DESIGN §6). Each unit — a day, or an ISO week for `times_per_week` — extends the
streak, leaves it alone, or breaks it:

- a vacation day and a day the habit is not due leave it alone, even with a log;
- a done log extends it, a skipped day leaves it alone, a due day without a log breaks it;
- today without a log leaves it alone: the streak runs to yesterday until today is logged;
- a week extends it once it has `times` done days (the current week too), an unfinished
  current week leaves it alone, and a past week short of `times` breaks it unless its skipped
  and vacation days make up the difference.

Days are the user's local dates; DST and day_start_hour matter only through how a log's date
was chosen (`UserDay.local_date`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Iterable, Iterator
from uuid import UUID

from domain.days import week_start
from domain.errors import InvalidInput

WEEKDAYS = frozenset(range(1, 8))  # ISO: 1 Monday … 7 Sunday
DONE, SKIPPED = "done", "skipped"
EXTENDS, NEUTRAL, BREAKS = 1, 0, -1
ONE_DAY, ONE_WEEK = timedelta(days=1), timedelta(days=7)
MAX_VACATION_BACKDATE_DAYS = 7  # as far back as a log may be dated


@dataclass(frozen=True)
class Streak:
    kind: str  # habit (one habit), habits (any habit), focus, activity, reading, learn, workout
    current: int = 0
    longest: int = 0
    last_date: date | None = None  # the latest day the current streak counted; None while it is 0
    habit_id: UUID | None = None


@dataclass(frozen=True)
class Vacation:
    """An account-wide pause of every streak, from `start` to `end` inclusive (None: until ended)."""

    start: date
    end: date | None = None

    def __contains__(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Schedule:
    """When a habit is due: every day, on some ISO weekdays, or `times` days in each ISO week."""

    frequency: str = "daily"
    days: frozenset[int] = WEEKDAYS
    times: int = 1

    @property
    def weekly(self) -> bool:
        return self.frequency == "times_per_week"

    def due(self, day: date) -> bool:
        return self.frequency != "weekdays" or day.isoweekday() in self.days


def habit_streak(schedule: Schedule, statuses: dict[date, str], vacations: Iterable[Vacation], today: date,
                 habit_id: UUID | None = None) -> Streak:
    """One habit's current and longest streak as of `today`, from its logs' statuses by date."""
    current, longest, last = _tally(_outcomes(schedule, statuses, tuple(vacations), today, min(statuses, default=None)))
    return Streak("habit", current, longest, last, habit_id)


def account_streak(days: dict[date, str], due_weekdays: frozenset[int], vacations: Iterable[Vacation],
                   today: date) -> Streak:
    """Consecutive days with a done log of any habit ('habits').

    `days` is done for a day with any done log, skipped for a day with skips only. A weekday on
    which none of the user's habits is due leaves the streak alone, like a vacation day.
    """
    schedule = Schedule("weekdays", due_weekdays)
    current, longest, last = _tally(_outcomes(schedule, days, tuple(vacations), today, min(days, default=None)))
    return Streak("habits", current, longest, last)


def may_have_lapsed(streak: Streak, schedule: Schedule, today: date) -> bool:
    """Whether a whole unit has passed since the streak's last counted one (the cache may be stale)."""
    if not streak.current or streak.last_date is None:
        return False
    if schedule.weekly:
        return week_start(streak.last_date) + ONE_WEEK < week_start(today)
    return streak.last_date + ONE_DAY < today


def as_of(streak: Streak, schedule: Schedule, later: dict[date, str], vacations: Iterable[Vacation],
          today: date) -> Streak:
    """A cached streak as it stands today: broken if a unit after its last counted one broke it.

    `later` holds the habit's logs dated after `streak.last_date`. Time passing can only break a
    streak; lengthening it takes a log, and every log change recomputes the cache.
    """
    if not may_have_lapsed(streak, schedule, today):
        return streak
    start = week_start(streak.last_date) + ONE_WEEK if schedule.weekly else streak.last_date + ONE_DAY
    if any(outcome == BREAKS for _, outcome in _outcomes(schedule, later, tuple(vacations), today, start)):
        return replace(streak, current=0, last_date=None)
    return streak


def plan_vacation(current: Vacation | None, start: date, end: date | None, today: date) -> Vacation:
    """A new vacation: it may start at most seven days back (like a log), or where a vacation still
    running in that window started; it may not end before it starts."""
    earliest = today - timedelta(days=MAX_VACATION_BACKDATE_DAYS)
    keeps_start = current is not None and current.start == start and (current.end is None or current.end >= earliest)
    if start < earliest and not keeps_start:
        raise InvalidInput("from", f"Must be at most {MAX_VACATION_BACKDATE_DAYS} days ago ({earliest} or later).")
    if end is not None and end < start:
        raise InvalidInput("to", "Must not be before from.")
    return Vacation(start, end)


def days_taken(vacation: Vacation | None, today: date) -> Vacation | None:
    """The part of a vacation that lies before today. Once passed, vacation days stay paused,
    whatever later becomes of the vacation (replaced or ended)."""
    if vacation is None or vacation.start >= today:
        return None
    yesterday = today - ONE_DAY
    return Vacation(vacation.start, yesterday if vacation.end is None else min(vacation.end, yesterday))


def _outcomes(schedule: Schedule, statuses: dict[date, str], vacations: tuple[Vacation, ...], today: date,
              start: date | None) -> Iterator[tuple[date, int]]:
    if start is None:
        return iter(())
    walk = _weeks if schedule.weekly else _days
    return walk(schedule, statuses, vacations, today, start)


def _days(schedule, statuses, vacations, today, start) -> Iterator[tuple[date, int]]:
    day = start
    while day <= today:
        status = statuses.get(day)
        if _paused(day, vacations) or not schedule.due(day):
            yield day, NEUTRAL
        elif status == DONE:
            yield day, EXTENDS
        else:
            yield day, NEUTRAL if status == SKIPPED or day == today else BREAKS
        day += ONE_DAY


def _weeks(schedule, statuses, vacations, today, start) -> Iterator[tuple[date, int]]:
    week, this_week = week_start(start), week_start(today)
    while week <= this_week:
        days = [d for d in (week + timedelta(days=n) for n in range(7)) if d <= today]
        paused = [d for d in days if _paused(d, vacations)]
        done = [d for d in days if statuses.get(d) == DONE and d not in paused]
        skipped = [d for d in days if statuses.get(d) == SKIPPED and d not in paused]
        if len(done) >= schedule.times:
            yield max(done), EXTENDS
        elif week == this_week or len(done) + len(skipped) + len(paused) >= schedule.times:
            yield week, NEUTRAL
        else:
            yield week, BREAKS
        week += ONE_WEEK


def _paused(day: date, vacations: tuple[Vacation, ...]) -> bool:
    return any(day in vacation for vacation in vacations)


def _tally(outcomes: Iterable[tuple[date, int]]) -> tuple[int, int, date | None]:
    current = longest = 0
    last = None
    for day, outcome in outcomes:
        if outcome == BREAKS:
            current, last = 0, None
        elif outcome == EXTENDS:
            current, last = current + 1, day
            longest = max(longest, current)
    return current, longest, last
