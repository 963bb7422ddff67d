"""Training programs: named plans of numbered weeks, each week a list of days (1 = its first day)
that may point at one of the user's workout templates.

A week number appears once per program (1–52), a day once per week (1–7); both are kept
sorted. Replacing the weeks replaces all of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID, uuid4

from domain.errors import InvalidInput
from domain.exercise import MAX_NAME, MAX_NOTE, MAX_TEXT, check_int, check_text

MAX_WEEKS, DAYS_PER_WEEK = 52, 7
EARLIEST_START, LATEST_START = date(2000, 1, 1), date(2100, 12, 31)


@dataclass(frozen=True)
class ProgramDay:
    day: int
    workout_id: UUID | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ProgramWeek:
    week_number: int
    title: str | None = None
    notes: str | None = None
    days: tuple[ProgramDay, ...] = ()

    @classmethod
    def of(cls, index: int, week_number: int, title: str | None = None, notes: str | None = None,
           days: list[dict] | None = None) -> "ProgramWeek":
        where = f"weeks.{index}"
        check_int(f"{where}.week_number", week_number, 1, MAX_WEEKS)
        check_text(f"{where}.title", title, MAX_NAME, minimum=1)
        check_text(f"{where}.notes", notes, MAX_TEXT)
        days = days or []
        if len(days) > DAYS_PER_WEEK:
            raise InvalidInput(f"{where}.days", f"At most {DAYS_PER_WEEK} days.")
        plan = [_day(f"{where}.days.{n}", **d) for n, d in enumerate(days)]
        if len({d.day for d in plan}) != len(plan):
            raise InvalidInput(f"{where}.days", "Each day may appear once.")
        return cls(week_number, title, notes, tuple(sorted(plan, key=lambda d: d.day)))


def _day(where: str, day: int, workout_id: UUID | None = None, notes: str | None = None) -> ProgramDay:
    check_int(f"{where}.day", day, 1, DAYS_PER_WEEK)
    check_text(f"{where}.notes", notes, MAX_NOTE)
    return ProgramDay(day, workout_id, notes)


def weeks_of(weeks: list[dict]) -> list[ProgramWeek]:
    """Weeks from their fields, sorted by number; a number twice is invalid."""
    if len(weeks) > MAX_WEEKS:
        raise InvalidInput("weeks", f"At most {MAX_WEEKS} weeks.")
    plan = [ProgramWeek.of(n, **w) for n, w in enumerate(weeks)]
    if len({w.week_number for w in plan}) != len(plan):
        raise InvalidInput("weeks", "Each week number may appear once.")
    return sorted(plan, key=lambda w: w.week_number)


@dataclass
class TrainingProgram:
    id: UUID
    user_id: UUID
    name: str
    description: str | None = None
    started_on: date | None = None
    active: bool = False
    weeks: list[ProgramWeek] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @classmethod
    def create(cls, user_id: UUID, *, name: str, now: datetime, description: str | None = None,
               started_on: date | None = None, active: bool = False,
               weeks: list[dict] | None = None) -> "TrainingProgram":
        program = cls(id=uuid4(), user_id=user_id, name=name, created_at=now, updated_at=now)
        program.edit({"name": name, "description": description, "started_on": started_on, "active": active,
                      "weeks": weeks or []}, now)
        return program

    def edit(self, changes: dict, now: datetime) -> None:
        """Change the given fields; `weeks`, when given, replaces every week. All is checked before any is set."""
        if "name" in changes:
            check_text("name", changes["name"], MAX_NAME, minimum=1, required=True)
        if "description" in changes:
            check_text("description", changes["description"], MAX_TEXT)
        started_on = changes.get("started_on", self.started_on)
        if started_on is not None and not EARLIEST_START <= started_on <= LATEST_START:
            raise InvalidInput("started_on", f"Must be between {EARLIEST_START} and {LATEST_START}.")
        if not isinstance(changes.get("active", self.active), bool):
            raise InvalidInput("active", "Must be true or false.")
        weeks = weeks_of(changes["weeks"]) if "weeks" in changes else self.weeks
        for name in ("name", "description", "started_on", "active"):
            setattr(self, name, changes.get(name, getattr(self, name)))
        self.weeks, self.updated_at = weeks, now

    @property
    def workout_ids(self) -> set[UUID]:
        return {d.workout_id for w in self.weeks for d in w.days if d.workout_id is not None}

    @property
    def sort_key(self) -> tuple:
        return self.created_at, self.id

    def detach_workout(self, workout_id: UUID) -> None:
        """A deleted workout leaves its days in the plan, without a workout."""
        self.weeks = [ProgramWeek(w.week_number, w.title, w.notes,
                                  tuple(ProgramDay(d.day, None if d.workout_id == workout_id else d.workout_id,
                                                   d.notes) for d in w.days)) for w in self.weeks]
