"""Calendar rules on plain objects: events, all-day times, ranges, and the RRULE grammar."""
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest

from domain.calendar import (MAX_RANGE_DAYS, CalendarEvent, EventView, agenda, calendar_window, overlaps,
                             parse_rule)
from domain.errors import InvalidInput

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def event(zone="UTC", starts_at=MONDAY_9, ends_at=None, **fields) -> CalendarEvent:
    return CalendarEvent.create(uuid4(), zone, NOW, title="Standup", starts_at=starts_at,
                                ends_at=ends_at or starts_at + timedelta(minutes=30), **fields)


def refused(field: str, make) -> str:
    with pytest.raises(InvalidInput) as caught:
        make()
    assert list(caught.value.details["fields"]) == [field]
    return caught.value.details["fields"][field][0]


# Events

def test_a_single_event_keeps_its_times_and_has_no_series_end():
    made = event(location="Room 1")
    assert (made.starts_at, made.ends_at, made.recurrence_rule, made.recurrence_until) == \
        (MONDAY_9, MONDAY_9 + timedelta(minutes=30), None, None)
    assert made.view().recurring is False and made.view().recurrence_id is None


def test_times_are_stored_in_utc_whole_seconds():
    made = event(starts_at=datetime(2026, 3, 2, 10, 0, 0, 999_999, tzinfo=timezone(timedelta(hours=1))))
    assert made.starts_at == MONDAY_9 and made.starts_at.tzinfo == UTC


def test_an_end_before_the_start_is_refused_and_an_event_may_last_no_time():
    refused("ends_at", lambda: event(ends_at=MONDAY_9 - timedelta(seconds=1)))
    assert event(ends_at=MONDAY_9).duration == timedelta(0)


def test_a_time_without_an_offset_is_refused():
    refused("starts_at", lambda: event(starts_at=datetime(2026, 3, 2, 9, 0)))


@pytest.mark.parametrize("moment", [datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
                                    datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-14))),
                                    datetime(1899, 12, 31, 23, 59, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC)])
def test_times_outside_the_calendar_are_refused_without_overflowing(moment):
    message = refused("starts_at", lambda: event(starts_at=moment, ends_at=datetime(2026, 1, 1, tzinfo=UTC)))
    assert "1900-01-01" in message


def test_an_all_day_event_runs_from_local_midnight_to_the_midnight_after_its_last_day():
    made = event("Europe/Berlin", all_day=True, starts_at=datetime(2026, 3, 28, 10, tzinfo=BERLIN),
                 ends_at=datetime(2026, 3, 29, 18, tzinfo=BERLIN))
    assert made.starts_at == datetime(2026, 3, 28, tzinfo=BERLIN)
    assert made.ends_at == datetime(2026, 3, 30, tzinfo=BERLIN) and made.all_day_span == 2
    assert made.ends_at - made.starts_at == timedelta(hours=47)  # the night of the DST change is short


def test_an_all_day_end_at_midnight_stays_and_a_zero_length_all_day_event_lasts_one_day():
    midnight = datetime(2026, 3, 2, tzinfo=BERLIN)
    assert event("Europe/Berlin", all_day=True, starts_at=midnight,
                 ends_at=midnight + timedelta(days=2)).all_day_span == 2
    assert event("Europe/Berlin", all_day=True, starts_at=midnight, ends_at=midnight).all_day_span == 1


def test_a_rule_is_stored_in_its_canonical_form():
    made = event(recurrence_rule=" RRULE:byday=mo;freq=weekly;interval=2 ")
    assert made.recurrence_rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO" and made.view().recurring is True


def test_an_edit_changes_the_series_and_is_checked_like_a_new_event():
    made = event(recurrence_rule="FREQ=DAILY")
    later = NOW + timedelta(hours=1)
    made.edit({"title": "Sync", "recurrence_rule": None}, later)
    assert (made.title, made.recurrence_rule, made.updated_at) == ("Sync", None, later)
    refused("ends_at", lambda: made.edit({"ends_at": MONDAY_9 - timedelta(hours=1)}, later))
    refused("recurrence_rule", lambda: made.edit({"recurrence_rule": "FREQ=WEEKLY;BYDAY=TU"}, later))
    assert (made.ends_at, made.recurrence_rule) == (MONDAY_9 + timedelta(minutes=30), None)  # all or nothing


def test_an_occurrence_lasts_as_long_as_its_event_and_an_all_day_one_as_many_local_days():
    timed = event("Europe/Berlin", starts_at=datetime(2026, 3, 23, 9, tzinfo=BERLIN),
                  ends_at=datetime(2026, 3, 23, 10, tzinfo=BERLIN), recurrence_rule="FREQ=WEEKLY")
    starts_at, ends_at = timed.occurrence_span(datetime(2026, 3, 30, 9))
    assert (starts_at, ends_at - starts_at) == (datetime(2026, 3, 30, 7, tzinfo=UTC), timedelta(hours=1))
    whole = event("Europe/Berlin", all_day=True, starts_at=datetime(2026, 3, 28, tzinfo=BERLIN),
                  ends_at=datetime(2026, 3, 28, tzinfo=BERLIN), recurrence_rule="FREQ=DAILY")
    assert whole.occurrence_span(datetime(2026, 3, 29)) == (datetime(2026, 3, 28, 23, tzinfo=UTC),
                                                            datetime(2026, 3, 29, 22, tzinfo=UTC))
    view = timed.occurrence(starts_at, ends_at)
    assert (view.id, view.recurring, view.recurrence_id, view.title) == (timed.id, True, starts_at, "Standup")


