"""One suite for TrainingProgramRepository, run against the fake and Postgres."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

from domain.exercise import Workout
from domain.paging import PageRequest
from domain.programs import ProgramDay, TrainingProgram
from tests.support.users import stored_user

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


def a_workout(uow, user) -> Workout:
    workout = Workout.create(user.id, name="Legs", now=NOW)
    with uow:
        uow.workouts.add(workout)
        uow.commit()
    return workout


def added(uow, user, name="Base", weeks=(), at=NOW) -> TrainingProgram:
    program = TrainingProgram.create(user.id, name=name, now=at, description="Slow", started_on=date(2026, 3, 2),
                                     active=True, weeks=list(weeks))
    with uow:
        uow.programs.add(program)
        uow.commit()
    return program


def read(uow, program_id, user):
    with uow.read_only():
        return uow.programs.get_owned(program_id, user.id)


def test_a_program_reads_back_as_written_with_sorted_weeks_and_days(uow):
    ada = stored_user(uow, NOW)
    legs = a_workout(uow, ada)
    program = added(uow, ada, weeks=[
        {"week_number": 2, "title": "Build", "notes": "More", "days": [{"day": 4}, {"day": 1, "workout_id": legs.id,
                                                                          "notes": "Heavy"}]},
        {"week_number": 1}])
    assert read(uow, program.id, ada) == program
    assert read(uow, program.id, ada).weeks[1].days == (ProgramDay(1, legs.id, "Heavy"), ProgramDay(4))


def test_another_users_or_an_unknown_program_is_none(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    program = added(uow, ada)
    with uow:
        assert uow.programs.get_owned(program.id, bob.id, lock=True) is None
        assert uow.programs.get_owned(uuid4(), ada.id) is None
        assert uow.programs.delete_owned(program.id, bob.id) is False
    assert read(uow, program.id, ada) == program


def test_a_saved_program_replaces_its_fields_and_weeks(uow):
    ada = stored_user(uow, NOW)
    program = added(uow, ada, weeks=[{"week_number": 1}, {"week_number": 2}])
    program.edit({"name": "Peak", "description": None, "started_on": None, "active": False,
                  "weeks": [{"week_number": 3, "days": [{"day": 7}]}]}, NOW + timedelta(days=1))
    with uow:
        uow.programs.save(program)
        uow.commit()
    assert read(uow, program.id, ada) == program


def test_a_deleted_program_is_gone(uow):
    ada = stored_user(uow, NOW)
    program = added(uow, ada, weeks=[{"week_number": 1}])
    with uow:
        assert uow.programs.delete_owned(program.id, ada.id) is True
        uow.commit()
    assert read(uow, program.id, ada) is None


def test_detaching_a_workout_clears_it_from_my_days_only(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    legs, arms = a_workout(uow, ada), a_workout(uow, ada)
    mine = added(uow, ada, weeks=[{"week_number": 1, "days": [{"day": 1, "workout_id": legs.id, "notes": "n"},
                                                              {"day": 2, "workout_id": arms.id}, {"day": 3}]},
                                  {"week_number": 2, "days": [{"day": 1, "workout_id": legs.id}]}])
    with uow:
        uow.programs.detach_workout(bob.id, legs.id)
        uow.commit()
    assert read(uow, mine.id, ada) == mine
    with uow:
        uow.programs.detach_workout(ada.id, legs.id)
        uow.commit()
    weeks = read(uow, mine.id, ada).weeks
    assert weeks[0].days == (ProgramDay(1, None, "n"), ProgramDay(2, arms.id), ProgramDay(3))
    assert weeks[1].days == (ProgramDay(1, None),)


def test_programs_page_newest_first_with_their_weeks(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    for n in range(3):
        added(uow, ada, f"P{n}", [{"week_number": w} for w in range(1, n + 2)], NOW + timedelta(minutes=n))
    added(uow, bob, "Bob's", at=NOW + timedelta(hours=1))
    with uow.read_only():
        first = uow.programs.page(ada.id, PageRequest(limit=2))
        rest = uow.programs.page(ada.id, PageRequest(limit=2, after=first[1].sort_key))
    assert [p.name for p in first] == ["P2", "P1", "P0"] and [p.name for p in rest] == ["P0"]
    assert [len(p.weeks) for p in first] == [3, 2, 1]
