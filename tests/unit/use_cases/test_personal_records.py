"""The personal-records list on the in-memory unit of work."""
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from uuid import uuid4

import pytest

from adapters.memory.clock import FixedClock
from domain.errors import InvalidInput
from domain.exercise import Exercise
from domain.paging import PageRequest
from ports.inbound import exercise
from tests.support.gamification import a_user

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


def lift(uow, name) -> Exercise:
    item = Exercise(id=uuid4(), name=name)
    uow.tables["exercises"][item.id] = item
    return item


def log(uow, user, item, reps, kg, at):
    return exercise.log_workout_session(uow, FixedClock(NOW), user=user, started_at=at, sets=[
        {"exercise_id": item.id, "reps": reps, "weight_kg": Decimal(kg)}])


def test_records_list_newest_first_and_filter_by_exercise(uow):
    ada, squat, bench = a_user(uow), lift(uow, "Squat"), lift(uow, "Bench")
    log(uow, ada, squat, 5, 100, NOW - timedelta(days=2))
    log(uow, ada, bench, 5, 70, NOW - timedelta(days=1))
    everything = exercise.list_personal_records(uow, user=ada, request=PageRequest())
    assert [r.exercise_name for r in everything.items] == ["Bench"] * 3 + ["Squat"] * 3
    only = exercise.list_personal_records(uow, user=ada, request=PageRequest(), exercise_id=squat.id)
    assert {r.exercise_id for r in only.items} == {squat.id} and len(only.items) == 3


def test_records_page_without_repeating_or_skipping(uow):
    ada, squat = a_user(uow), lift(uow, "Squat")
    log(uow, ada, squat, 5, 100, NOW - timedelta(days=2))
    first = exercise.list_personal_records(uow, user=ada, request=PageRequest(limit=2))
    second = exercise.list_personal_records(uow, user=ada, request=PageRequest(limit=2, after=first.next_after))
    assert len({r.metric for r in first.items + second.items}) == 3 and second.next_after is None


def test_a_cursor_of_another_shape_is_invalid(uow):
    with pytest.raises(InvalidInput):
        exercise.list_personal_records(uow, user=a_user(uow), request=PageRequest(after=("Squat", uuid4())))
