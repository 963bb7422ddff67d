"""RRULE expansion (ports.inbound.recurrence) on plain events: what occurs in a range, on the
series' wall clock, bounded by the range, the rule's end and the per-series cap."""
import random
import time
from datetime import datetime, timedelta, timezone
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from dateutil import rrule as du

from domain.calendar import CalendarEvent, overlaps, parse_rule, to_local, to_utc
from domain.errors import InvalidInput
from ports.inbound import recurrence

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def series(rule, starts_at=datetime(2026, 3, 2, 9, tzinfo=UTC), length=timedelta(minutes=30), zone="UTC",
           all_day=False) -> CalendarEvent:
    event = CalendarEvent.create(uuid4(), zone, NOW, title="Standup", starts_at=starts_at,
                                 ends_at=starts_at + length, all_day=all_day, recurrence_rule=rule)
    recurrence.anchor(event)
    return event


def starts(event, first, last, limit=1000):
    found, _ = recurrence.occurrences(event, first, last, limit)
    return [o.starts_at for o in found]


def utc(*args):
    return datetime(*args, tzinfo=UTC)


MARCH = (utc(2026, 3, 1), utc(2026, 4, 1))


def test_a_daily_series_occurs_every_day_of_the_range():
    found = starts(series("FREQ=DAILY"), utc(2026, 3, 10), utc(2026, 3, 13))
    assert found == [utc(2026, 3, 10, 9), utc(2026, 3, 11, 9), utc(2026, 3, 12, 9)]


def test_a_weekly_series_occurs_on_its_weekdays():
    found = starts(series("FREQ=WEEKLY;BYDAY=MO,WE,FR"), utc(2026, 3, 2), utc(2026, 3, 9))
    assert [d.strftime("%a %d") for d in found] == ["Mon 02", "Wed 04", "Fri 06"]


def test_a_monthly_series_occurs_on_its_month_days_and_skips_months_without_them():
    event = series("FREQ=MONTHLY;BYMONTHDAY=31", starts_at=utc(2026, 1, 31, 9))
    assert starts(event, utc(2026, 1, 1), utc(2026, 9, 1)) == [
        utc(2026, 1, 31, 9), utc(2026, 3, 31, 9), utc(2026, 5, 31, 9), utc(2026, 7, 31, 9), utc(2026, 8, 31, 9)]
    last = series("FREQ=MONTHLY;BYMONTHDAY=-1", starts_at=utc(2026, 2, 28, 9))
    assert [d.day for d in starts(last, utc(2026, 2, 1), utc(2026, 5, 1))] == [28, 31, 30]


def test_count_ends_a_series_and_sets_its_last_start():
    event = series("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3")
    assert event.recurrence_until == utc(2026, 3, 9, 9)
    assert starts(event, *MARCH) == [utc(2026, 3, 2, 9), utc(2026, 3, 5, 9), utc(2026, 3, 9, 9)]


def test_until_ends_a_series_inclusively():
    event = series("FREQ=DAILY;UNTIL=20260304T090000Z")
    assert event.recurrence_until == utc(2026, 3, 4, 9)
    assert starts(event, *MARCH) == [utc(2026, 3, 2, 9), utc(2026, 3, 3, 9), utc(2026, 3, 4, 9)]
    whole_day = series("FREQ=DAILY;UNTIL=20260304")
    assert starts(whole_day, *MARCH)[-1] == utc(2026, 3, 4, 9)


def test_an_endless_series_is_cut_by_the_range_however_long_ago_it_began():
    event = series("FREQ=DAILY", starts_at=utc(1900, 1, 1, 9))
    assert event.recurrence_until is None
    began = time.perf_counter()
    found = starts(event, utc(2199, 12, 30), utc(2200, 1, 1))
    assert found == [utc(2199, 12, 30, 9), utc(2199, 12, 31, 9)]
    assert time.perf_counter() - began < 1  # re-anchored near the range: no walk through 300 years


