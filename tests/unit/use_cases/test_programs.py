"""Training-program use cases on the in-memory unit of work."""
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import InvalidInput, NotFound
from domain.paging import PageRequest
from ports.inbound import exercise, programs

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


def week(number, *workouts) -> dict:
    return {"week_number": number, "days": [{"day": n + 1, "workout_id": w} for n, w in enumerate(workouts)]}


def test_a_program_with_my_workouts_is_committed_and_reads_back(uow, clock, ada):
    legs = exercise.create_workout(uow, clock, user=ada, name="Legs")
    uow.committed = False
    made = programs.create_program(uow, clock, user=ada, name="Base", started_on=date(2026, 3, 9), active=True,
                                   weeks=[week(1, legs.id, None)])
    assert uow.committed and programs.get_program(uow, user=ada, program_id=made.id) == made
    assert made.weeks[0].days[0].workout_id == legs.id


def test_someone_elses_or_an_unknown_workout_in_a_day_is_not_found(uow, clock, ada, bob):
    theirs = exercise.create_workout(uow, clock, user=bob, name="Bob's")
    unknown = uuid4()
    with pytest.raises(NotFound) as error:
        programs.create_program(uow, clock, user=ada, name="Base", weeks=[week(1, theirs.id, unknown)])
    assert error.value.details == {"workout_ids": sorted([str(theirs.id), str(unknown)])}
    assert uow.tables["training_programs"] == {}


def test_an_update_without_weeks_keeps_them_and_with_weeks_replaces_them(uow, clock, ada):
    made = programs.create_program(uow, clock, user=ada, name="Base", weeks=[week(1), week(2)])
    clock.advance(timedelta(hours=1))
    changed = programs.update_program(uow, clock, user=ada, program_id=made.id, changes={"active": True})
    assert [w.week_number for w in changed.weeks] == [1, 2] and changed.updated_at == clock.now()
    replaced = programs.update_program(uow, clock, user=ada, program_id=made.id, changes={"weeks": [week(4)]})
    assert [w.week_number for w in programs.get_program(uow, user=ada, program_id=made.id).weeks] == [4]
    assert replaced.active


def test_an_invalid_update_changes_nothing(uow, clock, ada):
    made = programs.create_program(uow, clock, user=ada, name="Base")
    with pytest.raises(InvalidInput):
        programs.update_program(uow, clock, user=ada, program_id=made.id, changes={"name": "X", "weeks": [week(0)]})
    assert programs.get_program(uow, user=ada, program_id=made.id).name == "Base"


@pytest.mark.parametrize("call", ["get", "update", "delete"])
def test_another_users_program_is_not_found(uow, clock, ada, bob, call):
    made = programs.create_program(uow, clock, user=ada, name="Base")
    with pytest.raises(NotFound):
        if call == "get":
            programs.get_program(uow, user=bob, program_id=made.id)
        elif call == "update":
            programs.update_program(uow, clock, user=bob, program_id=made.id, changes={"name": "Mine"})
        else:
            programs.delete_program(uow, user=bob, program_id=made.id)
    assert programs.get_program(uow, user=ada, program_id=made.id).name == "Base"


def test_a_deleted_program_is_gone(uow, clock, ada):
    made = programs.create_program(uow, clock, user=ada, name="Base")
    uow.committed = False
    programs.delete_program(uow, user=ada, program_id=made.id)
    assert uow.committed
    with pytest.raises(NotFound):
        programs.get_program(uow, user=ada, program_id=made.id)


def test_programs_list_newest_first(uow, clock, ada, bob):
    made = []
    for n in range(3):
        made.append(programs.create_program(uow, clock, user=ada, name=f"P{n}").id)
        clock.advance(timedelta(seconds=1))
    programs.create_program(uow, clock, user=bob, name="Bob's")
    first = programs.list_programs(uow, user=ada, request=PageRequest(limit=2))
    second = programs.list_programs(uow, user=ada, request=PageRequest(limit=2, after=first.next_after))
    assert [p.id for p in first.items + second.items] == made[::-1] and second.next_after is None
