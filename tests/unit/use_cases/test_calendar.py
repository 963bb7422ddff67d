"""Calendar use cases on the in-memory unit of work and a fixed clock."""
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import InvalidInput, NotFound
from domain.users import User
from ports.inbound import calendar

UTC = timezone.utc
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def a_user(uow, email="ada@example.com", zone="UTC") -> User:
    user = User.register(email=email, email_verified=True, name="Ada", now=NOW)
    user.timezone = zone
    uow.tables["users"][user.id] = user
    return user


def create(uow, clock, user, starts_at=MONDAY_9, **fields):
    uow.committed = False
    return calendar.create_event(uow, clock, user=user, title=fields.pop("title", "Standup"), starts_at=starts_at,
                                 ends_at=fields.pop("ends_at", starts_at + timedelta(minutes=30)), **fields)


def march(uow, user):
    return calendar.list_events(uow, user=user, first=date(2026, 3, 1), last=date(2026, 3, 31))


def test_creating_an_event_stores_it_in_the_users_zone_and_commits(uow, clock):
    user = a_user(uow, zone="Europe/Berlin")
    made = create(uow, clock, user, recurrence_rule="FREQ=DAILY;COUNT=2")
    stored = uow.tables["calendar_events"][made.id]
    assert uow.committed and stored.user_id == user.id and stored.timezone == "Europe/Berlin"
    assert (made.created_at, made.recurrence_until) == (NOW, MONDAY_9 + timedelta(days=1))


def test_a_refused_rule_stores_nothing(uow, clock, ada):
    with pytest.raises(InvalidInput):
        create(uow, clock, ada, recurrence_rule="FREQ=WEEKLY;BYDAY=TU")
    assert uow.tables["calendar_events"] == {} and not uow.committed


def test_a_range_lists_single_events_and_occurrences_by_start(uow, clock, ada):
    series = create(uow, clock, ada, recurrence_rule="FREQ=WEEKLY;COUNT=3")
    single = create(uow, clock, ada, title="Dentist", starts_at=MONDAY_9 + timedelta(days=1))
    found = march(uow, ada)
    assert [(v.id, v.starts_at.day) for v in found.items] == [(series.id, 2), (single.id, 3), (series.id, 9),
                                                               (series.id, 16)]
    assert found.truncated is False


def test_a_range_shows_only_the_users_own_events(uow, clock, ada):
    bob = a_user(uow, "bob@example.com")
    create(uow, clock, bob, recurrence_rule="FREQ=DAILY")
    assert march(uow, ada).items == []


def test_a_range_of_more_than_366_days_is_refused(uow, clock, ada):
    with pytest.raises(InvalidInput):
        calendar.list_events(uow, user=ada, first=date(2026, 1, 1), last=date(2027, 1, 2))


def test_too_many_single_events_are_cut_and_the_range_says_so(uow, clock, ada, monkeypatch):
    monkeypatch.setattr(calendar, "MAX_SINGLE_EVENTS", 2)
    for hour in range(3):
        create(uow, clock, ada, starts_at=MONDAY_9 + timedelta(hours=hour))
    found = march(uow, ada)
    assert [v.starts_at.hour for v in found.items] == [9, 10] and found.truncated is True


def test_a_series_keeps_its_zone_when_its_owner_moves(uow, clock):
    user = a_user(uow, zone="Europe/Berlin")
    create(uow, clock, user, starts_at=datetime(2026, 3, 2, 8, tzinfo=UTC), recurrence_rule="FREQ=WEEKLY")
    user.timezone = "Asia/Tokyo"
    found = calendar.list_events(uow, user=user, first=date(2026, 3, 30), last=date(2026, 3, 31))
    assert [v.starts_at for v in found.items] == [datetime(2026, 3, 30, 7, tzinfo=UTC)]  # 09:00 Berlin (CEST)


def test_an_update_changes_the_whole_series(uow, clock, ada):
    made = create(uow, clock, ada, recurrence_rule="FREQ=DAILY;COUNT=3")
    clock.advance(timedelta(hours=1))
    uow.committed = False
    changed = calendar.update_event(uow, clock, user=ada, event_id=made.id,
                                    changes={"title": "Review", "recurrence_rule": "FREQ=DAILY;COUNT=5"})
    assert uow.committed and changed.updated_at == NOW + timedelta(hours=1)
    assert [v.title for v in march(uow, ada).items] == ["Review"] * 5


def test_a_refused_update_leaves_the_event_as_it_was(uow, clock, ada):
    made = create(uow, clock, ada)
    with pytest.raises(InvalidInput):
        calendar.update_event(uow, clock, user=ada, event_id=made.id, changes={"ends_at": MONDAY_9 - timedelta(1)})
    assert calendar.get_event(uow, user=ada, event_id=made.id) == made


def test_deleting_a_series_removes_every_occurrence(uow, clock, ada):
    made = create(uow, clock, ada, recurrence_rule="FREQ=DAILY")
    uow.committed = False
    calendar.delete_event(uow, user=ada, event_id=made.id)
    assert uow.committed and march(uow, ada).items == []


@pytest.mark.parametrize("action", ["get", "update", "delete"])
def test_another_users_event_is_not_found(uow, clock, ada, action):
    made = create(uow, clock, a_user(uow, "bob@example.com"))
    calls = {"get": lambda: calendar.get_event(uow, user=ada, event_id=made.id),
             "update": lambda: calendar.update_event(uow, clock, user=ada, event_id=made.id, changes={"title": "x"}),
             "delete": lambda: calendar.delete_event(uow, user=ada, event_id=made.id)}
    with pytest.raises(NotFound):
        calls[action]()
    with pytest.raises(NotFound):
        calendar.get_event(uow, user=ada, event_id=uuid4())
    assert uow.tables["calendar_events"][made.id].title == "Standup"
