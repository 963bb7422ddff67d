"""Logging workout sessions on the in-memory unit of work: sets, records, the event, the list."""
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.errors import InvalidInput, NotFound
from domain.exercise import Exercise
from domain.paging import PageRequest
from ports.inbound import exercise
from tests.support.gamification import a_definition, a_quest, a_user

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


@pytest.fixture
def squat(uow):
    item = Exercise(id=uuid4(), name="Squat", key="squat")
    uow.tables["exercises"][item.id] = item
    return item


def log(uow, clock, user, *sets, **fields):
    """Sets as (exercise, reps, kg)."""
    uow.committed = False
    return exercise.log_workout_session(uow, clock, user=user, **{"started_at": NOW - timedelta(hours=1), **fields},
                                        sets=[{"exercise_id": e.id, "reps": r, "weight_kg": Decimal(str(kg))}
                                              for e, r, kg in sets])


def events(uow, user):
    return [e for e in uow.tables["activity"].values() if e.user_id == user.id]


def test_a_logged_session_is_committed_with_named_sets_records_and_its_event(uow, clock, ada, squat):
    logged = log(uow, clock, ada, (squat, 5, 100), (squat, 3, 110))
    assert uow.committed
    assert [(s.exercise_name, s.reps, s.weight_kg) for s in logged.session.sets] == \
        [("Squat", 5, Decimal(100)), ("Squat", 3, Decimal(110))]
    assert {(r.metric, r.value) for r in logged.new_records} == {
        ("max_weight", Decimal(110)), ("max_reps", Decimal(5)), ("e1rm", Decimal("121.00"))}
    assert all(r.exercise_name == "Squat" for r in logged.new_records)
    [event] = events(uow, ada)
    assert (event.type, event.metrics, event.subject_id) == \
        ("workout.completed", {"workouts_completed": 1}, str(logged.session.id))
    assert exercise.get_workout_session(uow, user=ada, session_id=logged.session.id) == logged.session


def test_the_event_counts_on_the_day_of_logging_even_for_an_older_session(uow, clock, ada, squat):
    log(uow, clock, ada, (squat, 5, 100), started_at=NOW - timedelta(days=30))
    assert events(uow, ada)[0].local_date == NOW.date()


def test_a_second_session_reports_only_the_records_it_beats(uow, clock, ada, squat):
    log(uow, clock, ada, (squat, 10, 100))
    clock.advance(timedelta(days=2))
    logged = log(uow, clock, ada, (squat, 1, 120), (squat, 10, 100), started_at=NOW + timedelta(days=2))
    assert [(r.metric, r.value, r.previous) for r in logged.new_records] == \
        [("max_weight", Decimal(120), Decimal(100))]
    page = exercise.list_personal_records(uow, user=ada, request=PageRequest())
    assert {r.metric: (r.value, r.session_id) for r in page.items} == {
        "max_weight": (Decimal(120), logged.session.id), "max_reps": (Decimal(10), page.items[1].session_id),
        "e1rm": (Decimal("133.33"), page.items[1].session_id)}


def test_a_tie_keeps_the_older_record(uow, clock, ada, squat):
    first = log(uow, clock, ada, (squat, 5, 100))
    again = log(uow, clock, ada, (squat, 5, 100))
    assert again.new_records == []
    held = exercise.list_personal_records(uow, user=ada, request=PageRequest()).items
    assert {r.session_id for r in held} == {first.session.id}


def test_records_of_one_user_never_affect_anothers(uow, clock, ada, squat):
    bob = a_user(uow, email="bob@example.com")
    log(uow, clock, ada, (squat, 5, 200))
    bobs = log(uow, clock, bob, (squat, 5, 100))
    assert len(bobs.new_records) == 3 and all(r.previous is None for r in bobs.new_records)
    adas = exercise.list_personal_records(uow, user=ada, request=PageRequest()).items
    assert {r.metric: r.value for r in adas}["max_weight"] == Decimal(200)
    assert {r.user_id for r in adas} == {ada.id}


def test_a_quest_on_workouts_completed_progresses_and_an_achievement_unlocks(uow, clock, ada, squat):
    quest = a_quest(uow, "workouts_completed", 1, "daily", points=5)
    badge = a_definition(uow, "workouts_completed", 1, xp=10)
    logged = log(uow, clock, ada, (squat, 5, 100))
    assert logged.earned.quests == [(quest.id, NOW.date().isoformat())]
    assert logged.earned.achievements == [badge.id] and logged.earned.points == 5


def test_someone_elses_exercise_is_not_found_and_nothing_is_written(uow, clock, ada, squat):
    bob = a_user(uow, email="bob@example.com")
    theirs = exercise.create_exercise(uow, clock, user=bob, name="Bob's lift")
    with pytest.raises(NotFound) as error:
        log(uow, clock, ada, (squat, 5, 100), (theirs, 5, 50))
    assert error.value.details == {"exercise_ids": [str(theirs.id)]}
    assert not uow.committed and uow.tables["workout_sessions"] == {} and uow.tables["personal_records"] == {}
    assert events(uow, ada) == []


def test_someone_elses_workout_is_not_found(uow, clock, ada, squat):
    bob = a_user(uow, email="bob@example.com")
    theirs = exercise.create_workout(uow, clock, user=bob, name="Bob's day")
    with pytest.raises(NotFound):
        log(uow, clock, ada, (squat, 5, 100), workout_id=theirs.id)
    assert uow.tables["workout_sessions"] == {}


def test_an_invalid_session_is_refused_before_anything_is_read(uow, clock, ada, squat):
    with pytest.raises(InvalidInput):
        log(uow, clock, ada, (squat, 5, 100), started_at=NOW + timedelta(days=1))
    assert not uow.committed


def test_another_users_session_is_not_found(uow, clock, ada, squat):
    logged = log(uow, clock, ada, (squat, 5, 100))
    with pytest.raises(NotFound):
        exercise.get_workout_session(uow, user=a_user(uow, email="bob@example.com"), session_id=logged.session.id)


def test_sessions_list_newest_first_by_start_whatever_the_order_of_logging(uow, clock, ada, squat):
    starts = [NOW - timedelta(days=d) for d in (3, 1, 2, 5)]
    ids = {at: log(uow, clock, ada, (squat, 5, 100), started_at=at).session.id for at in starts}
    first = exercise.list_workout_sessions(uow, user=ada, request=PageRequest(limit=3))
    second = exercise.list_workout_sessions(uow, user=ada, request=PageRequest(limit=3, after=first.next_after))
    assert [s.id for s in first.items + second.items] == [ids[at] for at in sorted(starts, reverse=True)]
    assert first.items[0].sets[0].exercise_name == "Squat"
