"""Focus use cases on the in-memory unit of work and a clock that moves only when told."""
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest

from domain.errors import Conflict, InvalidInput, NotFound
from domain.paging import PageRequest
from domain.quests import UniversalQuest
from domain.wallet import Source
from ports.inbound import focus
from tests.support.gamification import a_user

NOW = datetime(2026, 1, 15, 9, 0, tzinfo=timezone.utc)


def start(uow, clock, user, mode="focus", duration=1500):
    uow.committed = False
    return focus.start_focus_session(uow, clock, user=user, mode=mode, duration=duration)


def complete(uow, clock, user, session_id):
    uow.committed = False
    return focus.complete_focus_session(uow, clock, user=user, session_id=session_id)


def events(uow, user):
    return sorted((e for e in uow.tables["activity"].values() if e.user_id == user.id), key=lambda e: e.occurred_at)


def wallet(uow, user):
    found = uow.tables["wallets"].get(user.id)
    return (found.balance, found.xp) if found else (0, 0)


def test_a_start_is_committed_with_its_event(uow, clock, ada):
    view = start(uow, clock, ada)
    assert uow.committed and view.status == "active" and view.started_at == NOW
    assert uow.tables["focus_sessions"][view.id].user_id == ada.id
    assert [(e.type, e.metrics) for e in events(uow, ada)] == [("focus.started", {})]


def test_a_second_start_while_one_is_open_is_a_conflict_and_writes_nothing(uow, clock, ada):
    first = start(uow, clock, ada)
    focus.pause_focus_session(uow, clock, user=ada, session_id=first.id)
    uow.committed = False
    with pytest.raises(Conflict):
        start(uow, clock, ada)
    assert not uow.committed and len(uow.tables["focus_sessions"]) == 1


def test_another_user_may_start_while_ada_runs_one(uow, clock, ada):
    start(uow, clock, ada)
    assert start(uow, clock, a_user(uow, email="bob@example.com")).status == "active"


def test_an_invalid_start_is_refused(uow, clock, ada):
    with pytest.raises(InvalidInput):
        start(uow, clock, ada, duration=59)
    assert not uow.committed


def test_pause_and_resume_leave_the_pause_out_of_focused_time(uow, clock, ada):
    session = start(uow, clock, ada)
    clock.advance(timedelta(minutes=10))
    paused = focus.pause_focus_session(uow, clock, user=ada, session_id=session.id)
    clock.advance(timedelta(minutes=4))
    resumed = focus.resume_focus_session(uow, clock, user=ada, session_id=session.id)
    clock.advance(timedelta(minutes=6))
    current = focus.get_focus_session(uow, clock, user=ada, session_id=session.id)
    assert (paused.status, resumed.status) == ("paused", "active")
    assert (current.focused_seconds, current.paused_seconds) == (16 * 60, 4 * 60)
    assert [e.type for e in events(uow, ada)] == ["focus.started", "focus.paused", "focus.resumed"]


def test_completing_twenty_five_minutes_awards_25_points_and_xp_in_one_commit(uow, clock, ada):
    session = start(uow, clock, ada)
    clock.advance(timedelta(minutes=25))
    done = complete(uow, clock, ada, session.id)
    assert uow.committed
    assert (done.session.status, done.session.points_awarded, done.session.xp_awarded) == ("completed", 25, 25)
    assert (done.earned.points, done.earned.xp) == (25, 25)
    assert wallet(uow, ada) == (25, 25)
    [entry] = uow.tables["ledger"].values()
    assert (entry.source, entry.delta, entry.xp_delta) == (Source("focus", str(session.id)), 25, 25)
    completed = events(uow, ada)[-1]
    assert (completed.type, completed.metrics, completed.local_date) == \
        ("focus.completed", {"focus_sessions_completed": 1, "focus_minutes": 25}, date(2026, 1, 15))


def test_four_minutes_fifty_nine_award_nothing(uow, clock, ada):
    session = start(uow, clock, ada)
    clock.advance(timedelta(minutes=4, seconds=59))
    done = complete(uow, clock, ada, session.id)
    assert uow.committed and done.session.points_awarded == 0 and wallet(uow, ada) == (0, 0)
    assert not uow.tables["ledger"]
    assert events(uow, ada)[-1].metrics == {"focus_minutes": 4}


