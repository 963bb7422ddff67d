"""Exercises and workout templates on plain objects: names, numbers, order, editing."""
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID, uuid4

import pytest

from domain.errors import InvalidInput
from domain.exercise import (EXERCISE_KEY, TIME_KEY, Exercise, Workout, check_after, check_number, check_text,
                             name_order)
from domain.paging import PageRequest

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


def invalid_field(call) -> str:
    with pytest.raises(InvalidInput) as error:
        call()
    return next(iter(error.value.details["fields"]))


def test_a_new_exercise_belongs_to_its_owner_and_defaults_to_strength():
    owner = uuid4()
    exercise = Exercise.create(owner, name="Zercher squat", now=NOW)
    assert (exercise.user_id, exercise.category, exercise.custom, exercise.key) == (owner, "strength", True, None)


def test_catalog_exercises_are_everyones_and_custom_ones_their_owners():
    owner, other = uuid4(), uuid4()
    assert Exercise(uuid4(), "Deadlift").usable_by(other)
    assert Exercise.create(owner, name="Mine", now=NOW).usable_by(owner)
    assert not Exercise.create(owner, name="Mine", now=NOW).usable_by(other)


@pytest.mark.parametrize("fields,field", [
    ({"name": ""}, "name"), ({"name": "x" * 201}, "name"), ({"name": None}, "name"), ({"name": "a\x00b"}, "name"),
    ({"name": "Squat", "category": "yoga"}, "category"), ({"name": "Squat", "muscle_group": ""}, "muscle_group"),
    ({"name": "Squat", "equipment": "e" * 201}, "equipment"),
    ({"name": "Squat", "description": "d" * 20_001}, "description"), ({"name": "\ud800"}, "name"),
])
def test_an_exercise_outside_the_rules_is_invalid(fields, field):
    assert invalid_field(lambda: Exercise.create(uuid4(), now=NOW, **fields)) == field


def test_names_sort_case_blind_for_ascii_then_by_code_point_then_id():
    low, high = UUID(int=1), UUID(int=2)
    names = ["deadlift", "Bench press", "bench press", "Éclair", "Curl", "bench press"]
    ids = [low, low, high, low, low, low]
    ordered = sorted(zip(names, ids), key=lambda pair: name_order(*pair))
    assert ordered == [("Bench press", low), ("bench press", low), ("bench press", high), ("Curl", low),
                       ("deadlift", low), ("Éclair", low)]


@pytest.mark.parametrize("value,ok", [(0, True), (1000, True), (Decimal("72.35"), True), (Decimal("1000.01"), False),
                                      (-1, False), (Decimal("1.005"), False), (Decimal("NaN"), False),
                                      (Decimal("Infinity"), False), (True, False), (1.5, False), ("5", False)])
def test_kilograms_are_finite_within_range_with_two_decimals(value, ok):
    check = lambda: check_number("weight_kg", value, Decimal(0), Decimal(1000))  # noqa: E731
    if ok:
        assert check() == Decimal(value)
    else:
        assert invalid_field(check) == "weight_kg"


def test_a_step_is_enforced():
    assert check_number("rpe", Decimal("7.5"), Decimal(1), Decimal(10), places=1, step=Decimal("0.5"))
    assert invalid_field(lambda: check_number("rpe", Decimal("7.3"), Decimal(1), Decimal(10), places=1,
                                              step=Decimal("0.5"))) == "rpe"


def test_text_may_be_absent_unless_required():
    check_text("notes", None, 10)
    assert invalid_field(lambda: check_text("name", None, 10, required=True)) == "name"


@pytest.mark.parametrize("after,shape", [
    (("x" * 201, uuid4()), EXERCISE_KEY), (("a\x00", uuid4()), EXERCISE_KEY), ((datetime(2026, 1, 1), uuid4()),
                                                                                  TIME_KEY),
    ((NOW,), TIME_KEY), ((NOW, "not a uuid"), TIME_KEY), ((1, uuid4()), EXERCISE_KEY)])
def test_a_foreign_cursor_is_invalid(after, shape):
    assert invalid_field(lambda: check_after(PageRequest(after=after), shape)) == "cursor"


def test_a_cursor_of_the_right_shape_passes():
    check_after(PageRequest(after=("Squat", uuid4())), EXERCISE_KEY)
    check_after(PageRequest(after=(NOW, uuid4())), TIME_KEY)
    check_after(PageRequest(), TIME_KEY)


def planned(exercise_id, **targets) -> dict:
    return {"exercise_id": exercise_id, **targets}


def test_a_workout_keeps_its_exercises_in_the_order_given():
    a, b = uuid4(), uuid4()
    workout = Workout.create(uuid4(), name="Legs", now=NOW, exercises=[
        planned(b, target_sets=3, target_reps=5, target_weight_kg=Decimal("100.5")), planned(a), planned(b)])
    assert [p.exercise_id for p in workout.exercises] == [b, a, b]
    assert (workout.exercises[0].target_sets, workout.exercises[0].target_weight_kg) == (3, Decimal("100.5"))
    assert workout.exercise_ids == {a, b} and workout.created_at == workout.updated_at == NOW


@pytest.mark.parametrize("item,field", [
    ({"target_sets": 0}, "exercises.0.target_sets"), ({"target_sets": 101}, "exercises.0.target_sets"),
    ({"target_reps": 0}, "exercises.0.target_reps"), ({"target_reps": 1001}, "exercises.0.target_reps"),
    ({"target_weight_kg": Decimal("-0.01")}, "exercises.0.target_weight_kg"),
    ({"target_weight_kg": Decimal("10.001")}, "exercises.0.target_weight_kg"),
    ({"notes": "n" * 2001}, "exercises.0.notes"),
])
def test_targets_outside_the_rules_are_invalid(item, field):
    assert invalid_field(lambda: Workout.create(uuid4(), name="Legs", now=NOW,
                                                exercises=[planned(uuid4(), **item)])) == field


def test_a_workout_holds_at_most_fifty_exercises():
    Workout.create(uuid4(), name="Long", now=NOW, exercises=[planned(uuid4()) for _ in range(50)])
    assert invalid_field(lambda: Workout.create(uuid4(), name="Too long", now=NOW,
                                                exercises=[planned(uuid4()) for _ in range(51)])) == "exercises"


def test_an_edit_changes_only_what_it_names_and_a_new_list_replaces_the_old():
    a, b = uuid4(), uuid4()
    workout = Workout.create(uuid4(), name="Legs", description="Heavy", now=NOW, exercises=[planned(a)])
    later = NOW + timedelta(hours=1)
    workout.edit({"name": "Legs day"}, later)
    assert (workout.name, workout.description, workout.exercise_ids, workout.updated_at) == \
        ("Legs day", "Heavy", {a}, later)
    workout.edit({"exercises": [planned(b)], "description": None}, later)
    assert (workout.description, workout.exercise_ids) == (None, {b})


def test_a_bad_edit_changes_nothing():
    workout = Workout.create(uuid4(), name="Legs", now=NOW, exercises=[planned(uuid4())])
    before = (workout.name, list(workout.exercises))
    with pytest.raises(InvalidInput):
        workout.edit({"name": "Renamed", "exercises": [planned(uuid4(), target_reps=0)]}, NOW)
    assert (workout.name, workout.exercises) == before