def test_an_endless_minutely_series_stops_at_the_cap_and_says_so():
    event = series("FREQ=MINUTELY", starts_at=utc(2020, 1, 1), length=timedelta(0))
    found, truncated = recurrence.occurrences(event, utc(2026, 3, 1), utc(2026, 3, 8))
    assert len(found) == 1000 and truncated is True
    assert found[0].starts_at == utc(2026, 3, 1) and found[-1].starts_at == utc(2026, 3, 1, 16, 39)
    few, cut = recurrence.occurrences(event, utc(2026, 3, 1), utc(2026, 3, 1, 0, 10))
    assert len(few) == 10 and cut is False


def test_a_weekly_berlin_meeting_keeps_nine_oclock_local_across_the_spring_change():
    event = series("FREQ=WEEKLY;BYDAY=MO", starts_at=datetime(2026, 3, 23, 9, tzinfo=BERLIN),
                   length=timedelta(hours=1), zone="Europe/Berlin")
    found, _ = recurrence.occurrences(event, utc(2026, 3, 20), utc(2026, 4, 10))
    assert [o.starts_at.astimezone(BERLIN).strftime("%m-%d %H:%M %z") for o in found] == [
        "03-23 09:00 +0100", "03-30 09:00 +0200", "04-06 09:00 +0200"]
    assert [o.starts_at for o in found][:2] == [utc(2026, 3, 23, 8), utc(2026, 3, 30, 7)]
    assert all(o.ends_at - o.starts_at == timedelta(hours=1) for o in found)


def test_an_all_day_series_occurs_from_local_midnight_for_whole_days():
    event = series("FREQ=DAILY;COUNT=3", starts_at=datetime(2026, 3, 28, tzinfo=BERLIN), length=timedelta(0),
                   zone="Europe/Berlin", all_day=True)
    found, _ = recurrence.occurrences(event, *MARCH)
    assert [(o.starts_at, o.ends_at) for o in found] == [
        (utc(2026, 3, 27, 23), utc(2026, 3, 28, 23)), (utc(2026, 3, 28, 23), utc(2026, 3, 29, 22)),
        (utc(2026, 3, 29, 22), utc(2026, 3, 30, 22))]
    assert all(o.all_day for o in found)


def test_an_occurrence_that_began_before_the_range_but_reaches_into_it_is_included():
    event = series("FREQ=DAILY", starts_at=utc(2026, 3, 1, 22), length=timedelta(hours=8))
    found, _ = recurrence.occurrences(event, utc(2026, 3, 10), utc(2026, 3, 11))
    assert [(o.starts_at, o.ends_at) for o in found] == [(utc(2026, 3, 9, 22), utc(2026, 3, 10, 6)),
                                                         (utc(2026, 3, 10, 22), utc(2026, 3, 11, 6))]


def test_a_long_event_reaches_into_the_range_from_a_week_before():
    event = series("FREQ=MONTHLY", starts_at=utc(2026, 1, 1), length=timedelta(days=10))
    assert starts(event, utc(2026, 3, 10), utc(2026, 3, 12)) == [utc(2026, 3, 1)]


def test_an_occurrence_is_its_series_with_its_own_times():
    event = series("FREQ=DAILY")
    occurrence = recurrence.occurrences(event, utc(2026, 3, 5), utc(2026, 3, 6))[0][0]
    assert (occurrence.id, occurrence.title, occurrence.recurring, occurrence.recurrence_id) == \
        (event.id, "Standup", True, utc(2026, 3, 5, 9))
    assert occurrence.recurrence_rule == "FREQ=DAILY"


def test_a_series_has_nothing_before_its_start_or_after_its_end():
    event = series("FREQ=DAILY;COUNT=2")
    assert starts(event, utc(2026, 2, 1), utc(2026, 3, 2)) == []
    assert starts(event, utc(2026, 3, 4), utc(2027, 3, 4)) == []


