"""Exercise: a catalog of exercises (global plus the user's own), workout templates, and logged
workout sessions with their sets.

Weights are Decimal kilograms with at most two decimals; times come in as arguments.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID, uuid4

from domain.errors import InvalidInput
from domain.paging import PageRequest

CATEGORIES = ("strength", "cardio", "bodyweight", "mobility", "flexibility", "plyometric", "other")
MAX_NAME, MAX_TEXT, MAX_NOTE = 200, 20_000, 2_000
MAX_WORKOUT_EXERCISES, MAX_SETS = 50, 200
MAX_REPS, MAX_TARGET_SETS = 1_000, 100
MAX_KG = Decimal(1_000)
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)  # no workout log reaches further back
FUTURE_SKEW = timedelta(minutes=10)  # a client clock may run this far ahead
MAX_SESSION = timedelta(hours=24)
EXERCISE_KEY, TIME_KEY = (str, UUID), (datetime, UUID)  # the shapes of the lists' sort keys
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def name_order(name: str, id_: UUID) -> tuple:
    """Exercises sort by name, ASCII letters case-blind, then by exact code points, then id.

    The same order as Postgres' `lower(name COLLATE "C"), name COLLATE "C", id`, whatever the
    server's locale, so that cursors stay valid everywhere.
    """
    return name.translate(_ASCII_LOWER), name, id_


def check_text(field_name: str, value: str | None, maximum: int, *, minimum: int = 0,
               required: bool = False) -> None:
    """Text within bounds, storable as is: no NUL characters, no lone surrogates; None unless required."""
    if value is None and not required:
        return
    if not isinstance(value, str) or not minimum <= len(value) <= maximum:
        raise InvalidInput(field_name, f"Must be {minimum}–{maximum:,} characters.")
    if "\x00" in value or not _encodable(value):
        raise InvalidInput(field_name, "Must not contain NUL characters or unpaired surrogates.")


def check_number(field_name: str, value, low: Decimal, high: Decimal, *, places: int = 2,
                 step: Decimal | None = None) -> Decimal:
    """A finite number within [low, high] with at most `places` decimals (and a multiple of `step`)."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise InvalidInput(field_name, "Must be a number.")
    number = Decimal(value)
    if not number.is_finite() or not low <= number <= high:
        raise InvalidInput(field_name, f"Must be between {low} and {high}.")
    if number.as_tuple().exponent < -places:
        raise InvalidInput(field_name, f"Must have at most {places} decimals.")
    if step is not None and number % step:
        raise InvalidInput(field_name, f"Must be a multiple of {step}.")
    return number


