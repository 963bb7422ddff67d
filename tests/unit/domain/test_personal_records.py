"""Personal-record rules on plain objects: what a set counts for, Epley, beating and ties."""
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.exercise import WorkoutSession
from domain.personal_records import PersonalRecord, beaten, epley, session_bests, set_values

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
SQUAT, BENCH = uuid4(), uuid4()


def session(user_id, *sets, at=NOW - timedelta(hours=1)) -> WorkoutSession:
    """Sets as (exercise_id, reps, weight_kg)."""
    return WorkoutSession.log(user_id, started_at=at, now=NOW, sets=[
        {"exercise_id": e, "reps": reps, "weight_kg": Decimal(str(kg))} for e, reps, kg in sets])


def as_map(records) -> dict:
    return {(r.exercise_id, r.metric): r.value for r in records}


def current_of(records) -> dict:
    return {r.key: r for r in records}


def test_epley_is_weight_times_one_plus_reps_over_thirty_to_the_cent():
    assert epley(Decimal("100"), 5) == Decimal("116.67")
    assert epley(Decimal("100"), 10) == Decimal("133.33")
    assert epley(Decimal("60.5"), 3) == Decimal("66.55")


@pytest.mark.parametrize("reps,expected", [(1, "103.33"), (2, "106.67"), (6, "120.00"), (12, "140.00")])
def test_epley_applies_from_one_to_twelve_reps(reps, expected):
    assert epley(Decimal(100), reps) == Decimal(expected)


@pytest.mark.parametrize("reps", [0, 13, 20, 1000])
def test_epley_gives_no_estimate_outside_one_to_twelve_reps(reps):
    assert epley(Decimal(100), reps) is None


def test_epley_rounds_half_up():
    assert epley(Decimal("0.15"), 1) == Decimal("0.16")  # 0.155 exactly
    assert epley(Decimal("0.45"), 1) == Decimal("0.47")  # 0.465 exactly


def test_a_set_of_zero_reps_counts_for_nothing():
    assert set_values(Decimal(140), 0) == {}


def test_a_set_at_zero_kilograms_counts_for_max_reps_only():
    assert set_values(Decimal(0), 15) == {"max_reps": Decimal(15)}


def test_a_heavy_set_of_more_than_twelve_reps_has_no_estimate():
    assert set_values(Decimal(50), 13) == {"max_reps": Decimal(13), "max_weight": Decimal(50)}


def test_the_first_session_sets_all_three_records():
    user = uuid4()
    logged = session(user, (SQUAT, 5, 100), (SQUAT, 8, 80))
    new = beaten({}, session_bests(logged))
    assert as_map(new) == {(SQUAT, "max_weight"): Decimal(100), (SQUAT, "max_reps"): Decimal(8),
                           (SQUAT, "e1rm"): Decimal("116.67")}
    assert all(r.previous is None and r.session_id == logged.id and r.achieved_at == logged.started_at for r in new)


def test_the_session_best_is_taken_per_metric_from_different_sets():
    bests = as_map(session_bests(session(uuid4(), (SQUAT, 1, 140), (SQUAT, 12, 60), (SQUAT, 5, 120))))
    assert bests == {(SQUAT, "max_weight"): Decimal(140), (SQUAT, "max_reps"): Decimal(12),
                     (SQUAT, "e1rm"): Decimal("144.67")}  # 140 × 31/30 = 144.67 beats 120 × 35/30 = 140


def test_a_heavier_set_beats_max_weight_only():
    user = uuid4()
    first = beaten({}, session_bests(session(user, (SQUAT, 10, 100))))  # e1rm 133.33, 10 reps
    second = beaten(current_of(first), session_bests(session(user, (SQUAT, 1, 110))))  # e1rm 113.67
    assert [(r.metric, r.value, r.previous) for r in second] == [("max_weight", Decimal(110), Decimal(100))]


def test_ties_do_not_replace_a_record():
    user = uuid4()
    first = beaten({}, session_bests(session(user, (SQUAT, 5, 100))))
    assert beaten(current_of(first), session_bests(session(user, (SQUAT, 5, 100)))) == []


def test_an_estimate_equal_to_the_cent_is_a_tie():
    user = uuid4()
    first = beaten({}, session_bests(session(user, (SQUAT, 6, 100))))  # e1rm 120.00
    second = beaten(current_of(first), session_bests(session(user, (SQUAT, 1, Decimal("116.13")))))
    assert epley(Decimal("116.13"), 1) == Decimal("120.00")
    assert [r.metric for r in second] == ["max_weight"]


def test_a_better_estimate_alone_replaces_e1rm_alone():
    user = uuid4()
    first = beaten({}, session_bests(session(user, (SQUAT, 3, 120), (SQUAT, 10, 60))))  # e1rm 132, 10 reps
    second = beaten(current_of(first), session_bests(session(user, (SQUAT, 8, 110))))  # e1rm 139.33
    assert [(r.metric, r.value) for r in second] == [("e1rm", Decimal("139.33"))]


def test_more_reps_beat_max_reps_even_at_no_weight():
    user = uuid4()
    first = beaten({}, session_bests(session(user, (SQUAT, 10, 60))))
    second = beaten(current_of(first), session_bests(session(user, (SQUAT, 25, 0))))
    assert [(r.metric, r.value) for r in second] == [("max_reps", Decimal(25))]


def test_sets_of_zero_reps_or_zero_kilograms_set_no_weight_records():
    new = beaten({}, session_bests(session(uuid4(), (SQUAT, 0, 200), (BENCH, 20, 0))))
    assert as_map(new) == {(BENCH, "max_reps"): Decimal(20)}


def test_several_exercises_in_one_session_get_records_each():
    new = beaten({}, session_bests(session(uuid4(), (SQUAT, 5, 100), (BENCH, 5, 70), (BENCH, 3, 75))))
    assert as_map(new) == {(SQUAT, "max_weight"): Decimal(100), (SQUAT, "max_reps"): Decimal(5),
                           (SQUAT, "e1rm"): Decimal("116.67"), (BENCH, "max_weight"): Decimal(75),
                           (BENCH, "max_reps"): Decimal(5), (BENCH, "e1rm"): Decimal("82.50")}


def test_another_users_records_are_no_bar():
    ada, bob = uuid4(), uuid4()
    adas = beaten({}, session_bests(session(ada, (SQUAT, 5, 200))))
    bobs = beaten(current_of(adas), session_bests(session(bob, (SQUAT, 5, 100))))
    assert {r.user_id for r in bobs} == {bob} and len(bobs) == 3 and all(r.previous is None for r in bobs)


def test_anything_beats_no_record_and_only_a_greater_value_beats_one():
    held = PersonalRecord(uuid4(), SQUAT, "max_weight", Decimal(100), NOW)
    assert PersonalRecord(held.user_id, SQUAT, "max_weight", Decimal("100.01"), NOW).beats(held)
    assert not PersonalRecord(held.user_id, SQUAT, "max_weight", Decimal("100.00"), NOW).beats(held)
    assert held.beats(None)