# Ranges

def test_a_range_runs_from_local_midnight_to_the_midnight_after_its_last_day():
    assert calendar_window(date(2026, 3, 29), date(2026, 3, 29), "Europe/Berlin") == \
        (datetime(2026, 3, 28, 23, tzinfo=UTC), datetime(2026, 3, 29, 22, tzinfo=UTC))


def test_a_range_ends_after_it_starts_and_covers_at_most_366_days():
    assert refused("to", lambda: calendar_window(date(2026, 3, 2), date(2026, 3, 1), "UTC")) == \
        "Must not be before from."
    refused("to", lambda: calendar_window(date(2026, 1, 1), date(2027, 1, 2), "UTC"))
    first = date(2028, 1, 1)
    start, end = calendar_window(first, first + timedelta(days=MAX_RANGE_DAYS - 1), "UTC")
    assert end - start == timedelta(days=366)


@pytest.mark.parametrize("first,last,field", [(date(1, 1, 1), date(1, 1, 2), "from"),
                                              (date(9999, 12, 30), date(9999, 12, 31), "from"),
                                              (date(2199, 12, 31), date(2200, 1, 1), "to")])
def test_a_range_outside_the_calendar_is_refused(first, last, field):
    refused(field, lambda: calendar_window(first, last, "Pacific/Kiritimati"))


def test_overlapping_means_sharing_time_or_lasting_no_time_inside():
    start, end = datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 3, tzinfo=UTC)
    hour = timedelta(hours=1)
    assert overlaps(start - hour, start + hour, start, end)
    assert overlaps(start, start, start, end)
    assert not overlaps(start - hour, start, start, end)
    assert not overlaps(end, end + hour, start, end)


def test_an_agenda_is_ordered_by_start_then_end():
    def view(hours, length):
        return EventView(id=uuid4(), title="x", starts_at=NOW + timedelta(hours=hours),
                         ends_at=NOW + timedelta(hours=hours + length), all_day=False, recurrence_rule=None,
                         recurrence_until=None, timezone="UTC", location=None, description=None, color=None,
                         created_at=NOW, updated_at=NOW, recurring=False)
    late, short, long_ = view(2, 1), view(1, 1), view(1, 3)
    assert agenda([late, long_, short]) == [short, long_, late]


# The RRULE grammar

@pytest.mark.parametrize("text,canonical", [
    ("FREQ=DAILY", "FREQ=DAILY"),
    ("rrule:FREQ=WEEKLY;BYDAY=FR,MO,MO;WKST=SU", "FREQ=WEEKLY;BYDAY=MO,FR;WKST=SU"),
    ("FREQ=MONTHLY;BYMONTHDAY=-1,15;COUNT=12", "FREQ=MONTHLY;COUNT=12;BYMONTHDAY=-1,15"),
    ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"),
    ("FREQ=YEARLY;BYMONTH=11;BYDAY=+4TH", "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"),
    ("FREQ=HOURLY;INTERVAL=1;BYHOUR=9,17;BYMINUTE=0", "FREQ=HOURLY;BYHOUR=9,17;BYMINUTE=0"),
    ("FREQ=DAILY;UNTIL=20260331T170000Z", "FREQ=DAILY;UNTIL=20260331T170000Z"),
    ("FREQ=DAILY;UNTIL=20260331", "FREQ=DAILY;UNTIL=20260331T215959Z"),
    ("FREQ=DAILY;UNTIL=20260331T090000", "FREQ=DAILY;UNTIL=20260331T070000Z"),
])
def test_a_rule_reads_in_any_case_and_order_and_writes_canonically(text, canonical):
    assert parse_rule(text).text(BERLIN, all_day=False) == canonical


def test_an_all_day_rules_until_is_a_local_date():
    assert parse_rule("FREQ=YEARLY;UNTIL=20300101T120000Z").text(BERLIN, all_day=True) == \
        "FREQ=YEARLY;UNTIL=20300101"


def test_until_is_the_latest_start_on_the_wall_clock():
    assert parse_rule("FREQ=DAILY;UNTIL=20260331").until_wall(BERLIN) == datetime(2026, 3, 31, 23, 59, 59)
    assert parse_rule("FREQ=DAILY;UNTIL=20260331T070000Z").until_wall(BERLIN) == datetime(2026, 3, 31, 9)
    assert parse_rule("FREQ=DAILY;UNTIL=20260331T090000").until_utc(BERLIN) == datetime(2026, 3, 31, 7, tzinfo=UTC)
    assert parse_rule("FREQ=DAILY").until_wall(BERLIN) is None