@pytest.mark.parametrize("rule", ["FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=15", "FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6",
                                  "FREQ=MONTHLY;BYDAY=MO,TH;BYSETPOS=10", "FREQ=YEARLY;BYYEARDAY=366;BYMONTH=2",
                                  "FREQ=MONTHLY;BYDAY=2MO", "FREQ=HOURLY;INTERVAL=24;BYHOUR=9,3"])
def test_a_rule_that_does_not_start_at_the_events_start_is_refused_quickly(rule):
    began = time.perf_counter()
    start = utc(2026, 6, 15, 9) if "BYMONTH=2" not in rule else utc(2026, 2, 15, 9)
    if rule.startswith("FREQ=HOURLY"):
        assert series(rule, starts_at=start).recurrence_until is None  # 09:00 every 24 h: fine
        return
    with pytest.raises(InvalidInput):
        series(rule, starts_at=start)
    assert time.perf_counter() - began < 1  # never walks to year 9999


def test_a_sparse_count_series_finds_its_last_start_within_the_calendar():
    event = series("FREQ=YEARLY;COUNT=1000;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", starts_at=utc(2016, 2, 29, 9))
    assert event.recurrence_until == utc(2196, 2, 29, 9)  # the last Monday 29 February before 2200


FREQS = ["MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]


def random_rule(pick: random.Random) -> str:
    freq = pick.choice(FREQS)
    parts = [f"FREQ={freq}", f"INTERVAL={pick.choice([1, 1, 2, 3, 7, 13])}"]
    if pick.random() < 0.3:
        parts.append(f"BYMONTH={pick.randint(1, 12)},{pick.randint(1, 12)}")
    if freq in ("MONTHLY", "YEARLY") and pick.random() < 0.5:
        parts.append(f"BYDAY={pick.choice(['1', '-1', '2'])}{pick.choice(['MO', 'FR'])}")
    elif pick.random() < 0.4:
        parts.append("BYDAY=" + ",".join(pick.sample(["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 3)))
    if freq in ("MONTHLY", "YEARLY") and pick.random() < 0.3:
        parts.append(f"BYMONTHDAY={pick.choice([1, 15, 31, -1])}")
    if freq != "MINUTELY" and pick.random() < 0.3:
        parts.append(f"BYHOUR={pick.randint(0, 23)},{pick.randint(0, 23)}")
    if freq in ("MONTHLY", "YEARLY") and len(parts) > 2 and pick.random() < 0.2:
        parts.append("BYSETPOS=-1")
    return ";".join(parts)


def test_expanding_from_a_re_anchored_start_gives_what_walking_from_the_first_start_gives():
    pick, checked = random.Random(2026), 0
    while checked < 60:
        rule, zone = parse_rule(random_rule(pick)), pick.choice(["UTC", "Europe/Berlin", "America/New_York"])
        origin = datetime(2020, 1, 1) + timedelta(minutes=pick.randint(0, 3 * 525_600))
        try:  # start the series on the rule's first match, as a client would
            first = du.rrule(dtstart=origin, **recurrence._kwargs(rule, origin)).after(origin, inc=True)
            if first is None or first.year > 2030:
                continue
            event = series(rule.text(ZoneInfo(zone), False), starts_at=to_utc(first, ZoneInfo(zone)), zone=zone)
        except (ValueError, TypeError, InvalidInput):
            continue
        checked += 1
        days = {"MINUTELY": 2, "HOURLY": 60}.get(rule.freq, 2000)
        start = event.starts_at + timedelta(hours=pick.randint(-24, days * 24))
        end = start + timedelta(days=pick.randint(1, 3 if rule.freq == "MINUTELY" else 60))
        expected, high = [], to_local(end, event.zone) + timedelta(days=1)
        for wall in du.rrule(dtstart=event.local_start(), **recurrence._kwargs(rule, event.local_start())):
            if wall >= high:
                break
            span = event.occurrence_span(wall)
            if overlaps(*span, start, end):
                expected.append(span[0])
        assert starts(event, start, end, limit=10**6) == expected, (event.recurrence_rule, event.starts_at, zone)