def test_five_minutes_award_five_points(uow, clock, ada):
    session = start(uow, clock, ada)
    clock.advance(timedelta(minutes=5))
    assert complete(uow, clock, ada, session.id).session.points_awarded == 5
    assert wallet(uow, ada) == (5, 5)


@pytest.mark.parametrize("mode", ["break", "long_break"])
def test_a_completed_break_awards_nothing_and_records_an_event_without_metrics(uow, clock, ada, mode):
    session = start(uow, clock, ada, mode=mode, duration=900)
    clock.advance(timedelta(minutes=15))
    done = complete(uow, clock, ada, session.id)
    assert uow.committed and done.session.points_awarded == 0 and wallet(uow, ada) == (0, 0)
    assert (events(uow, ada)[-1].type, events(uow, ada)[-1].metrics) == ("focus.completed", {})


def test_a_second_complete_is_a_conflict_and_awards_nothing_twice(uow, clock, ada):
    session = start(uow, clock, ada)
    clock.advance(timedelta(minutes=30))
    complete(uow, clock, ada, session.id)
    clock.advance(timedelta(minutes=5))
    with pytest.raises(Conflict):
        complete(uow, clock, ada, session.id)
    assert not uow.committed and wallet(uow, ada) == (25, 25) and len(uow.tables["ledger"]) == 1


def test_abandon_awards_nothing_and_a_second_abandon_is_a_conflict(uow, clock, ada):
    session = start(uow, clock, ada)
    clock.advance(timedelta(minutes=30))
    gone = focus.abandon_focus_session(uow, clock, user=ada, session_id=session.id)
    assert uow.committed and (gone.status, gone.points_awarded) == ("abandoned", 0)
    with pytest.raises(Conflict):
        focus.abandon_focus_session(uow, clock, user=ada, session_id=session.id)
    with pytest.raises(Conflict):
        complete(uow, clock, ada, session.id)
    assert wallet(uow, ada) == (0, 0) and events(uow, ada)[-1].type == "focus.abandoned"


@pytest.mark.parametrize("action,setup", [("pause", "pause"), ("resume", None)])
def test_pausing_twice_or_resuming_an_active_session_is_a_conflict(uow, clock, ada, action, setup):
    session = start(uow, clock, ada)
    if setup:
        focus.pause_focus_session(uow, clock, user=ada, session_id=session.id)
    with pytest.raises(Conflict):
        getattr(focus, f"{action}_focus_session")(uow, clock, user=ada, session_id=session.id)


@pytest.mark.parametrize("name", ["pause", "resume", "complete", "abandon", "get"])
def test_another_users_session_is_not_found(uow, clock, ada, name):
    session = start(uow, clock, ada)
    bob = a_user(uow, email="bob@example.com")
    uow.committed = False
    with pytest.raises(NotFound):
        getattr(focus, f"{name}_focus_session")(uow, clock, user=bob, session_id=session.id)
    with pytest.raises(NotFound):
        getattr(focus, f"{name}_focus_session")(uow, clock, user=ada, session_id=uuid4())
    assert not uow.committed and uow.tables["focus_sessions"][session.id].status == "active"


def test_a_completion_advances_a_universal_quest_in_the_same_transaction(uow, clock, ada):
    quest = UniversalQuest(id=uuid4(), key="daily-focus", title="Focus once", description=None,
                           metric="focus_sessions_completed", target=1, period="daily", reward_points=10)
    uow.tables["universal_quests"][quest.id] = quest
    session = start(uow, clock, ada)
    clock.advance(timedelta(minutes=25))
    done = complete(uow, clock, ada, session.id)
    assert done.earned.quests == [(quest.id, "2026-01-15")] and done.earned.points == 35
    assert wallet(uow, ada) == (35, 25)


def test_the_active_session_is_the_open_one_or_none(uow, clock, ada):
    assert focus.get_active_focus_session(uow, clock, user=ada) is None
    session = start(uow, clock, ada)
    clock.advance(timedelta(minutes=3))
    assert focus.get_active_focus_session(uow, clock, user=ada).focused_seconds == 180
    focus.abandon_focus_session(uow, clock, user=ada, session_id=session.id)
    assert focus.get_active_focus_session(uow, clock, user=ada) is None


