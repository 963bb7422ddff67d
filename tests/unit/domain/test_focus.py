"""Focus sessions on plain objects: focused time, pauses, the award, states, the stats."""
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest

from domain.days import UserDay
from domain.errors import Conflict, InvalidInput
from domain.focus import FocusSession, focus_stats, local_dates, stats_window, streak, streak_reaches

T0 = datetime(2026, 1, 15, 9, 0, tzinfo=timezone.utc)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def started(mode="focus", duration=1500, at=T0) -> FocusSession:
    return FocusSession.start(uuid4(), mode, duration, at)


def test_a_new_session_is_active_with_nothing_focused_yet():
    session = started()
    assert (session.status, session.focused_seconds_at(T0), session.paused_seconds_at(T0)) == ("active", 0, 0)
    assert session.ends_at() == T0 + timedelta(seconds=1500)


@pytest.mark.parametrize("mode,duration,field", [("nap", 600, "mode"), ("focus", 59, "duration"),
                                                 ("focus", 14_401, "duration"), ("break", 0, "duration")])
def test_a_start_outside_the_rules_is_invalid(mode, duration, field):
    with pytest.raises(InvalidInput) as error:
        FocusSession.start(uuid4(), mode, duration, T0)
    assert field in error.value.details["fields"]


@pytest.mark.parametrize("duration", [60, 14_400])
def test_the_duration_bounds_are_allowed(duration):
    assert started(duration=duration).duration == duration


def test_a_start_while_another_session_is_open_is_a_conflict():
    running = started()
    running.pause(T0 + minutes(1))
    with pytest.raises(Conflict):
        FocusSession.start(running.user_id, "focus", 600, T0 + minutes(2), running)


def test_a_start_after_a_finished_session_is_fine():
    done = started()
    done.abandon(T0 + minutes(1))
    assert FocusSession.start(done.user_id, "focus", 600, T0 + minutes(2), done).status == "active"


def test_focused_time_is_wall_time_while_nothing_paused():
    assert started().focused_seconds_at(T0 + minutes(7)) == 420


def test_focused_time_leaves_out_several_pauses():
    session = started(duration=3600)
    session.pause(T0 + minutes(10))
    session.resume(T0 + minutes(13))
    session.pause(T0 + minutes(20))
    session.resume(T0 + minutes(25))
    assert session.paused_seconds_at(T0 + minutes(30)) == 8 * 60
    assert session.focused_seconds_at(T0 + minutes(30)) == 22 * 60


def test_an_open_pause_counts_up_to_now():
    session = started(duration=3600)
    session.pause(T0 + minutes(10))
    assert session.paused_seconds_at(T0 + minutes(14)) == 240
    assert session.focused_seconds_at(T0 + minutes(14)) == 600
    assert session.focused_seconds_at(T0 + minutes(40)) == 600


def test_focused_time_is_capped_at_the_duration():
    session = started(duration=600)
    assert session.focused_seconds_at(T0 + minutes(60)) == 600
    assert session.complete(T0 + minutes(60)).minutes == 10


def test_ends_at_moves_by_the_paused_time_and_is_unknown_while_paused():
    session = started(duration=600)
    session.pause(T0 + minutes(2))
    assert session.ends_at() is None
    session.resume(T0 + minutes(5))
    assert session.ends_at() == T0 + minutes(13)


def test_four_minutes_fifty_nine_earn_nothing():
    session = started()
    award = session.complete(T0 + timedelta(minutes=4, seconds=59))
    assert (award.points, award.xp, session.points_awarded) == (0, 0, 0)


def test_five_minutes_earn_five_points_and_five_xp():
    session = started()
    award = session.complete(T0 + minutes(5))
    assert (award.points, award.xp, session.points_awarded, session.xp_awarded) == (5, 5, 5, 5)


def test_only_full_minutes_earn():
    session = started()
    assert session.complete(T0 + timedelta(minutes=25, seconds=59)).points == 25


@pytest.mark.parametrize("mode", ["break", "long_break"])
def test_breaks_earn_nothing_and_count_no_metrics(mode):
    session = started(mode=mode, duration=1800)
    assert session.complete(T0 + minutes(30)).points == 0
    assert session.completion_metrics() == {}


def test_a_completion_counts_the_session_and_its_minutes():
    session = started()
    session.complete(T0 + minutes(25))
    assert session.completion_metrics() == {"focus_sessions_completed": 1, "focus_minutes": 25}


def test_a_session_below_the_threshold_counts_its_minutes_but_not_as_a_completed_session():
    session = started()
    session.complete(T0 + minutes(3))
    assert session.completion_metrics() == {"focus_minutes": 3}


def test_completing_a_paused_session_closes_the_pause():
    session = started()
    session.pause(T0 + minutes(6))
    session.complete(T0 + minutes(10))
    assert (session.status, session.paused_at, session.paused_seconds, session.focused_seconds) == \
        ("completed", None, 240, 360)
    assert session.view(T0 + minutes(50)).focused_seconds == 360


def test_a_finished_session_keeps_its_numbers_as_time_goes_on():
    session = started()
    session.complete(T0 + minutes(8))
    later = session.view(T0 + minutes(90))
    assert (later.focused_seconds, later.paused_seconds, later.completed_at, later.ends_at) == \
        (480, 0, T0 + minutes(8), None)


def test_an_abandoned_session_earns_nothing_and_keeps_its_focused_time():
    session = started()
    session.abandon(T0 + minutes(20))
    assert (session.status, session.points_awarded, session.focused_seconds, session.abandoned_at) == \
        ("abandoned", 0, 1200, T0 + minutes(20))