@pytest.mark.parametrize("text,words", [
    ("FREQ=SECONDLY", "finest frequency is MINUTELY"), ("FREQ=BIWEEKLY", "FREQ must be one of"),
    ("BYDAY=MO", "FREQ must be"), ("FREQ=DAILY;DTSTART=20260101T000000Z", "DTSTART is not allowed"),
    ("DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY", "one RRULE line"), ("FREQ=DAILY;EXDATE=20260102", "EXDATE"),
    ("FREQ=DAILY;RDATE=20260102", "RDATE"), ("FREQ=DAILY;COUNT=3;UNTIL=20260110", "must not both"),
    ("FREQ=DAILY;COUNT=1001", "COUNT must be"), ("FREQ=DAILY;COUNT=0", "COUNT must be"),
    ("FREQ=DAILY;INTERVAL=0", "INTERVAL must be"), ("FREQ=DAILY;INTERVAL=1001", "INTERVAL must be"),
    ("FREQ=DAILY;INTERVAL=٣", "one RRULE line"), ("FREQ=DAILY;INTERVAL=3.5", "INTERVAL must be"),
    ("FREQ=DAILY;BYMONTHDAY=1", "not supported with FREQ=DAILY"), ("FREQ=WEEKLY;BYYEARDAY=1", "not supported"),
    ("FREQ=DAILY;BYSECOND=5", "not supported"), ("FREQ=DAILY;X-FOO=1", "Unknown rule part X-FOO"),
    ("FREQ=DAILY;FREQ=DAILY", "given twice"), ("FREQ=DAILY;COUNT", "NAME=VALUE"), ("FREQ=DAILY;", "NAME=VALUE"),
    ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY takes"), ("FREQ=MONTHLY;BYMONTHDAY=-32", "BYMONTHDAY takes"),
    ("FREQ=DAILY;BYMONTH=13", "BYMONTH takes"), ("FREQ=DAILY;BYMONTH=-1", "BYMONTH takes"),
    ("FREQ=DAILY;BYHOUR=24", "BYHOUR takes"), ("FREQ=WEEKLY;BYDAY=1MO", "numbered weekday"),
    ("FREQ=MONTHLY;BYDAY=6MO", "numbered weekday"), ("FREQ=YEARLY;BYDAY=54MO", "numbered weekday"),
    ("FREQ=WEEKLY;BYDAY=MON", "BYDAY takes"), ("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs"),
    ("FREQ=WEEKLY;WKST=XX", "WKST must be"), ("FREQ=DAILY;UNTIL=20260230", "UNTIL must be a date"),
    ("FREQ=DAILY;UNTIL=2026-03-01", "UNTIL must be a date"), ("FREQ=DAILY;UNTIL=20260301T250000Z", "UNTIL must be"),
    ("FREQ=DAILY;UNTIL=22000101", "between 1900-01-01"), ("", "one RRULE line"), ("F" * 501, "one RRULE line"),
])
def test_a_rule_outside_the_grammar_is_refused_with_a_reason(text, words):
    assert words in refused("recurrence_rule", lambda: parse_rule(text))


@pytest.mark.parametrize("rule,start,miss", [
    ("FREQ=WEEKLY;BYDAY=TU,WE", datetime(2026, 3, 2, 9), "BYDAY"),
    ("FREQ=DAILY;BYMONTH=4", datetime(2026, 3, 2, 9), "BYMONTH"),
    ("FREQ=DAILY;BYHOUR=8", datetime(2026, 3, 2, 9), "BYHOUR"),
    ("FREQ=HOURLY;BYMINUTE=30", datetime(2026, 3, 2, 9), "BYMINUTE"),
    ("FREQ=MONTHLY;BYMONTHDAY=1,-2", datetime(2026, 3, 2, 9), "BYMONTHDAY"),
])
def test_the_start_must_match_the_rules_filters(rule, start, miss):
    message = refused("recurrence_rule", lambda: parse_rule(rule).check_start(start, BERLIN, all_day=False))
    assert message.endswith(f"it does not match {miss}.")


def test_a_last_day_of_the_month_start_matches_a_negative_month_day():
    parse_rule("FREQ=MONTHLY;BYMONTHDAY=-1").check_start(datetime(2026, 2, 28, 9), BERLIN, all_day=False)
    parse_rule("FREQ=MONTHLY;BYDAY=2MO").check_start(datetime(2026, 3, 2, 9), BERLIN, all_day=False)  # expansion decides


def test_until_before_the_start_is_refused():
    message = refused("recurrence_rule", lambda: parse_rule("FREQ=DAILY;UNTIL=20260301").check_start(
        datetime(2026, 3, 2, 9), BERLIN, all_day=False))
    assert message == "UNTIL is before the event's start."


@pytest.mark.parametrize("rule", ["FREQ=HOURLY", "FREQ=MINUTELY", "FREQ=DAILY;BYHOUR=0", "FREQ=WEEKLY;BYMINUTE=0"])
def test_an_all_day_series_repeats_by_whole_days(rule):
    refused("recurrence_rule", lambda: parse_rule(rule).check_start(datetime(2026, 3, 2), BERLIN, all_day=True))
