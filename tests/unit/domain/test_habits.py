"""Habits and logs on plain objects: schedules, edits, the log window, replacing a day, points."""
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import Conflict, InvalidInput
from domain.habits import (LOG_POINTS, Habit, HabitLog, award_source, check_log_date, due_weekdays, log_day,
                           reversal_source)

NOW = datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc)
TODAY = date(2026, 3, 4)


def a_habit(**fields) -> Habit:
    return Habit.create(uuid4(), NOW, title=fields.pop("title", "Stretch"), **fields)


def invalid_field(call) -> str:
    with pytest.raises(InvalidInput) as error:
        call()
    [field] = error.value.details["fields"]
    return field


def test_a_new_habit_is_daily_and_active():
    habit = a_habit()
    assert (habit.frequency, habit.days, habit.times, habit.archived, habit.created_at) == \
        ("daily", None, None, False, NOW)


def test_a_weekdays_habit_keeps_its_days_sorted_once_each():
    assert a_habit(frequency="weekdays", days=[5, 1, 3, 1]).days == (1, 3, 5)


@pytest.mark.parametrize("fields,field", [
    ({"frequency": "weekdays"}, "days"), ({"frequency": "weekdays", "days": []}, "days"),
    ({"frequency": "weekdays", "days": [0]}, "days"), ({"frequency": "weekdays", "days": [8]}, "days"),
    ({"frequency": "times_per_week"}, "times"), ({"frequency": "times_per_week", "times": 8}, "times"),
    ({"frequency": "times_per_week", "times": 0}, "times"), ({"days": [1]}, "days"), ({"times": 3}, "times"),
    ({"frequency": "hourly"}, "frequency"), ({"title": ""}, "title"), ({"title": "x" * 201}, "title"),
    ({"description": "x" * 20_001}, "description"), ({"color": "x" * 51}, "color"), ({"icon": ""}, "icon"),
])
def test_a_habit_outside_the_rules_is_invalid(fields, field):
    assert invalid_field(lambda: a_habit(**fields)) == field


def test_moving_away_from_weekdays_drops_the_days():
    habit = a_habit(frequency="weekdays", days=[1, 2])
    habit.edit({"frequency": "times_per_week", "times": 2}, NOW)
    assert (habit.frequency, habit.days, habit.times) == ("times_per_week", None, 2)


def test_an_edit_keeps_the_schedule_it_does_not_name():
    habit = a_habit(frequency="weekdays", days=[1, 2])
    habit.edit({"title": "Yoga", "archived": True}, NOW + timedelta(hours=1))
    assert (habit.title, habit.days, habit.archived, habit.updated_at) == \
        ("Yoga", (1, 2), True, NOW + timedelta(hours=1))


def test_an_invalid_edit_changes_nothing():
    habit = a_habit()
    assert invalid_field(lambda: habit.edit({"title": "New", "frequency": "weekdays"}, NOW)) == "days"
    assert (habit.title, habit.frequency) == ("Stretch", "daily")


def test_the_schedule_follows_the_frequency():
    assert a_habit(frequency="weekdays", days=[6, 7]).schedule.due(date(2026, 3, 7))  # a Saturday
    assert not a_habit(frequency="weekdays", days=[6, 7]).schedule.due(TODAY)
    assert a_habit(frequency="times_per_week", times=4).schedule.times == 4


# Logs ---------------------------------------------------------------------------------------------

def log(habit, previous=None, day=TODAY, status="done", count=1):
    return log_day(habit, previous, day=day, status=status, count=count, today=TODAY, now=NOW)


def test_a_done_log_earns_one_point():
    change = log(a_habit())
    assert (change.log.status, change.log.points_awarded, change.award, change.replaced) == \
        ("done", LOG_POINTS, 1, False)
    assert change.metrics() == {"habit_logs_done": 1}


def test_a_skipped_log_earns_nothing_and_counts_nothing():
    change = log(a_habit(), status="skipped")
    assert (change.award, change.log.points_awarded, change.metrics()) == (0, 0, {})


@pytest.mark.parametrize("offset", [0, 1, 7])
def test_a_log_may_be_dated_today_or_up_to_seven_days_back(offset):
    assert log(a_habit(), day=TODAY - timedelta(days=offset)).log.date == TODAY - timedelta(days=offset)


@pytest.mark.parametrize("day", [TODAY - timedelta(days=8), TODAY + timedelta(days=1), date(1, 1, 1),
                                 date(9999, 12, 31)])
def test_a_log_older_than_seven_days_or_in_the_future_is_invalid(day):
    assert invalid_field(lambda: log(a_habit(), day=day)) == "date"


@pytest.mark.parametrize("kwargs,field", [({"status": "maybe"}, "status"), ({"count": 0}, "count"),
                                          ({"count": 1001}, "count")])
def test_a_bad_status_or_count_is_invalid(kwargs, field):
    assert invalid_field(lambda: log(a_habit(), **kwargs)) == field


def test_an_archived_habit_cannot_be_logged():
    with pytest.raises(Conflict):
        log(a_habit(archived=True))


def test_done_again_keeps_the_log_and_its_point_with_the_new_count():
    habit = a_habit()
    first = log(habit).log
    again = log(habit, first, count=3)
    assert (again.log.id, again.log.count, again.award, again.reversed, again.replaced) == (first.id, 3, 0, None, True)
    assert again.metrics() == {} and again.changed


def test_the_very_same_log_again_changes_nothing():
    habit = a_habit()
    first = log(habit).log
    assert not log(habit, first).changed


def test_done_replaced_by_skipped_is_a_new_log_that_gives_the_point_back():
    habit = a_habit()
    first = log(habit).log
    change = log(habit, first, status="skipped")
    assert change.log.id != first.id and change.reversed == first
    assert (change.award, change.log.points_awarded, change.metrics()) == (0, 0, {"habit_logs_done": -1})


def test_skipped_replaced_by_done_is_a_new_log_that_earns():
    habit = a_habit()
    skipped = log(habit, status="skipped").log
    change = log(habit, skipped)
    assert change.log.id != skipped.id and change.reversed is None
    assert (change.award, change.metrics()) == (1, {"habit_logs_done": 1})


def test_a_done_log_without_a_point_has_nothing_to_give_back():
    habit = a_habit()
    pointless = HabitLog(uuid4(), habit.id, habit.user_id, TODAY, "done", 1, points_awarded=0)
    assert log(habit, pointless, status="skipped").reversed is None


def test_each_log_has_its_own_award_and_reversal_sources():
    habit = a_habit()
    first = log(habit).log
    second = log(habit, log(habit, first, status="skipped").log).log
    sources = {award_source(first), reversal_source(first), award_source(second)}
    assert len(sources) == 3 and award_source(first).id == str(first.id)


def test_undo_checks_the_same_window_under_its_own_field_name():
    with pytest.raises(InvalidInput) as error:
        check_log_date(TODAY - timedelta(days=8), TODAY, "log_date")
    assert "log_date" in error.value.details["fields"]


def test_due_weekdays_are_every_day_unless_all_active_habits_are_weekdays_ones():
    weekend = a_habit(frequency="weekdays", days=[6, 7])
    assert due_weekdays([weekend, a_habit(frequency="weekdays", days=[1])]) == {1, 6, 7}
    assert due_weekdays([weekend, a_habit(frequency="times_per_week", times=2)]) == set(range(1, 8))
    assert due_weekdays([weekend, a_habit(archived=True)]) == {6, 7}
    assert due_weekdays([]) == set()
