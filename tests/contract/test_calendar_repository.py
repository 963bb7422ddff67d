"""One suite for CalendarEventRepository, run against the fake and Postgres."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import uuid4

from domain.calendar import CalendarEvent
from tests.support.users import stored_user

UTC = timezone.utc
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
DAY = (datetime(2026, 3, 10, tzinfo=UTC), datetime(2026, 3, 11, tzinfo=UTC))


def new_user(uow, email="ada@example.com"):
    return stored_user(uow, NOW, email)


def added(uow, user, starts_at=DAY[0] + timedelta(hours=9), length=timedelta(hours=1), rule=None, until=None,
          **fields) -> CalendarEvent:
    event = CalendarEvent(id=uuid4(), user_id=user.id, title=fields.pop("title", "Standup"), starts_at=starts_at,
                          ends_at=starts_at + length, timezone="Europe/Berlin", recurrence_rule=rule,
                          recurrence_until=until, created_at=NOW, updated_at=NOW, **fields)
    with uow:
        uow.calendar_events.add(event)
        uow.commit()
    return event


def read(uow, event_id, user_id):
    with uow.read_only():
        return uow.calendar_events.get_owned(event_id, user_id)


def singles(uow, user, start=DAY[0], end=DAY[1], limit=100):
    with uow.read_only():
        return [e.id for e in uow.calendar_events.in_window(user.id, start, end, limit)[0]]


def series(uow, user, start=DAY[0], end=DAY[1]):
    with uow.read_only():
        return [e.id for e in uow.calendar_events.in_window(user.id, start, end, 100)[1]]


def test_an_event_reads_back_as_written(uow):
    user = new_user(uow)
    event = added(uow, user, rule="FREQ=DAILY;COUNT=2", until=DAY[0] + timedelta(days=1, hours=9), all_day=False,
                  location="Room 1", description="Notes", color="#123456")
    assert read(uow, event.id, user.id) == event


def test_another_users_or_an_unknown_event_is_none(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    event = added(uow, ada)
    assert read(uow, event.id, bob.id) is None and read(uow, uuid4(), ada.id) is None
    with uow:
        assert uow.calendar_events.get_owned(event.id, ada.id, lock=True) == event
        assert uow.calendar_events.get_owned(event.id, bob.id, lock=True) is None


def test_save_writes_every_editable_field(uow):
    user = new_user(uow)
    event = added(uow, user)
    event.title, event.location, event.color, event.all_day = "Sync", "Room 2", "#fff", True
    event.starts_at, event.ends_at = DAY[0], DAY[1]
    event.recurrence_rule, event.recurrence_until, event.updated_at = "FREQ=DAILY", None, NOW + timedelta(hours=1)
    with uow:
        uow.calendar_events.save(event)
        uow.commit()
    assert read(uow, event.id, user.id) == event


def test_without_commit_nothing_is_saved(uow):
    user = new_user(uow)
    event = added(uow, user)
    with uow:
        event.title = "Changed"
        uow.calendar_events.save(event)
    assert read(uow, event.id, user.id).title == "Standup"


def test_delete_removes_only_the_owners_event(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    event = added(uow, ada)
    with uow:
        assert uow.calendar_events.delete_owned(event.id, bob.id) is False
        assert uow.calendar_events.delete_owned(uuid4(), ada.id) is False
        uow.commit()
    with uow:
        assert uow.calendar_events.delete_owned(event.id, ada.id) is True
        uow.commit()
    assert read(uow, event.id, ada.id) is None


def test_singles_in_a_range_are_those_sharing_time_with_it_by_start(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    hour = timedelta(hours=1)
    night = added(uow, ada, DAY[0] - hour, 2 * hour)
    instant = added(uow, ada, DAY[0], timedelta(0))
    late = added(uow, ada, DAY[1] - hour, hour)
    twins = sorted([added(uow, ada, DAY[0] + 3 * hour), added(uow, ada, DAY[0] + 3 * hour)], key=lambda e: e.id)
    added(uow, ada, DAY[0] - hour, hour)  # ends as the range starts
    added(uow, ada, DAY[1], hour)  # starts as it ends
    added(uow, ada, DAY[0] + hour, rule="FREQ=DAILY")  # a series
    added(uow, bob, DAY[0] + hour)
    assert singles(uow, ada) == [night.id, instant.id, twins[0].id, twins[1].id, late.id]
    assert singles(uow, ada, limit=2) == [night.id, instant.id]


def test_series_in_a_range_are_those_begun_before_its_end_and_not_over_before_its_start(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    week = timedelta(days=7)
    endless = added(uow, ada, DAY[0] - week, rule="FREQ=DAILY")
    reaching = added(uow, ada, DAY[0] - week, length=timedelta(hours=2), rule="FREQ=DAILY;COUNT=3",
                     until=DAY[0] - timedelta(days=1, hours=1))  # within a day and the event's length: kept
    added(uow, ada, DAY[0] - week, rule="FREQ=DAILY;COUNT=2", until=DAY[0] - timedelta(days=3))  # over
    added(uow, ada, DAY[1], rule="FREQ=DAILY")  # begins after
    added(uow, ada, DAY[0])  # a single event
    added(uow, bob, DAY[0] - week, rule="FREQ=DAILY")
    assert series(uow, ada) == sorted([endless.id, reaching.id])  # same start: by id


def test_the_singles_limit_leaves_the_series_read_with_them_whole(uow):
    ada = new_user(uow)
    first = added(uow, ada, DAY[0] + timedelta(hours=1))
    added(uow, ada, DAY[0] + timedelta(hours=2))
    daily = added(uow, ada, DAY[0] - timedelta(days=2), rule="FREQ=DAILY")
    weekly = added(uow, ada, DAY[0] - timedelta(days=1), rule="FREQ=WEEKLY")
    with uow.read_only():
        found_singles, found_series = uow.calendar_events.in_window(ada.id, *DAY, 1)
    assert [e.id for e in found_singles] == [first.id]
    assert [e.id for e in found_series] == [daily.id, weekly.id]
