"""One suite for the exercise, workout and workout-session repositories, on the fake and Postgres."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID, uuid4

from domain.exercise import Exercise, Workout, WorkoutSession
from domain.paging import PageRequest
from tests.support.users import stored_user

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


def added_exercise(uow, name, user=None, key=None) -> Exercise:
    item = (Exercise.create(user.id, name=name, now=NOW, muscle_group="legs", equipment="barbell",
                            description="Deep.") if user else
            Exercise(id=uuid4(), name=name, key=key or f"k-{uuid4().hex[:8]}", created_at=NOW))
    with uow:
        uow.exercises.add(item)
        uow.commit()
    return item


def exercise_page(uow, user, limit=50, after=None, query=None):
    with uow.read_only():
        return uow.exercises.page(user.id, PageRequest(limit=limit, after=after), query)


def added_workout(uow, user, name="Legs", exercises=(), at=NOW) -> Workout:
    workout = Workout.create(user.id, name=name, now=at, description="Heavy", exercises=[
        {"exercise_id": e.id, "target_sets": 5, "target_reps": 5, "target_weight_kg": Decimal("100.5"), "notes": "n"}
        for e in exercises])
    with uow:
        uow.workouts.add(workout)
        uow.commit()
    return workout


def added_session(uow, user, sets, at=NOW, workout=None) -> WorkoutSession:
    session = WorkoutSession.log(user.id, started_at=at, ended_at=at + timedelta(hours=1), notes="Good",
                                 workout_id=workout.id if workout else None, now=NOW + timedelta(days=1), sets=[
                                     {"exercise_id": e.id, "reps": reps, "weight_kg": Decimal(kg),
                                      "rpe": Decimal("8.5")} for e, reps, kg in sets])
    with uow:
        uow.workout_sessions.add(session)
        uow.commit()
    return session


def named(thing, names):
    thing.name_exercises(names)
    return thing


def test_an_exercise_reads_back_as_written(uow):
    ada = stored_user(uow, NOW)
    mine = added_exercise(uow, "Zercher squat", ada)
    with uow.read_only():
        assert uow.exercises.usable(ada.id, {mine.id}) == {mine.id: mine}


def test_the_catalog_and_my_own_are_usable_but_not_someone_elses(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    catalog, mine, theirs = added_exercise(uow, "Deadlift"), added_exercise(uow, "Mine", ada), \
        added_exercise(uow, "Theirs", bob)
    with uow.read_only():
        assert set(uow.exercises.usable(ada.id, {catalog.id, mine.id, theirs.id, uuid4()})) == {catalog.id, mine.id}


def test_the_list_is_catalog_and_mine_by_name_case_blind_then_exact_then_id(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    names = ["deadlift", "Bench press", "bench press", "Éclair", "curl", "Zercher", "_under", "ab"]
    made = [added_exercise(uow, n, ada if n.islower() else None) for n in names]
    added_exercise(uow, "Bob's lift", bob)
    listed = exercise_page(uow, ada)
    expected = sorted(made, key=lambda e: (e.name.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                                                          "abcdefghijklmnopqrstuvwxyz")),
                                           e.name, e.id))
    assert [e.id for e in listed] == [e.id for e in expected]
    assert [e.name for e in listed][:4] == ["_under", "ab", "Bench press", "bench press"]


def test_equal_names_page_by_id_without_repeats_or_gaps(uow):
    ada = stored_user(uow, NOW)
    same = [added_exercise(uow, "Squat") for _ in range(5)]
    seen, after = [], None
    while True:
        rows = exercise_page(uow, ada, limit=2, after=after)
        seen += [e.id for e in rows[:2]]
        if len(rows) <= 2:
            break
        after = (rows[1].name, rows[1].id)
    assert seen == sorted(e.id for e in same)


def test_a_page_after_a_cursor_continues_in_order_when_rows_are_added(uow):
    ada = stored_user(uow, NOW)
    for name in ("Alpha", "Charlie", "Echo"):
        added_exercise(uow, name)
    first = exercise_page(uow, ada, limit=2)
    added_exercise(uow, "Bravo")  # before the cursor: not shown again
    added_exercise(uow, "Delta", ada)  # after it: shown
    rest = exercise_page(uow, ada, limit=10, after=(first[1].name, first[1].id))
    assert [e.name for e in first[:2]] == ["Alpha", "Charlie"] and [e.name for e in rest] == ["Delta", "Echo"]


def test_the_name_filter_is_a_case_blind_part_of_the_name(uow):
    ada = stored_user(uow, NOW)
    for name in ("Deadlift", "Romanian deadlift", "Bench press", "100% effort"):
        added_exercise(uow, name)
    assert [e.name for e in exercise_page(uow, ada, query="DEADL")] == ["Deadlift", "Romanian deadlift"]
    assert [e.name for e in exercise_page(uow, ada, query="%")] == ["100% effort"]
    assert exercise_page(uow, ada, query="_") == []


def test_a_workout_reads_back_with_its_named_exercises_in_order(uow):
    ada = stored_user(uow, NOW)
    squat, curl = added_exercise(uow, "Squat"), added_exercise(uow, "Curl", ada)
    workout = added_workout(uow, ada, exercises=[curl, squat, curl])
    with uow.read_only():
        assert uow.workouts.get_owned(workout.id, ada.id) == named(workout, {squat.id: "Squat", curl.id: "Curl"})


def test_another_users_or_an_unknown_workout_is_none(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    workout = added_workout(uow, ada)
    with uow:
        assert uow.workouts.get_owned(workout.id, bob.id, lock=True) is None
        assert uow.workouts.get_owned(uuid4(), ada.id) is None
        assert uow.workouts.owned_ids(bob.id, {workout.id}) == set()
        assert uow.workouts.owned_ids(ada.id, {workout.id, uuid4()}) == {workout.id}
        assert uow.workouts.delete_owned(workout.id, bob.id) is False


def test_a_saved_workout_replaces_its_exercises(uow):
    ada = stored_user(uow, NOW)
    squat, bench = added_exercise(uow, "Squat"), added_exercise(uow, "Bench")
    workout = added_workout(uow, ada, exercises=[squat])
    workout.edit({"name": "Push", "description": None, "exercises": [{"exercise_id": bench.id, "target_reps": 8}]},
                  NOW + timedelta(hours=1))
    with uow:
        uow.workouts.save(workout)
        uow.commit()
    with uow.read_only():
        assert uow.workouts.get_owned(workout.id, ada.id) == named(workout, {bench.id: "Bench"})


def test_deleting_a_workout_keeps_its_sessions_unlinked(uow):
    ada = stored_user(uow, NOW)
    squat = added_exercise(uow, "Squat")
    workout = added_workout(uow, ada, exercises=[squat])
    session = added_session(uow, ada, [(squat, 5, 100)], workout=workout)
    with uow:
        assert uow.workouts.delete_owned(workout.id, ada.id) is True
        uow.commit()
    with uow.read_only():
        assert uow.workouts.get_owned(workout.id, ada.id) is None
        assert uow.workout_sessions.get_owned(session.id, ada.id).workout_id is None


def test_workouts_page_newest_first_with_their_exercises(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    squat = added_exercise(uow, "Squat")
    made = [added_workout(uow, ada, f"W{n}", [squat] * n, NOW + timedelta(minutes=n)) for n in range(4)]
    added_workout(uow, bob, "Bob's", [squat], NOW + timedelta(hours=1))
    with uow.read_only():
        first = uow.workouts.page(ada.id, PageRequest(limit=2))
        rest = uow.workouts.page(ada.id, PageRequest(limit=2, after=(first[1].created_at, first[1].id)))
    assert [w.name for w in first] == ["W3", "W2", "W1"] and [w.name for w in rest] == ["W1", "W0"]
    assert [len(w.exercises) for w in first + rest] == [3, 2, 1, 1, 0]
    assert first[0].exercises[0].exercise_name == "Squat"


def test_a_session_reads_back_with_its_named_sets(uow):
    ada = stored_user(uow, NOW)
    squat, bench = added_exercise(uow, "Squat"), added_exercise(uow, "Bench", ada)
    session = added_session(uow, ada, [(squat, 5, "100.25"), (bench, 0, "0"), (squat, 1000, "1000")])
    with uow.read_only():
        assert uow.workout_sessions.get_owned(session.id, ada.id) == named(session, {squat.id: "Squat",
                                                                                     bench.id: "Bench"})


def test_another_users_session_is_none(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    session = added_session(uow, ada, [(added_exercise(uow, "Squat"), 5, 100)])
    with uow.read_only():
        assert uow.workout_sessions.get_owned(session.id, bob.id) is None
        assert uow.workout_sessions.page(bob.id, PageRequest()) == []


def test_sessions_page_newest_first_by_start_with_their_sets(uow):
    ada = stored_user(uow, NOW)
    squat = added_exercise(uow, "Squat")
    starts = [NOW - timedelta(days=d) for d in (2, 0, 3, 1)]
    for n, at in enumerate(starts):
        added_session(uow, ada, [(squat, 5, 100)] * (n + 1), at)
    with uow.read_only():
        first = uow.workout_sessions.page(ada.id, PageRequest(limit=2))
        rest = uow.workout_sessions.page(ada.id, PageRequest(limit=2, after=(first[1].started_at, first[1].id)))
    assert [s.started_at for s in first[:2] + rest] == sorted(starts, reverse=True)
    assert [len(s.sets) for s in first[:2] + rest] == [2, 4, 1, 3]
    assert [s.position for s in first[1].sets] == [0, 1, 2, 3]


def test_sessions_at_the_same_start_page_by_id(uow):
    ada = stored_user(uow, NOW)
    squat = added_exercise(uow, "Squat")
    made = [added_session(uow, ada, [(squat, 5, 100)]) for _ in range(3)]
    with uow.read_only():
        first = uow.workout_sessions.page(ada.id, PageRequest(limit=1))
        rest = uow.workout_sessions.page(ada.id, PageRequest(limit=5, after=(first[0].started_at, first[0].id)))
    assert [s.id for s in first[:1] + rest] == sorted((s.id for s in made), reverse=True)
    assert isinstance(rest[0].id, UUID)
