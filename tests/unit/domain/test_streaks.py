"""Streaks on plain objects: each frequency, skips, vacations, today not yet logged, stale caches."""
from datetime import date, timedelta
from uuid import uuid4

import pytest

from domain.errors import InvalidInput
from domain.streaks import (Schedule, Streak, Vacation, account_streak, as_of, days_taken, habit_streak,
                            may_have_lapsed, plan_vacation)

MONDAY = date(2026, 3, 2)
DAILY = Schedule("daily")
MON_WED_FRI = Schedule("weekdays", frozenset({1, 3, 5}))


def day(n: int) -> date:
    """MONDAY + n days (negative: before)."""
    return MONDAY + timedelta(days=n)


def done(*offsets: int, status: str = "done") -> dict[date, str]:
    return {day(n): status for n in offsets}


def streak(schedule, statuses, today, vacations=()) -> tuple[int, int, date | None]:
    found = habit_streak(schedule, statuses, vacations, today)
    return found.current, found.longest, found.last_date


# Daily --------------------------------------------------------------------------------------------

def test_no_logs_is_no_streak():
    assert streak(DAILY, {}, day(3)) == (0, 0, None)


def test_consecutive_done_days_make_the_streak():
    assert streak(DAILY, done(0, 1, 2, 3), day(3)) == (4, 4, day(3))


def test_today_not_yet_logged_does_not_break_the_streak():
    assert streak(DAILY, done(0, 1, 2), day(3)) == (3, 3, day(2))


def test_a_missed_yesterday_breaks_the_streak():
    assert streak(DAILY, done(0, 1), day(3)) == (0, 2, None)


def test_a_missed_day_in_the_middle_starts_a_new_streak_and_keeps_the_longest():
    assert streak(DAILY, done(0, 1, 2, 4, 5), day(5)) == (2, 3, day(5))


def test_a_skipped_day_neither_breaks_nor_extends():
    statuses = {**done(0, 1, 3), **done(2, status="skipped")}
    assert streak(DAILY, statuses, day(3)) == (3, 3, day(3))


def test_skipped_days_alone_make_no_streak():
    assert streak(DAILY, done(0, 1, 2, status="skipped"), day(2)) == (0, 0, None)


def test_vacation_days_neither_break_nor_extend():
    away = [Vacation(day(2), day(4))]
    assert streak(DAILY, done(0, 1, 5, 6), day(6), away) == (4, 4, day(6))


def test_a_done_log_on_a_vacation_day_does_not_extend():
    assert streak(DAILY, done(0, 1, 2), day(2), [Vacation(day(1), day(1))]) == (2, 2, day(2))


def test_an_open_ended_vacation_pauses_up_to_today():
    assert streak(DAILY, done(0, 1), day(20), [Vacation(day(2))]) == (2, 2, day(1))


def test_several_vacations_all_pause():
    away = [Vacation(day(1), day(1)), Vacation(day(3), day(3))]
    assert streak(DAILY, done(0, 2, 4), day(4), away) == (3, 3, day(4))


def test_a_backdated_log_fills_the_gap():
    before = streak(DAILY, done(0, 1, 2, 4, 5), day(5))
    after = streak(DAILY, done(0, 1, 2, 3, 4, 5), day(5))
    assert (before[0], after[0]) == (2, 6)


def test_logs_after_today_are_left_for_their_day():
    assert streak(DAILY, done(0, 1, 2), day(1)) == (2, 2, day(1))


# Weekdays -----------------------------------------------------------------------------------------

def test_only_the_listed_weekdays_are_due():
    # Mon, Wed, Fri of two weeks; Tue, Thu and the weekend are not due
    assert streak(MON_WED_FRI, done(0, 2, 4, 7, 9, 11), day(13)) == (6, 6, day(11))


def test_a_missed_listed_weekday_breaks_a_weekdays_streak():
    assert streak(MON_WED_FRI, done(0, 4, 7), day(8)) == (2, 2, day(7))


def test_a_log_on_a_day_that_is_not_due_neither_breaks_nor_extends():
    assert streak(MON_WED_FRI, done(0, 1, 2), day(2)) == (2, 2, day(2))


def test_a_weekdays_streak_runs_over_the_weekend_to_monday():
    assert streak(MON_WED_FRI, done(0, 2, 4), day(7)) == (3, 3, day(4))


# Times per week -----------------------------------------------------------------------------------

THREE_A_WEEK = Schedule("times_per_week", times=3)


def test_weeks_meeting_the_count_make_a_streak_of_weeks():
    assert streak(THREE_A_WEEK, done(0, 2, 4, 7, 8, 13), day(14)) == (2, 2, day(13))


def test_the_current_week_counts_once_it_meets_the_count():
    assert streak(THREE_A_WEEK, done(0, 2, 4, 7, 8, 9), day(10)) == (2, 2, day(9))


def test_the_current_week_in_progress_does_not_break_the_streak():
    assert streak(THREE_A_WEEK, done(0, 2, 4), day(13)) == (1, 1, day(4))


