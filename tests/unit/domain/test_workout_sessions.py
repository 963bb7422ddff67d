"""Logging a workout session on plain objects: times, sets, numbers."""
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.errors import InvalidInput
from domain.exercise import WorkoutSession

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
SQUAT = uuid4()


def a_set(**fields) -> dict:
    return {"exercise_id": SQUAT, "reps": 5, "weight_kg": Decimal(100), **fields}


def log(sets=None, **fields) -> WorkoutSession:
    return WorkoutSession.log(uuid4(), **{"started_at": NOW - timedelta(hours=1), "now": NOW,
                                          "sets": [a_set()] if sets is None else sets, **fields})


def invalid_field(**fields) -> str:
    with pytest.raises(InvalidInput) as error:
        log(**fields)
    return next(iter(error.value.details["fields"]))


def test_a_session_keeps_its_sets_in_order_with_positions():
    session = log([a_set(reps=5), a_set(reps=3, rpe=Decimal("8.5")), a_set(reps=0, weight_kg=Decimal(0))])
    assert [(s.position, s.reps, s.rpe) for s in session.sets] == [(0, 5, None), (1, 3, Decimal("8.5")), (2, 0, None)]
    assert session.created_at == NOW and session.exercise_ids == {SQUAT}


def test_a_session_may_start_a_little_ahead_of_the_server_clock():
    assert log(started_at=NOW + timedelta(minutes=9)).started_at == NOW + timedelta(minutes=9)


@pytest.mark.parametrize("fields,field", [
    ({"started_at": NOW + timedelta(minutes=11)}, "started_at"),
    ({"started_at": datetime(1999, 12, 31, 23, 59, tzinfo=timezone.utc)}, "started_at"),
    ({"started_at": datetime(1, 1, 1, tzinfo=timezone.utc)}, "started_at"),
    ({"started_at": datetime(9999, 12, 31, tzinfo=timezone(timedelta(hours=-5)))}, "started_at"),
    ({"started_at": datetime(2026, 3, 2, 12, 0)}, "started_at"),
    ({"ended_at": NOW - timedelta(hours=2)}, "ended_at"),
    ({"ended_at": NOW + timedelta(hours=1)}, "ended_at"),
    ({"started_at": NOW - timedelta(hours=30), "ended_at": NOW - timedelta(hours=5)}, "ended_at"),
    ({"notes": "n" * 20_001}, "notes"),
    ({"sets": []}, "sets"),
    ({"sets": [a_set()] * 201}, "sets"),
    ({"sets": [a_set(), a_set(reps=-1)]}, "sets.1.reps"),
    ({"sets": [a_set(reps=1001)]}, "sets.0.reps"),
    ({"sets": [a_set(reps=True)]}, "sets.0.reps"),
    ({"sets": [a_set(weight_kg=Decimal("1000.01"))]}, "sets.0.weight_kg"),
    ({"sets": [a_set(weight_kg=Decimal("-1"))]}, "sets.0.weight_kg"),
    ({"sets": [a_set(weight_kg=Decimal("60.125"))]}, "sets.0.weight_kg"),
    ({"sets": [a_set(weight_kg=Decimal("NaN"))]}, "sets.0.weight_kg"),
    ({"sets": [a_set(rpe=Decimal("0.5"))]}, "sets.0.rpe"),
    ({"sets": [a_set(rpe=Decimal("10.5"))]}, "sets.0.rpe"),
    ({"sets": [a_set(rpe=Decimal("7.25"))]}, "sets.0.rpe"),
    ({"sets": [a_set(rpe=Decimal("7.2"))]}, "sets.0.rpe"),
])
def test_a_session_outside_the_rules_is_invalid(fields, field):
    assert invalid_field(**fields) == field


def test_the_bounds_are_allowed():
    session = log([a_set(reps=1000, weight_kg=Decimal(1000), rpe=Decimal(10)),
                   a_set(reps=0, weight_kg=Decimal(0), rpe=Decimal(1))] + [a_set()] * 198,
                  started_at=NOW - timedelta(hours=24), ended_at=NOW, notes="n" * 20_000)
    assert len(session.sets) == 200 and session.ended_at - session.started_at == timedelta(hours=24)


def test_sets_are_named_from_a_lookup():
    session = log()
    session.name_exercises({SQUAT: "Back squat"})
    assert session.sets[0].exercise_name == "Back squat"