def check_int(field_name: str, value, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(field_name, f"Must be a whole number from {low} to {high}.")
    return value


def check_after(request: PageRequest, shape: tuple[type, ...]) -> None:
    """A page continues only after a sort key of the list's own shape (aware times, storable names)."""
    after = request.after
    if after is None:
        return
    if len(after) != len(shape) or not all(map(_fits, after, shape)):
        raise InvalidInput("cursor", "Not a cursor this list gave out.")


def _fits(value: object, kind: type) -> bool:
    if kind is datetime:
        return isinstance(value, datetime) and value.tzinfo is not None
    if kind is str:
        return isinstance(value, str) and len(value) <= MAX_NAME and "\x00" not in value and _encodable(value)
    return isinstance(value, kind)


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass
class Exercise:
    id: UUID
    name: str
    category: str = "strength"
    user_id: UUID | None = None  # None: the global catalog
    key: str | None = None  # catalog rows only
    muscle_group: str | None = None
    equipment: str | None = None
    description: str | None = None
    created_at: datetime | None = None

    @classmethod
    def create(cls, user_id: UUID, *, name: str, now: datetime, category: str = "strength",
               muscle_group: str | None = None, equipment: str | None = None,
               description: str | None = None) -> "Exercise":
        """An exercise of the user's own, seen and used by them only."""
        check_text("name", name, MAX_NAME, minimum=1, required=True)
        if category not in CATEGORIES:
            raise InvalidInput("category", f"Must be one of: {', '.join(CATEGORIES)}.")
        check_text("muscle_group", muscle_group, MAX_NAME, minimum=1)
        check_text("equipment", equipment, MAX_NAME, minimum=1)
        check_text("description", description, MAX_TEXT)
        return cls(id=uuid4(), name=name, category=category, user_id=user_id, muscle_group=muscle_group,
                   equipment=equipment, description=description, created_at=now)

    @property
    def custom(self) -> bool:
        return self.user_id is not None

    @property
    def sort_key(self) -> tuple:
        return self.name, self.id

    def usable_by(self, user_id: UUID) -> bool:
        """Catalog exercises are everyone's; a custom one is its owner's only."""
        return self.user_id is None or self.user_id == user_id


@dataclass
class PlannedExercise:
    """One exercise of a workout template, with optional targets."""

    exercise_id: UUID
    target_sets: int | None = None
    target_reps: int | None = None
    target_weight_kg: Decimal | None = None
    notes: str | None = None
    exercise_name: str | None = None  # read with the workout

    @classmethod
    def of(cls, index: int, exercise_id: UUID, target_sets: int | None = None, target_reps: int | None = None,
           target_weight_kg: Decimal | None = None, notes: str | None = None) -> "PlannedExercise":
        where = f"exercises.{index}"
        if target_sets is not None:
            check_int(f"{where}.target_sets", target_sets, 1, MAX_TARGET_SETS)
        if target_reps is not None:
            check_int(f"{where}.target_reps", target_reps, 1, MAX_REPS)
        if target_weight_kg is not None:
            target_weight_kg = check_number(f"{where}.target_weight_kg", target_weight_kg, Decimal(0), MAX_KG)
        check_text(f"{where}.notes", notes, MAX_NOTE)
        return cls(exercise_id, target_sets, target_reps, target_weight_kg, notes)


def planned(exercises: list[dict]) -> list[PlannedExercise]:
    """A template's exercises, in order, from their fields."""
    if len(exercises) > MAX_WORKOUT_EXERCISES:
        raise InvalidInput("exercises", f"At most {MAX_WORKOUT_EXERCISES} exercises.")
    return [PlannedExercise.of(n, **item) for n, item in enumerate(exercises)]


@dataclass
class Workout:
    """A template: a named, ordered list of exercises to do."""

    id: UUID
    user_id: UUID
    name: str
    description: str | None = None
    exercises: list[PlannedExercise] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @classmethod
    def create(cls, user_id: UUID, *, name: str, now: datetime, description: str | None = None,
               exercises: list[dict] | None = None) -> "Workout":
        workout = cls(id=uuid4(), user_id=user_id, name=name, created_at=now, updated_at=now)
        workout.edit({"name": name, "description": description, "exercises": exercises or []}, now)
        return workout

    def edit(self, changes: dict, now: datetime) -> None:
        """Change name, description or exercises (a given list replaces the whole list)."""
        if "name" in changes:
            check_text("name", changes["name"], MAX_NAME, minimum=1, required=True)
        if "description" in changes:
            check_text("description", changes["description"], MAX_TEXT)
        exercises = planned(changes["exercises"]) if "exercises" in changes else self.exercises
        self.name = changes.get("name", self.name)
        self.description = changes.get("description", self.description)
        self.exercises, self.updated_at = exercises, now

    @property
    def exercise_ids(self) -> set[UUID]:
        return {e.exercise_id for e in self.exercises}

    def name_exercises(self, names: dict[UUID, str]) -> None:
        for planned_exercise in self.exercises:
            planned_exercise.exercise_name = names.get(planned_exercise.exercise_id)

    @property
    def sort_key(self) -> tuple:
        return self.created_at, self.id


@dataclass
class WorkoutSet:
    exercise_id: UUID
    reps: int
    weight_kg: Decimal
    rpe: Decimal | None = None
    position: int = 0
    id: UUID = field(default_factory=uuid4)
    exercise_name: str | None = None  # read with the session

    @classmethod
    def of(cls, position: int, exercise_id: UUID, reps: int, weight_kg: Decimal,
           rpe: Decimal | None = None) -> "WorkoutSet":
        """A set of 0–1,000 reps at 0–1,000 kg (two decimals), with an RPE of 1–10 in half steps."""
        where = f"sets.{position}"
        check_int(f"{where}.reps", reps, 0, MAX_REPS)
        weight = check_number(f"{where}.weight_kg", weight_kg, Decimal(0), MAX_KG)
        if rpe is not None:
            rpe = check_number(f"{where}.rpe", rpe, Decimal(1), Decimal(10), places=1, step=Decimal("0.5"))
        return cls(exercise_id=exercise_id, reps=reps, weight_kg=weight, rpe=rpe, position=position)


@dataclass
class WorkoutSession:
    """A workout that was done: when, and the sets lifted."""

    id: UUID
    user_id: UUID
    started_at: datetime
    sets: list[WorkoutSet] = field(default_factory=list)
    workout_id: UUID | None = None
    ended_at: datetime | None = None
    notes: str | None = None
    created_at: datetime | None = None

    @classmethod
    def log(cls, user_id: UUID, *, started_at: datetime, sets: list[dict], now: datetime,
            ended_at: datetime | None = None, notes: str | None = None,
            workout_id: UUID | None = None) -> "WorkoutSession":
        """A session of 1–200 sets that started after 2000 and not in the future, and lasted at most a day."""
        _check_time("started_at", started_at, now)
        if ended_at is not None:
            _check_time("ended_at", ended_at, now)
            if not started_at <= ended_at <= started_at + MAX_SESSION:
                raise InvalidInput("ended_at", "Must be after started_at, within 24 hours.")
        check_text("notes", notes, MAX_TEXT)
        if not 1 <= len(sets) <= MAX_SETS:
            raise InvalidInput("sets", f"Must hold 1–{MAX_SETS} sets.")
        return cls(id=uuid4(), user_id=user_id, started_at=started_at, workout_id=workout_id, ended_at=ended_at,
                   notes=notes, created_at=now, sets=[WorkoutSet.of(n, **s) for n, s in enumerate(sets)])

    @property
    def exercise_ids(self) -> set[UUID]:
        return {s.exercise_id for s in self.sets}

    @property
    def sort_key(self) -> tuple:
        return self.started_at, self.id

    def name_exercises(self, names: dict[UUID, str]) -> None:
        for s in self.sets:
            s.exercise_name = names.get(s.exercise_id)


def _check_time(field_name: str, at: datetime, now: datetime) -> None:
    if at.tzinfo is None:
        raise InvalidInput(field_name, "Must carry a UTC offset.")
    if not EARLIEST <= at <= now + FUTURE_SKEW:
        raise InvalidInput(field_name, "Must be after 2000-01-01 and not in the future.")
