"""Exercise and workout-template use cases on the in-memory unit of work."""
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.errors import InvalidInput, NotFound
from domain.exercise import Exercise
from domain.paging import PageRequest
from ports.inbound import exercise, programs

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


def catalog(uow, name="Deadlift") -> Exercise:
    item = Exercise(id=uuid4(), name=name, key=name.lower().replace(" ", "_"), created_at=NOW)
    uow.tables["exercises"][item.id] = item
    return item


def own(uow, clock, user, name="Zercher squat") -> Exercise:
    return exercise.create_exercise(uow, clock, user=user, name=name)


def test_an_own_exercise_is_committed_and_listed_with_the_catalog_by_name(uow, clock, ada, bob):
    deadlift, bench = catalog(uow, "Deadlift"), catalog(uow, "Bench press")
    uow.committed = False
    mine = own(uow, clock, ada, "curl")
    own(uow, clock, bob, "Bob's press")
    assert uow.committed and mine.user_id == ada.id
    page = exercise.list_exercises(uow, user=ada, request=PageRequest())
    assert [e.id for e in page.items] == [bench.id, mine.id, deadlift.id] and page.next_after is None


def test_the_list_filters_by_part_of_the_name_case_blind(uow, clock, ada):
    catalog(uow, "Deadlift"), catalog(uow, "Romanian deadlift"), catalog(uow, "Bench press")
    page = exercise.list_exercises(uow, user=ada, request=PageRequest(), query="DEADL")
    assert [e.name for e in page.items] == ["Deadlift", "Romanian deadlift"]


def test_the_list_pages_by_name_then_id(uow, clock, ada):
    names = [catalog(uow, n).name for n in ("E", "a", "C", "b", "D")]
    first = exercise.list_exercises(uow, user=ada, request=PageRequest(limit=3))
    second = exercise.list_exercises(uow, user=ada, request=PageRequest(limit=3, after=first.next_after))
    assert [e.name for e in first.items + second.items] == sorted(names, key=str.lower)
    assert second.next_after is None


def test_a_foreign_cursor_or_a_bad_query_is_invalid(uow, ada):
    with pytest.raises(InvalidInput):
        exercise.list_exercises(uow, user=ada, request=PageRequest(after=(NOW, uuid4())))
    with pytest.raises(InvalidInput):
        exercise.list_exercises(uow, user=ada, request=PageRequest(), query="\x00")


def test_a_workout_names_its_exercises_and_reads_back(uow, clock, ada):
    squat, mine = catalog(uow, "Squat"), own(uow, clock, ada)
    uow.committed = False
    made = exercise.create_workout(uow, clock, user=ada, name="Legs", exercises=[
        {"exercise_id": squat.id, "target_sets": 5, "target_reps": 5, "target_weight_kg": Decimal(100)},
        {"exercise_id": mine.id}])
    assert uow.committed
    assert [(p.exercise_id, p.exercise_name) for p in made.exercises] == [(squat.id, "Squat"), (mine.id, mine.name)]
    assert exercise.get_workout(uow, user=ada, workout_id=made.id) == made


def test_someone_elses_exercise_in_a_workout_is_not_found_and_nothing_is_written(uow, clock, ada, bob):
    theirs = own(uow, clock, bob)
    uow.committed = False
    with pytest.raises(NotFound) as error:
        exercise.create_workout(uow, clock, user=ada, name="Legs", exercises=[{"exercise_id": theirs.id}])
    assert error.value.details == {"exercise_ids": [str(theirs.id)]}
    assert not uow.committed and uow.tables["workouts"] == {}


def test_an_unknown_exercise_in_a_workout_is_not_found(uow, clock, ada):
    with pytest.raises(NotFound):
        exercise.create_workout(uow, clock, user=ada, name="Legs", exercises=[{"exercise_id": uuid4()}])


def test_an_update_replaces_the_exercises_and_stamps_the_time(uow, clock, ada):
    squat, bench = catalog(uow, "Squat"), catalog(uow, "Bench")
    made = exercise.create_workout(uow, clock, user=ada, name="Legs", exercises=[{"exercise_id": squat.id}])
    clock.advance(timedelta(hours=1))
    uow.committed = False
    changed = exercise.update_workout(uow, clock, user=ada, workout_id=made.id,
                                      changes={"exercises": [{"exercise_id": bench.id}, {"exercise_id": squat.id}]})
    assert uow.committed and [p.exercise_name for p in changed.exercises] == ["Bench", "Squat"]
    assert changed.name == "Legs" and changed.updated_at == NOW + timedelta(hours=1)
    assert exercise.get_workout(uow, user=ada, workout_id=made.id).exercises == changed.exercises


def test_an_update_with_someone_elses_exercise_changes_nothing(uow, clock, ada, bob):
    made = exercise.create_workout(uow, clock, user=ada, name="Legs")
    with pytest.raises(NotFound):
        exercise.update_workout(uow, clock, user=ada, workout_id=made.id,
                                changes={"name": "Stolen", "exercises": [{"exercise_id": own(uow, clock, bob).id}]})
    assert exercise.get_workout(uow, user=ada, workout_id=made.id).name == "Legs"


@pytest.mark.parametrize("call", ["get", "update", "delete"])
def test_another_users_workout_is_not_found(uow, clock, ada, bob, call):
    made = exercise.create_workout(uow, clock, user=ada, name="Legs")
    with pytest.raises(NotFound):
        if call == "get":
            exercise.get_workout(uow, user=bob, workout_id=made.id)
        elif call == "update":
            exercise.update_workout(uow, clock, user=bob, workout_id=made.id, changes={"name": "Mine"})
        else:
            exercise.delete_workout(uow, user=bob, workout_id=made.id)
    assert exercise.get_workout(uow, user=ada, workout_id=made.id).name == "Legs"


def test_deleting_a_workout_keeps_its_sessions_and_clears_it_from_programs(uow, clock, ada):
    squat = catalog(uow, "Squat")
    made = exercise.create_workout(uow, clock, user=ada, name="Legs")
    logged = exercise.log_workout_session(uow, clock, user=ada, started_at=NOW, workout_id=made.id, sets=[
        {"exercise_id": squat.id, "reps": 5, "weight_kg": Decimal(100)}])
    plan = programs.create_program(uow, clock, user=ada, name="Plan", weeks=[
        {"week_number": 1, "days": [{"day": 1, "workout_id": made.id}]}])
    uow.committed = False
    exercise.delete_workout(uow, user=ada, workout_id=made.id)
    assert uow.committed and uow.tables["workouts"] == {}
    assert exercise.get_workout_session(uow, user=ada, session_id=logged.session.id).workout_id is None
    assert programs.get_program(uow, user=ada, program_id=plan.id).weeks[0].days[0].workout_id is None


def test_workouts_list_newest_first(uow, clock, ada, bob):
    made = []
    for n in range(3):
        made.append(exercise.create_workout(uow, clock, user=ada, name=f"W{n}").id)
        clock.advance(timedelta(minutes=1))
    exercise.create_workout(uow, clock, user=bob, name="Bob's")
    first = exercise.list_workouts(uow, user=ada, request=PageRequest(limit=2))
    second = exercise.list_workouts(uow, user=ada, request=PageRequest(limit=2, after=first.next_after))
    assert [w.id for w in first.items + second.items] == made[::-1] and second.next_after is None
