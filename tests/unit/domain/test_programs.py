"""Training programs on plain objects: weeks, days, replacement, detaching a workout."""
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import InvalidInput
from domain.programs import ProgramDay, TrainingProgram

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


def program(**fields) -> TrainingProgram:
    return TrainingProgram.create(uuid4(), **{"name": "5/3/1", "now": NOW, **fields})


def invalid_field(**fields) -> str:
    with pytest.raises(InvalidInput) as error:
        program(**fields)
    return next(iter(error.value.details["fields"]))


def test_weeks_and_days_are_kept_sorted():
    legs = uuid4()
    made = program(weeks=[{"week_number": 2, "days": []},
                          {"week_number": 1, "title": "Intro", "days": [{"day": 5}, {"day": 1, "workout_id": legs}]}])
    assert [w.week_number for w in made.weeks] == [1, 2]
    assert made.weeks[0].days == (ProgramDay(1, legs), ProgramDay(5))
    assert made.workout_ids == {legs} and not made.active


@pytest.mark.parametrize("fields,field", [
    ({"name": ""}, "name"), ({"name": None}, "name"), ({"description": "d" * 20_001}, "description"),
    ({"started_on": date(1999, 12, 31)}, "started_on"), ({"started_on": date(9999, 12, 31)}, "started_on"),
    ({"started_on": date(1, 1, 1)}, "started_on"), ({"active": "yes"}, "active"),
    ({"weeks": [{"week_number": 0}]}, "weeks.0.week_number"), ({"weeks": [{"week_number": 53}]}, "weeks.0.week_number"),
    ({"weeks": [{"week_number": 1}, {"week_number": 1}]}, "weeks"),
    ({"weeks": [{"week_number": n} for n in range(1, 54)]}, "weeks"),
    ({"weeks": [{"week_number": 1, "title": ""}]}, "weeks.0.title"),
    ({"weeks": [{"week_number": 1, "days": [{"day": 0}]}]}, "weeks.0.days.0.day"),
    ({"weeks": [{"week_number": 1, "days": [{"day": 8}]}]}, "weeks.0.days.0.day"),
    ({"weeks": [{"week_number": 1, "days": [{"day": 2}, {"day": 2}]}]}, "weeks.0.days"),
    ({"weeks": [{"week_number": 1, "days": [{"day": n} for n in range(1, 9)]}]}, "weeks.0.days"),
    ({"weeks": [{"week_number": 1, "days": [{"day": 1, "notes": "n" * 2001}]}]}, "weeks.0.days.0.notes"),
])
def test_a_program_outside_the_rules_is_invalid(fields, field):
    assert invalid_field(**fields) == field


def test_fifty_two_weeks_of_seven_days_are_allowed():
    made = program(weeks=[{"week_number": n, "days": [{"day": d} for d in range(1, 8)]} for n in range(1, 53)])
    assert len(made.weeks) == 52 and all(len(w.days) == 7 for w in made.weeks)


def test_an_edit_without_weeks_keeps_them_and_with_weeks_replaces_them_all():
    made = program(weeks=[{"week_number": 1}, {"week_number": 2}])
    later = NOW + timedelta(days=1)
    made.edit({"active": True, "started_on": date(2026, 3, 9)}, later)
    assert (made.active, made.started_on, [w.week_number for w in made.weeks], made.updated_at) == \
        (True, date(2026, 3, 9), [1, 2], later)
    made.edit({"weeks": [{"week_number": 3}]}, later)
    assert [w.week_number for w in made.weeks] == [3]
    made.edit({"weeks": []}, later)
    assert made.weeks == []


def test_a_bad_edit_changes_nothing():
    made = program(weeks=[{"week_number": 1}])
    with pytest.raises(InvalidInput):
        made.edit({"name": "Renamed", "weeks": [{"week_number": 60}]}, NOW)
    assert (made.name, [w.week_number for w in made.weeks]) == ("5/3/1", [1])


def test_detaching_a_workout_keeps_its_days_without_it():
    legs, arms = uuid4(), uuid4()
    made = program(weeks=[{"week_number": 1, "days": [{"day": 1, "workout_id": legs, "notes": "heavy"},
                                                      {"day": 3, "workout_id": arms}]}])
    made.detach_workout(legs)
    assert made.weeks[0].days == (ProgramDay(1, None, "heavy"), ProgramDay(3, arms))