def test_pausing_a_paused_session_is_a_conflict():
    session = started()
    session.pause(T0 + minutes(1))
    with pytest.raises(Conflict):
        session.pause(T0 + minutes(2))


def test_resuming_an_active_session_is_a_conflict():
    with pytest.raises(Conflict):
        started().resume(T0 + minutes(1))


@pytest.mark.parametrize("finish", ["complete", "abandon"])
@pytest.mark.parametrize("action", ["pause", "resume", "complete", "abandon"])
def test_nothing_happens_to_a_finished_session(finish, action):
    session = started()
    getattr(session, finish)(T0 + minutes(10))
    before = session.view(T0 + minutes(10))
    with pytest.raises(Conflict):
        getattr(session, action)(T0 + minutes(11))
    assert session.view(T0 + minutes(10)) == before


def test_a_second_complete_awards_nothing_because_it_is_refused():
    session = started()
    session.complete(T0 + minutes(10))
    with pytest.raises(Conflict):
        session.complete(T0 + minutes(20))
    assert session.points_awarded == 10


# Stats ------------------------------------------------------------------------------------------

BERLIN = UserDay("Europe/Berlin", 0)


def berlin(y, m, d, hh, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=ZoneInfo("Europe/Berlin")).astimezone(timezone.utc)


def test_the_window_is_the_last_n_local_days_with_today():
    assert stats_window(BERLIN, berlin(2026, 3, 29, 0, 30), 7) == (date(2026, 3, 23), date(2026, 3, 29))


@pytest.mark.parametrize("days", [0, 366])
def test_a_window_outside_one_to_365_days_is_invalid(days):
    with pytest.raises(InvalidInput):
        stats_window(BERLIN, T0, days)


def test_stats_are_zero_filled_oldest_first():
    stats = focus_stats(BERLIN, date(2026, 1, 13), date(2026, 1, 15), [(T0, 1500)])
    assert [(d.date, d.focused_minutes, d.sessions) for d in stats.days] == \
        [(date(2026, 1, 13), 0, 0), (date(2026, 1, 14), 0, 0), (date(2026, 1, 15), 25, 1)]
    assert (stats.total_focused_minutes, stats.total_sessions, stats.current_streak_days) == (25, 1, 1)


@pytest.mark.parametrize("first,last,completions", [
    # spring forward: 2026-03-29 has 23 hours in Berlin
    (date(2026, 3, 28), date(2026, 3, 30),
     [berlin(2026, 3, 28, 23, 59), berlin(2026, 3, 29, 0, 1), berlin(2026, 3, 29, 3, 30), berlin(2026, 3, 29, 23, 59),
      berlin(2026, 3, 30, 0, 0)]),
    # fall back: 2026-10-25 has 25 hours in Berlin
    (date(2026, 10, 24), date(2026, 10, 26),
     [berlin(2026, 10, 24, 23, 59), berlin(2026, 10, 25, 0, 1), berlin(2026, 10, 25, 2, 30),
      berlin(2026, 10, 25, 23, 59), berlin(2026, 10, 26, 0, 0)]),
])
def test_stats_follow_the_wall_clock_across_a_dst_change(first, last, completions):
    stats = focus_stats(BERLIN, first, last, [(at, 600) for at in completions])
    assert [d.sessions for d in stats.days] == [1, 3, 1]
    assert [d.focused_minutes for d in stats.days] == [10, 30, 10]


def test_the_dst_days_bounds_are_23_and_25_hours_long():
    start, end = BERLIN.bounds(date(2026, 3, 29))
    assert end - start == timedelta(hours=23)
    start, end = BERLIN.bounds(date(2026, 10, 25))
    assert end - start == timedelta(hours=25)


def test_with_day_start_hour_four_a_session_at_half_past_three_counts_for_the_day_before():
    early = UserDay("Europe/Berlin", 4)
    stats = focus_stats(early, date(2026, 1, 14), date(2026, 1, 15),
                        [(berlin(2026, 1, 15, 3, 30), 600), (berlin(2026, 1, 15, 4, 0), 1200)])
    assert [(d.date, d.focused_minutes) for d in stats.days] == [(date(2026, 1, 14), 10), (date(2026, 1, 15), 20)]


def test_day_minutes_add_up_full_minutes_per_session():
    stats = focus_stats(BERLIN, date(2026, 1, 15), date(2026, 1, 15), [(T0, 359), (T0 + minutes(30), 359)])
    assert stats.days[0].focused_minutes == 10


def test_the_streak_runs_to_today_or_to_yesterday_while_today_is_empty():
    today = date(2026, 1, 15)
    days = {today - timedelta(days=n) for n in (1, 2, 3, 5)}
    assert streak(days, today) == 3
    assert streak(days | {today}, today) == 4
    assert streak({today - timedelta(days=2)}, today) == 0


def test_the_streak_reaches_the_window_start_only_when_every_day_back_to_it_counts():
    today = date(2026, 1, 15)
    full = {today - timedelta(days=n) for n in range(3)}
    assert streak_reaches(full, today - timedelta(days=2), today)
    assert not streak_reaches(full - {today - timedelta(days=1)}, today - timedelta(days=2), today)
    assert not streak_reaches(set(), today, today)


def test_local_dates_use_the_users_day():
    assert local_dates(UserDay("Europe/Berlin", 4), [(berlin(2026, 1, 15, 3, 30), 60)]) == {date(2026, 1, 14)}