def test_the_list_pages_newest_first_and_filters_by_status(uow, clock, ada):
    made = []
    for _ in range(5):
        made.append(start(uow, clock, ada))
        clock.advance(timedelta(minutes=1))
        focus.abandon_focus_session(uow, clock, user=ada, session_id=made[-1].id)
    first = focus.list_focus_sessions(uow, clock, user=ada, request=PageRequest(limit=2))
    second = focus.list_focus_sessions(uow, clock, user=ada, request=PageRequest(limit=2, after=first.next_after))
    third = focus.list_focus_sessions(uow, clock, user=ada, request=PageRequest(limit=2, after=second.next_after))
    assert [v.id for v in first.items + second.items + third.items] == [s.id for s in reversed(made)]
    assert third.next_after is None
    assert focus.list_focus_sessions(uow, clock, user=ada, request=PageRequest(), status="completed").items == []


def finish_at(uow, clock, user, at, minutes=25):
    clock.at = at - timedelta(minutes=minutes)
    session = start(uow, clock, user)
    clock.at = at
    complete(uow, clock, user, session.id)


def berlin(y, m, d, hh, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=ZoneInfo("Europe/Berlin")).astimezone(timezone.utc)


def test_stats_count_per_local_day_across_the_spring_dst_change(uow, clock):
    user = a_user(uow, timezone="Europe/Berlin")
    for at in (berlin(2026, 3, 28, 23, 50), berlin(2026, 3, 29, 0, 30), berlin(2026, 3, 29, 23, 50)):
        finish_at(uow, clock, user, at)
    clock.at = berlin(2026, 3, 30, 12, 0)
    stats = focus.get_focus_stats(uow, clock, user=user, days=3)
    assert [(d.date, d.sessions, d.focused_minutes) for d in stats.days] == \
        [(date(2026, 3, 28), 1, 25), (date(2026, 3, 29), 2, 50), (date(2026, 3, 30), 0, 0)]
    assert (stats.total_sessions, stats.total_focused_minutes, stats.current_streak_days) == (3, 75, 2)


def test_stats_count_per_local_day_across_the_autumn_dst_change(uow, clock):
    user = a_user(uow, timezone="Europe/Berlin")
    for at in (berlin(2026, 10, 25, 0, 30), berlin(2026, 10, 25, 23, 50), berlin(2026, 10, 26, 0, 10)):
        finish_at(uow, clock, user, at)
    clock.at = berlin(2026, 10, 26, 8, 0)
    stats = focus.get_focus_stats(uow, clock, user=user, days=2)
    assert [(d.date, d.sessions) for d in stats.days] == [(date(2026, 10, 25), 2), (date(2026, 10, 26), 1)]


def test_with_day_start_hour_four_a_half_past_three_completion_counts_for_the_day_before(uow, clock):
    user = a_user(uow, timezone="Europe/Berlin", day_start_hour=4)
    finish_at(uow, clock, user, berlin(2026, 1, 15, 3, 30))
    clock.at = berlin(2026, 1, 15, 3, 45)
    stats = focus.get_focus_stats(uow, clock, user=user, days=2)
    assert [(d.date, d.sessions) for d in stats.days] == [(date(2026, 1, 13), 0), (date(2026, 1, 14), 1)]
    completed = events(uow, user)[-1]
    assert (completed.type, completed.local_date) == ("focus.completed", date(2026, 1, 14))


def test_stats_leave_out_breaks_abandoned_and_other_peoples_sessions(uow, clock, ada):
    bob = a_user(uow, email="bob@example.com")
    finish_at(uow, clock, bob, NOW)
    brk = start(uow, clock, ada, mode="break", duration=300)
    clock.advance(timedelta(minutes=5))
    complete(uow, clock, ada, brk.id)
    gone = start(uow, clock, ada)
    focus.abandon_focus_session(uow, clock, user=ada, session_id=gone.id)
    stats = focus.get_focus_stats(uow, clock, user=ada)
    assert len(stats.days) == 7 and stats.total_sessions == 0 and stats.days[-1].date == date(2026, 1, 15)


def test_the_streak_reads_back_beyond_the_window(uow, clock, ada):
    for n in range(10):
        finish_at(uow, clock, ada, NOW - timedelta(days=n))
    clock.at = NOW
    stats = focus.get_focus_stats(uow, clock, user=ada, days=3)
    assert (stats.total_sessions, stats.current_streak_days) == (3, 10)


def test_stats_outside_one_to_365_days_are_invalid(uow, clock, ada):
    with pytest.raises(InvalidInput):
        focus.get_focus_stats(uow, clock, user=ada, days=366)
