"""Personal records: the user's best per exercise and metric, computed when a session is logged.

- max_weight: the heaviest weight lifted for at least one rep;
- max_reps: the most reps in one set (any weight, bodyweight too);
- e1rm: the estimated one-rep max by Epley, weight × (1 + reps / 30), for sets of 1–12 reps,
  rounded half-up to the cent.

A set with 0 reps counts for nothing; a set at 0 kg counts for max_reps only. A record is
replaced only when beaten (strictly greater); a tie keeps the older record.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from uuid import UUID, uuid4

from domain.exercise import WorkoutSession

METRICS = ("max_weight", "max_reps", "e1rm")
E1RM_REPS = range(1, 13)
CENT = Decimal("0.01")
RECORD_KEY = (datetime, UUID)  # the list's sort key: (achieved_at, id), newest first


def epley(weight_kg: Decimal, reps: int) -> Decimal | None:
    """weight × (1 + reps / 30) to the cent, for 1–12 reps at a weight above zero; None otherwise."""
    if reps not in E1RM_REPS or weight_kg <= 0:
        return None
    return (weight_kg * (30 + reps) / 30).quantize(CENT, rounding=ROUND_HALF_UP)


def set_values(weight_kg: Decimal, reps: int) -> dict[str, Decimal]:
    """What one set shows for each metric it counts for."""
    if reps < 1:
        return {}
    values = {"max_reps": Decimal(reps)}
    if weight_kg > 0:
        values["max_weight"] = weight_kg
        estimate = epley(weight_kg, reps)
        if estimate is not None:
            values["e1rm"] = estimate
    return values


@dataclass
class PersonalRecord:
    user_id: UUID
    exercise_id: UUID
    metric: str
    value: Decimal
    achieved_at: datetime
    session_id: UUID | None = None
    id: UUID = field(default_factory=uuid4)
    exercise_name: str | None = None  # read with the record
    previous: Decimal | None = None  # the value it replaced, when it was just set

    @property
    def key(self) -> tuple[UUID, str]:
        return self.exercise_id, self.metric

    @property
    def sort_key(self) -> tuple:
        return self.achieved_at, self.id

    def beats(self, other: "PersonalRecord | None") -> bool:
        """Strictly better than `other` (anything beats no record)."""
        return other is None or self.value > other.value


def check_distinct(records: list[PersonalRecord]) -> None:
    """A batch of records holds each (user, exercise, metric) once."""
    if len({(r.user_id, *r.key) for r in records}) != len(records):
        raise ValueError("one record per (user, exercise, metric) at a time")


def session_bests(session: WorkoutSession) -> list[PersonalRecord]:
    """The session's best per (exercise, metric), achieved when the session started."""
    best: dict[tuple[UUID, str], PersonalRecord] = {}
    for s in session.sets:
        for metric, value in set_values(s.weight_kg, s.reps).items():
            candidate = PersonalRecord(user_id=session.user_id, exercise_id=s.exercise_id, metric=metric, value=value,
                                       achieved_at=session.started_at, session_id=session.id,
                                       exercise_name=s.exercise_name)
            if candidate.beats(best.get(candidate.key)):
                best[candidate.key] = candidate
    return list(best.values())


def beaten(current: dict[tuple[UUID, str], PersonalRecord], candidates: list[PersonalRecord]) -> list[PersonalRecord]:
    """The candidates that beat the user's current records, each carrying the value it replaces."""
    found = []
    for candidate in candidates:
        held = current.get(candidate.key)
        if held is not None and held.user_id != candidate.user_id:
            held = None  # another user's record is no bar to this one
        if candidate.beats(held):
            candidate.previous = held.value if held else None
            found.append(candidate)
    return found