def test_a_past_week_short_of_the_count_breaks_the_streak():
    assert streak(THREE_A_WEEK, done(0, 2, 4, 7, 8, 14), day(15)) == (0, 1, None)


def test_skipped_days_excuse_a_short_week():
    statuses = {**done(0, 2, 4, 7, 8, 14, 15, 16), **done(9, status="skipped")}
    assert streak(THREE_A_WEEK, statuses, day(16)) == (2, 2, day(16))


def test_a_vacation_week_neither_breaks_nor_extends_a_weekly_streak():
    away = [Vacation(day(7), day(13))]
    assert streak(THREE_A_WEEK, done(0, 2, 4, 14, 15, 16), day(16), away) == (2, 2, day(16))


def test_more_than_the_count_in_a_week_still_counts_one_week():
    assert streak(THREE_A_WEEK, done(0, 1, 2, 3, 4, 5, 6), day(6)) == (1, 1, day(6))


def test_weeks_are_iso_weeks_from_monday():
    # Fri–Sun of one week and Mon of the next: two short weeks, not one full one
    assert streak(THREE_A_WEEK, done(4, 5, 6, 7), day(8)) == (1, 1, day(6))


# The account-wide streak --------------------------------------------------------------------------

def test_the_account_streak_counts_days_with_any_done_log():
    days = {**done(0, 1, 3), **done(2, status="skipped")}
    found = account_streak(days, frozenset(range(1, 8)), [], day(3))
    assert (found.kind, found.current, found.longest, found.habit_id) == ("habits", 3, 3, None)


def test_the_account_streak_skips_weekdays_no_habit_is_due():
    found = account_streak(done(0, 2, 4, 7), frozenset({1, 3, 5}), [], day(7))
    assert found.current == 4


def test_the_account_streak_breaks_on_a_due_day_without_logs():
    assert account_streak(done(0, 2), frozenset(range(1, 8)), [], day(2)).current == 1


# A cached streak, today ---------------------------------------------------------------------------

def cached(current, last, longest=None) -> Streak:
    return Streak("habit", current, longest or current, last, uuid4())


def test_a_cached_streak_from_yesterday_has_not_lapsed():
    assert not may_have_lapsed(cached(3, day(4)), DAILY, day(5))


def test_a_cached_streak_lapses_once_a_due_day_passes_without_a_log():
    stale = cached(3, day(2))
    assert may_have_lapsed(stale, DAILY, day(4))
    assert as_of(stale, DAILY, {}, [], day(4)) == Streak("habit", 0, 3, None, stale.habit_id)


def test_a_cached_streak_survives_skips_vacations_and_days_that_are_not_due():
    assert as_of(cached(3, day(2)), DAILY, done(3, status="skipped"), [], day(4)).current == 3
    assert as_of(cached(3, day(2)), DAILY, {}, [Vacation(day(3))], day(9)).current == 3
    assert as_of(cached(3, day(4)), MON_WED_FRI, {}, [], day(7)).current == 3


def test_a_cached_weekly_streak_lapses_after_a_whole_week_short_of_the_count():
    assert as_of(cached(2, day(2)), THREE_A_WEEK, done(8), [], day(12)).current == 2  # this week is in progress
    assert as_of(cached(2, day(2)), THREE_A_WEEK, done(8), [], day(14)).current == 0


def test_a_zero_streak_never_lapses():
    assert not may_have_lapsed(Streak("habit"), DAILY, day(100))


# Vacations ----------------------------------------------------------------------------------------

def test_a_vacation_may_start_seven_days_back_but_not_eight():
    assert plan_vacation(None, day(-7), None, day(0)) == Vacation(day(-7))
    with pytest.raises(InvalidInput) as error:
        plan_vacation(None, day(-8), None, day(0))
    assert "from" in error.value.details["fields"]


def test_a_vacation_may_not_end_before_it_starts():
    with pytest.raises(InvalidInput) as error:
        plan_vacation(None, day(3), day(2), day(0))
    assert "to" in error.value.details["fields"]


def test_a_running_vacation_keeps_its_start_when_it_is_changed():
    running = Vacation(day(-20))
    assert plan_vacation(running, day(-20), day(5), day(0)) == Vacation(day(-20), day(5))


def test_a_long_past_vacation_cannot_be_reopened_from_its_start():
    with pytest.raises(InvalidInput):
        plan_vacation(Vacation(day(-30), day(-20)), day(-30), None, day(0))


def test_the_days_taken_of_a_vacation_are_those_before_today():
    assert days_taken(Vacation(day(-3)), day(0)) == Vacation(day(-3), day(-1))
    assert days_taken(Vacation(day(-3), day(-2)), day(0)) == Vacation(day(-3), day(-2))
    assert days_taken(Vacation(day(0), day(4)), day(0)) is None
    assert days_taken(None, day(0)) is None


def test_a_vacation_ending_in_year_9999_is_fine():
    away = plan_vacation(None, day(0), date(9999, 12, 31), day(0))
    assert streak(DAILY, done(-2, -1), day(30), [away]) == (2, 2, day(-1))
