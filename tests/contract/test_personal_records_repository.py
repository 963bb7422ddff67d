"""One suite for PersonalRecordRepository, run against the fake and Postgres."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.exercise import Exercise, WorkoutSession
from domain.paging import PageRequest
from domain.personal_records import PersonalRecord
from tests.support.users import stored_user

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


def lift(uow, name="Squat") -> Exercise:
    item = Exercise(id=uuid4(), name=name, key=f"k-{uuid4().hex[:8]}")
    with uow:
        uow.exercises.add(item)
        uow.commit()
    return item


def a_session(uow, user, item, at=NOW) -> WorkoutSession:
    session = WorkoutSession.log(user.id, started_at=at, now=NOW + timedelta(days=30),
                                 sets=[{"exercise_id": item.id, "reps": 1, "weight_kg": Decimal(1)}])
    with uow:
        uow.workout_sessions.add(session)
        uow.commit()
    return session


def record(user, item, metric, value, session, at=NOW) -> PersonalRecord:
    return PersonalRecord(user_id=user.id, exercise_id=item.id, metric=metric, value=Decimal(value), achieved_at=at,
                          session_id=session.id)


def raised(uow, *records):
    with uow:
        stored = uow.personal_records.raise_to(list(records))
        uow.commit()
    return stored


def current(uow, user, *items):
    with uow.read_only():
        return uow.personal_records.current(user.id, {i.id for i in items})


def test_new_records_are_stored_and_read_back_named(uow):
    ada = stored_user(uow, NOW)
    squat = lift(uow)
    session = a_session(uow, ada, squat)
    stored = raised(uow, record(ada, squat, "max_weight", "100.25", session),
                    record(ada, squat, "e1rm", "1400.00", session))
    assert {(r.metric, r.value) for r in stored} == {("max_weight", Decimal("100.25")), ("e1rm", Decimal(1400))}
    held = current(uow, ada, squat)
    assert set(held) == {(squat.id, "max_weight"), (squat.id, "e1rm")}
    mine = held[(squat.id, "max_weight")]
    assert (mine.value, mine.achieved_at, mine.session_id, mine.exercise_name, mine.id) == \
        (Decimal("100.25"), NOW, session.id, "Squat", {r.metric: r.id for r in stored}["max_weight"])


def test_a_record_is_raised_only_by_a_greater_value_and_keeps_its_row(uow):
    ada = stored_user(uow, NOW)
    squat = lift(uow)
    first, second = a_session(uow, ada, squat), a_session(uow, ada, squat, NOW + timedelta(days=1))
    [kept] = raised(uow, record(ada, squat, "max_reps", 10, first))
    assert raised(uow, record(ada, squat, "max_reps", 10, second)) == []
    assert raised(uow, record(ada, squat, "max_reps", 9, second)) == []
    assert current(uow, ada, squat)[(squat.id, "max_reps")].session_id == first.id
    [beaten] = raised(uow, record(ada, squat, "max_reps", 11, second, NOW + timedelta(days=1)))
    held = current(uow, ada, squat)[(squat.id, "max_reps")]
    assert (held.value, held.session_id, held.achieved_at, held.id) == \
        (Decimal(11), second.id, NOW + timedelta(days=1), kept.id)
    assert beaten.id == kept.id


def test_a_mixed_batch_stores_only_what_beats_the_stored_records(uow):
    ada = stored_user(uow, NOW)
    squat, bench = lift(uow), lift(uow, "Bench")
    session = a_session(uow, ada, squat)
    raised(uow, record(ada, squat, "max_weight", 100, session), record(ada, bench, "max_weight", 80, session))
    stored = raised(uow, record(ada, squat, "max_weight", 90, session), record(ada, bench, "max_weight", "80.01",
                                                                               session),
                    record(ada, bench, "max_reps", 5, session))
    assert sorted((r.exercise_id == bench.id, r.metric) for r in stored) == [(True, "max_reps"), (True, "max_weight")]


def test_one_users_records_never_touch_anothers(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    squat = lift(uow)
    raised(uow, record(ada, squat, "max_weight", 200, a_session(uow, ada, squat)))
    assert len(raised(uow, record(bob, squat, "max_weight", 100, a_session(uow, bob, squat)))) == 1
    assert current(uow, ada, squat)[(squat.id, "max_weight")].value == Decimal(200)
    assert current(uow, bob, squat)[(squat.id, "max_weight")].value == Decimal(100)
    with uow.read_only():
        assert {r.user_id for r in uow.personal_records.page(bob.id, PageRequest())} == {bob.id}


def test_records_page_newest_first_and_by_exercise(uow):
    ada = stored_user(uow, NOW)
    squat, bench = lift(uow), lift(uow, "Bench")
    session = a_session(uow, ada, squat)
    raised(uow, *(record(ada, item, metric, 50, session, NOW + timedelta(hours=n))
                  for n, (item, metric) in enumerate([(squat, "max_weight"), (squat, "e1rm"), (bench, "max_reps")])))
    with uow.read_only():
        first = uow.personal_records.page(ada.id, PageRequest(limit=2))
        rest = uow.personal_records.page(ada.id, PageRequest(limit=2, after=first[1].sort_key))
        squats = uow.personal_records.page(ada.id, PageRequest(), squat.id)
    assert [(r.exercise_name, r.metric) for r in first] == [("Bench", "max_reps"), ("Squat", "e1rm"),
                                                            ("Squat", "max_weight")]
    assert [r.metric for r in rest] == ["max_weight"]
    assert [r.metric for r in squats] == ["e1rm", "max_weight"]


def test_a_batch_naming_one_record_twice_is_refused_and_stores_nothing(uow):
    ada = stored_user(uow, NOW)
    squat = lift(uow)
    session = a_session(uow, ada, squat)
    with pytest.raises(ValueError):
        raised(uow, record(ada, squat, "max_reps", 5, session), record(ada, squat, "max_reps", 6, session))
    assert current(uow, ada, squat) == {}
