"""The user's days: timezone plus day_start_hour, across DST changes and year ends."""
from datetime import date, datetime, timedelta, timezone

import pytest

from domain.days import UserDay, period_dates, period_key, week_start

UTC = timezone.utc
BERLIN = UserDay("Europe/Berlin")


def test_a_day_starting_at_four_counts_the_small_hours_to_the_day_before():
    day = UserDay("Europe/Berlin", 4)
    assert day.local_date(datetime(2026, 6, 10, 1, 30, tzinfo=UTC)) == date(2026, 6, 9)   # 03:30 local
    assert day.local_date(datetime(2026, 6, 10, 2, 0, tzinfo=UTC)) == date(2026, 6, 10)   # 04:00 local


def test_the_same_instant_is_a_different_day_in_another_zone():
    instant = datetime(2026, 6, 10, 23, 30, tzinfo=UTC)
    assert UserDay("UTC").local_date(instant) == date(2026, 6, 10)
    assert UserDay("Asia/Tokyo").local_date(instant) == date(2026, 6, 11)
    assert UserDay("America/Los_Angeles").local_date(instant) == date(2026, 6, 10)


def test_the_spring_forward_day_has_23_hours():
    start, end = BERLIN.bounds(date(2026, 3, 29))
    assert end - start == timedelta(hours=23)
    assert start == datetime(2026, 3, 28, 23, 0, tzinfo=UTC)


def test_the_fall_back_day_has_25_hours():
    start, end = BERLIN.bounds(date(2026, 10, 25))
    assert end - start == timedelta(hours=25)


def test_both_passes_of_the_repeated_hour_belong_to_the_same_day():
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)   # 02:30 CEST
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET
    assert BERLIN.local_date(first) == BERLIN.local_date(second) == date(2026, 10, 25)


def test_a_day_start_inside_the_skipped_hour_still_gives_contiguous_days():
    day = UserDay("Europe/Berlin", 2)  # 02:00 does not exist on 2026-03-29
    _, end_before = day.bounds(date(2026, 3, 28))
    start, end = day.bounds(date(2026, 3, 29))
    assert end_before == start and start < end
    assert day.local_date(start) == date(2026, 3, 29)
    assert day.local_date(start - timedelta(seconds=1)) == date(2026, 3, 28)


@pytest.mark.parametrize("instant", [datetime(2026, 3, 29, 0, 59, tzinfo=UTC), datetime(2026, 10, 25, 2, 0, tzinfo=UTC),
                                     datetime(2026, 7, 1, 12, 0, tzinfo=UTC)])
def test_every_instant_falls_inside_the_bounds_of_its_own_day(instant):
    for start_hour in (0, 4, 23):
        day = UserDay("Europe/Berlin", start_hour)
        start, end = day.bounds(day.local_date(instant))
        assert start <= instant < end


def test_weeks_are_iso_weeks_from_monday():
    assert week_start(date(2026, 3, 1)) == date(2026, 2, 23)  # a Sunday → that week's Monday
    assert period_key("weekly", date(2026, 3, 1)) == "2026-W09"
    assert period_dates("weekly", date(2026, 3, 4)) == (date(2026, 3, 2), date(2026, 3, 8))


def test_the_week_across_new_year_belongs_to_the_iso_year():
    assert period_key("weekly", date(2027, 1, 1)) == "2026-W53"
    assert period_key("weekly", date(2025, 12, 29)) == "2026-W01"


def test_daily_and_once_periods():
    assert period_key("daily", date(2026, 3, 1)) == "2026-03-01"
    assert period_dates("daily", date(2026, 3, 1)) == (date(2026, 3, 1), date(2026, 3, 1))
    assert period_key("once", date(2026, 3, 1)) == "once" and period_dates("once", date(2026, 3, 1)) is None
    with pytest.raises(ValueError):
        period_key("monthly", date(2026, 3, 1))
