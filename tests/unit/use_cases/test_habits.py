"""Habit use cases on the in-memory unit of work and a clock that moves only when told."""
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from domain.errors import Conflict, InsufficientFunds, InvalidInput, NotFound
from domain.paging import PageRequest
from domain.wallet import Source
from ports.inbound import gamification, habits, rewards, vacation
from tests.support.gamification import a_definition, a_quest, a_user

NOW = datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc)  # a Wednesday
TODAY = date(2026, 3, 4)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def create(uow, clock, user, title="Stretch", **fields):
    uow.committed = False
    return habits.create_habit(uow, clock, user=user, title=title, **fields).habit


def log(uow, clock, user, habit, day=None, status="done", count=1):
    uow.committed = False
    return habits.log_habit(uow, clock, user=user, habit_id=habit.id, day=day, status=status, count=count)


def undo(uow, clock, user, habit, day=TODAY):
    uow.committed = False
    habits.undo_log(uow, clock, user=user, habit_id=habit.id, day=day)


def card(uow, clock, user, habit):
    return habits.get_habit(uow, clock, user=user, habit_id=habit.id)


def balance(uow, user) -> int:
    wallet = uow.tables["wallets"].get(user.id)
    return wallet.balance if wallet else 0


def ledger(uow, user) -> list[tuple[int, str]]:
    rows = sorted((e for e in uow.tables["ledger"].values() if e.user_id == user.id), key=lambda e: e.created_at)
    return [(e.delta, e.source.type) for e in rows]


def habit_events(uow, user) -> list[tuple[str, dict, date]]:
    found = [e for e in uow.tables["activity"].values() if e.user_id == user.id and e.type.startswith("habit.log")]
    return [(e.type, e.metrics, e.local_date) for e in sorted(found, key=lambda e: e.occurred_at)]


def cached(uow, user, habit=None):
    key = (user.id, "habit", habit.id) if habit else (user.id, "habits", None)
    found = uow.tables["streaks"].get(key)
    return (found.current, found.longest) if found else None


def spend(uow, user, points):
    with uow:
        rewards.post(uow, user.id, points=-points, xp=0, reason="cake", source=Source("purchase", "cake"), now=NOW)
        uow.commit()


# Creating and reading -----------------------------------------------------------------------------

def test_a_habit_is_created_with_no_streak_and_no_log_today(uow, clock, ada):
    created = habits.create_habit(uow, clock, user=ada, title="Read", frequency="weekdays", days=[1, 3])
    assert uow.committed and (created.streak.current, created.streak.longest, created.today) == (0, 0, None)
    assert card(uow, clock, ada, created.habit).habit.days == (1, 3)
    assert [e.type for e in uow.tables["activity"].values()] == ["habit.created"]


def test_an_invalid_habit_is_refused_and_nothing_is_written(uow, clock, ada):
    with pytest.raises(InvalidInput):
        create(uow, clock, ada, frequency="times_per_week")
    assert not uow.committed and not uow.tables["habits"]


def test_another_users_habit_is_not_found_for_every_use_case(uow, clock, ada):
    habit = create(uow, clock, ada)
    log(uow, clock, ada, habit)
    bob = a_user(uow, email="bob@example.com")
    calls = [lambda: card(uow, clock, bob, habit), lambda: log(uow, clock, bob, habit),
             lambda: undo(uow, clock, bob, habit),
             lambda: habits.update_habit(uow, clock, user=bob, habit_id=habit.id, changes={"title": "Mine"}),
             lambda: habits.delete_habit(uow, clock, user=bob, habit_id=habit.id),
             lambda: habits.list_logs(uow, user=bob, habit_id=habit.id, request=PageRequest())]
    for call in calls:
        with pytest.raises(NotFound):
            call()
    assert card(uow, clock, ada, habit).habit.title == "Stretch" and balance(uow, ada) == 1


def test_the_list_is_oldest_first_and_keeps_archived_habits_apart(uow, clock, ada):
    made = []
    for title in ("A", "B", "C"):
        made.append(create(uow, clock, ada, title))
        clock.advance(timedelta(minutes=1))
    habits.update_habit(uow, clock, user=ada, habit_id=made[1].id, changes={"archived": True})
    first = habits.list_habits(uow, clock, user=ada, request=PageRequest(limit=1))
    rest = habits.list_habits(uow, clock, user=ada, request=PageRequest(limit=5, after=first.next_after))
    archived = habits.list_habits(uow, clock, user=ada, request=PageRequest(), archived=True)
    assert [c.habit.title for c in first.items + rest.items] == ["A", "C"] and rest.next_after is None
    assert [c.habit.title for c in archived.items] == ["B"]


# Logging and the point ----------------------------------------------------------------------------

def test_a_done_log_awards_one_point_with_its_event_in_one_commit(uow, clock, ada):
    habit = create(uow, clock, ada)
    result = log(uow, clock, ada, habit)
    assert uow.committed and not result.replaced
    assert (result.log.date, result.log.status, result.log.points_awarded, result.earned.points) == \
        (TODAY, "done", 1, 1)
    [entry] = uow.tables["ledger"].values()
    assert (entry.delta, entry.source) == (1, Source("habit_log", str(result.log.id)))
    assert habit_events(uow, ada) == [("habit.logged", {"habit_logs_done": 1}, TODAY)]
    assert (result.streak.current, card(uow, clock, ada, habit).today.id) == (1, result.log.id)


def test_logging_the_same_day_again_replaces_the_log_and_awards_nothing_more(uow, clock, ada):
    habit = create(uow, clock, ada)
    first = log(uow, clock, ada, habit)
    again = log(uow, clock, ada, habit)
    recount = log(uow, clock, ada, habit, count=4)
    assert again.replaced and recount.replaced and recount.log.id == first.log.id and recount.log.count == 4
    assert balance(uow, ada) == 1 and len(uow.tables["ledger"]) == 1
    assert [m for _, m, _ in habit_events(uow, ada)] == [{"habit_logs_done": 1}, {}]
    assert len(uow.tables["habit_logs"]) == 1


def test_switching_done_to_skipped_gives_the_point_back_and_back_again_earns_it(uow, clock, ada):
    habit = create(uow, clock, ada)
    done = log(uow, clock, ada, habit)
    skipped = log(uow, clock, ada, habit, status="skipped")
    assert (skipped.replaced, skipped.log.points_awarded, balance(uow, ada)) == (True, 0, 0)
    redone = log(uow, clock, ada, habit)
    assert ledger(uow, ada) == [(1, "habit_log"), (-1, "habit_log_reversal"), (1, "habit_log")]
    assert len({done.log.id, skipped.log.id, redone.log.id}) == 3 and balance(uow, ada) == 1
    assert [m for _, m, _ in habit_events(uow, ada)] == \
        [{"habit_logs_done": 1}, {"habit_logs_done": -1}, {"habit_logs_done": 1}]


def test_a_log_outside_the_window_is_refused_and_writes_nothing(uow, clock, ada):
    habit = create(uow, clock, ada)
    for day in (days_ago(8), TODAY + timedelta(days=1)):
        with pytest.raises(InvalidInput):
            log(uow, clock, ada, habit, day=day)
    assert not uow.committed and not uow.tables["habit_logs"] and balance(uow, ada) == 0


def test_an_archived_habit_cannot_be_logged(uow, clock, ada):
    habit = create(uow, clock, ada, archived=True)
    with pytest.raises(Conflict):
        log(uow, clock, ada, habit)


def test_the_logs_are_listed_newest_day_first(uow, clock, ada):
    habit = create(uow, clock, ada)
    for n in (3, 0, 1):
        log(uow, clock, ada, habit, day=days_ago(n))
    first = habits.list_logs(uow, user=ada, habit_id=habit.id, request=PageRequest(limit=2))
    rest = habits.list_logs(uow, user=ada, habit_id=habit.id, request=PageRequest(after=first.next_after))
    assert [l.date for l in first.items + rest.items] == [TODAY, days_ago(1), days_ago(3)]
    assert first.next_after == (days_ago(1),)


# Undo ---------------------------------------------------------------------------------------------

def test_undoing_a_done_log_appends_a_compensating_ledger_row(uow, clock, ada):
    habit = create(uow, clock, ada)
    done = log(uow, clock, ada, habit)
    undo(uow, clock, ada, habit)
    assert uow.committed and not uow.tables["habit_logs"] and balance(uow, ada) == 0
    assert [(e.delta, e.source) for e in uow.tables["ledger"].values()] == \
        [(1, Source("habit_log", str(done.log.id))), (-1, Source("habit_log_reversal", str(done.log.id)))]
    assert habit_events(uow, ada)[-1] == ("habit.log_undone", {"habit_logs_done": -1}, TODAY)
    assert card(uow, clock, ada, habit).streak.current == 0 and cached(uow, ada, habit) == (0, 0)


def test_undoing_then_logging_again_earns_again(uow, clock, ada):
    habit = create(uow, clock, ada)
    log(uow, clock, ada, habit)
    undo(uow, clock, ada, habit)
    log(uow, clock, ada, habit)
    assert balance(uow, ada) == 1 and [d for d, _ in ledger(uow, ada)] == [1, -1, 1]


def test_an_undo_is_refused_when_the_point_was_spent_and_the_log_stays(uow, clock, ada):
    habit = create(uow, clock, ada)
    log(uow, clock, ada, habit)
    spend(uow, ada, 1)
    before = {name: dict(rows) for name, rows in uow.tables.items()}
    with pytest.raises(InsufficientFunds):
        undo(uow, clock, ada, habit)
    with pytest.raises(InsufficientFunds):
        log(uow, clock, ada, habit, status="skipped")
    assert not uow.committed and {name: dict(rows) for name, rows in uow.tables.items()} == before
    assert card(uow, clock, ada, habit).today.status == "done"


def test_undoing_a_skipped_log_touches_no_points(uow, clock, ada):
    habit = create(uow, clock, ada)
    log(uow, clock, ada, habit, status="skipped")
    undo(uow, clock, ada, habit)
    assert not uow.tables["ledger"] and habit_events(uow, ada)[-1][1] == {}


def test_undoing_a_day_without_a_log_is_not_found_and_an_old_day_is_invalid(uow, clock, ada):
    habit = create(uow, clock, ada)
    with pytest.raises(NotFound):
        undo(uow, clock, ada, habit)
    with pytest.raises(InvalidInput):
        undo(uow, clock, ada, habit, days_ago(8))


def test_an_achievement_stays_unlocked_after_an_undo(uow, clock, ada):
    starter = a_definition(uow, "habit_logs_done", 1, xp=5)
    quest = a_quest(uow, "habit_logs_done", 1, "daily", points=3)
    habit = create(uow, clock, ada)
    result = log(uow, clock, ada, habit)
    assert result.earned.achievements == [starter.id] and result.earned.points == 4
    undo(uow, clock, ada, habit)
    assert (ada.id, starter.id) in uow.tables["user_achievements"]
    progress = uow.tables["quest_progress"][(ada.id, quest.id, TODAY.isoformat())]
    assert (progress.progress, progress.completed) == (0, True)
    assert balance(uow, ada) == 3


# Streaks ------------------------------------------------------------------------------------------

def test_streaks_are_cached_per_habit_and_account_wide_after_every_log(uow, clock, ada):
    read, run = create(uow, clock, ada, "Read"), create(uow, clock, ada, "Run")
    for n in (2, 1):
        log(uow, clock, ada, read, day=days_ago(n))
    log(uow, clock, ada, run, day=TODAY)
    assert (cached(uow, ada, read), cached(uow, ada, run), cached(uow, ada)) == ((2, 2), (1, 1), (3, 3))
    summary = gamification.summary(uow, user_id=ada.id)
    assert {(s.kind, s.habit_id, s.current) for s in summary.streaks} == \
        {("habit", read.id, 2), ("habit", run.id, 1), ("habits", None, 3)}


def test_today_not_yet_logged_leaves_the_streak_running_to_yesterday(uow, clock, ada):
    habit = create(uow, clock, ada)
    for n in (3, 2, 1):
        log(uow, clock, ada, habit, day=days_ago(n))
    assert card(uow, clock, ada, habit).streak.current == 3


def test_a_log_three_days_back_fills_the_gap_and_the_cache_is_recomputed(uow, clock, ada):
    habit = create(uow, clock, ada)
    for n in (6, 5, 4, 2, 1, 0):
        log(uow, clock, ada, habit, day=days_ago(n))
    assert cached(uow, ada, habit) == (3, 3)
    filled = log(uow, clock, ada, habit, day=days_ago(3))
    assert (filled.streak.current, filled.streak.longest) == (7, 7) and cached(uow, ada, habit) == (7, 7)
    assert habit_events(uow, ada)[-1][2] == days_ago(3)  # the event lands on the log's day


def test_a_streak_shown_after_missed_days_has_lapsed_though_the_cache_is_older(uow, clock, ada):
    habit = create(uow, clock, ada)
    for n in (2, 1, 0):
        log(uow, clock, ada, habit, day=days_ago(n))
    clock.advance(timedelta(days=2))
    shown = card(uow, clock, ada, habit)
    assert (shown.streak.current, shown.streak.longest, cached(uow, ada, habit)) == (0, 3, (3, 3))


def test_a_skipped_day_keeps_the_streak(uow, clock, ada):
    habit = create(uow, clock, ada)
    log(uow, clock, ada, habit, day=days_ago(2))
    log(uow, clock, ada, habit, day=days_ago(1), status="skipped")
    assert log(uow, clock, ada, habit).streak.current == 2


def test_a_weekdays_habit_streak_ignores_the_days_that_are_not_due(uow, clock, ada):
    habit = create(uow, clock, ada, frequency="weekdays", days=[1, 3])  # Mon, Wed; today is Wednesday
    for day in (days_ago(7), days_ago(2)):
        log(uow, clock, ada, habit, day=day)
    assert log(uow, clock, ada, habit).streak.current == 3


def test_a_times_per_week_streak_counts_weeks_meeting_the_count(uow, clock, ada):
    habit = create(uow, clock, ada, frequency="times_per_week", times=2)
    clock.at = NOW - timedelta(days=7)
    log(uow, clock, ada, habit, day=days_ago(9))  # Monday of last week
    log(uow, clock, ada, habit)  # its Wednesday
    clock.at = NOW
    log(uow, clock, ada, habit, day=days_ago(1))  # Tuesday of this week
    assert card(uow, clock, ada, habit).streak.current == 1  # this week is still in progress
    assert log(uow, clock, ada, habit).streak.current == 2  # and counts once it meets the count


def test_changing_the_schedule_recomputes_the_streak(uow, clock, ada):
    habit = create(uow, clock, ada)
    for n in (7, 2, 0):  # Wednesdays and Monday
        log(uow, clock, ada, habit, day=days_ago(n))
    assert cached(uow, ada, habit) == (1, 1)
    updated = habits.update_habit(uow, clock, user=ada, habit_id=habit.id,
                                  changes={"frequency": "weekdays", "days": [1, 3]})
    assert uow.committed and updated.streak.current == 3 and cached(uow, ada, habit) == (3, 3)
    assert updated.today is not None


def test_deleting_a_habit_keeps_its_points_and_recomputes_the_account_streak(uow, clock, ada):
    keep, gone = create(uow, clock, ada, "Keep"), create(uow, clock, ada, "Gone")
    log(uow, clock, ada, gone, day=days_ago(1))
    log(uow, clock, ada, keep)
    assert cached(uow, ada) == (2, 2)
    habits.delete_habit(uow, clock, user=ada, habit_id=gone.id)
    assert uow.committed and cached(uow, ada) == (1, 1) and cached(uow, ada, gone) is None
    assert balance(uow, ada) == 2 and len(uow.tables["habit_logs"]) == 1


def test_a_streak_achievement_unlocks_when_the_cached_streak_reaches_it(uow, clock, ada):
    three = a_definition(uow, "streak_days", 3, points=10)
    habit = create(uow, clock, ada)
    log(uow, clock, ada, habit, day=days_ago(2))
    log(uow, clock, ada, habit, day=days_ago(1))
    result = log(uow, clock, ada, habit)
    assert result.earned.achievements == [three.id] and balance(uow, ada) == 13


def test_a_dst_week_counts_each_local_day_once(uow, clock):
    """Berlin springs forward on Sunday 2026-03-29: that day has 23 hours."""
    berlin = ZoneInfo("Europe/Berlin")
    eve = a_user(uow, email="eve@example.com", timezone="Europe/Berlin", day_start_hour=4)
    clock.at = datetime(2026, 3, 23, 12, 0, tzinfo=berlin)
    habit = create(uow, clock, eve)
    stamps = [datetime(2026, 3, d, h, m, tzinfo=berlin) for d, h, m in
              [(23, 23, 30), (25, 3, 59), (25, 4, 0), (26, 20, 0), (27, 9, 0), (28, 23, 59), (29, 1, 30),
               (29, 4, 30), (30, 3, 0)]]
    dates = []
    for stamp in stamps:
        clock.at = stamp.astimezone(timezone.utc)
        dates.append(log(uow, clock, eve, habit).log.date)
    assert dates == [date(2026, 3, d) for d in (23, 24, 25, 26, 27, 28, 28, 29, 29)]
    assert cached(uow, eve, habit) == (7, 7) and balance(uow, eve) == 7


# Vacation -----------------------------------------------------------------------------------------

def test_a_vacation_over_the_missed_days_keeps_the_streak(uow, clock, ada):
    habit = create(uow, clock, ada)
    for n in (6, 5):
        log(uow, clock, ada, habit, day=days_ago(n))
    assert card(uow, clock, ada, habit).streak.current == 0
    away = vacation.set_vacation(uow, clock, user=ada, start=days_ago(4), end=days_ago(1))
    assert uow.committed and (away.start, away.end) == (days_ago(4), days_ago(1))
    ada = uow.tables["users"][ada.id]
    assert (ada.vacation_from, ada.vacation_to) == (days_ago(4), days_ago(1))
    assert cached(uow, ada, habit) == (2, 2) and card(uow, clock, ada, habit).streak.current == 2
    assert log(uow, clock, ada, habit).streak.current == 3


def test_a_vacation_starting_more_than_seven_days_back_is_refused(uow, clock, ada):
    with pytest.raises(InvalidInput):
        vacation.set_vacation(uow, clock, user=ada, start=days_ago(8))
    with pytest.raises(InvalidInput):
        vacation.set_vacation(uow, clock, user=ada, start=TODAY, end=days_ago(1))
    assert uow.tables["users"][ada.id].vacation is None


def test_ending_a_vacation_keeps_the_days_that_passed_paused(uow, clock, ada):
    habit = create(uow, clock, ada)
    log(uow, clock, ada, habit, day=days_ago(4))
    vacation.set_vacation(uow, clock, user=ada, start=days_ago(3))
    clock.advance(timedelta(days=2))
    ada = uow.tables["users"][ada.id]
    assert card(uow, clock, ada, habit).streak.current == 1
    vacation.end_vacation(uow, clock, user=ada)
    ada = uow.tables["users"][ada.id]
    assert ada.vacation is None and cached(uow, ada, habit) == (1, 1)
    assert card(uow, clock, ada, habit).streak.current == 1  # today, unlogged, breaks nothing yet
    assert log(uow, clock, ada, habit).streak.current == 2
    assert [e.type for e in uow.tables["activity"].values() if e.type.startswith("vacation")] == \
        ["vacation.set", "vacation.taken", "vacation.ended"]


def test_replacing_a_running_vacation_keeps_its_past_days(uow, clock, ada):
    habit = create(uow, clock, ada)
    log(uow, clock, ada, habit, day=days_ago(5))
    vacation.set_vacation(uow, clock, user=ada, start=days_ago(4))
    ada = uow.tables["users"][ada.id]
    vacation.set_vacation(uow, clock, user=ada, start=TODAY + timedelta(days=10), end=TODAY + timedelta(days=12))
    assert cached(uow, ada, habit) == (1, 1)  # days_ago(4)…days_ago(1) stay paused


def test_ending_a_vacation_that_has_not_begun_drops_it(uow, clock, ada):
    vacation.set_vacation(uow, clock, user=ada, start=TODAY + timedelta(days=3))
    vacation.end_vacation(uow, clock, user=uow.tables["users"][ada.id])
    assert uow.tables["users"][ada.id].vacation is None
    assert not [e for e in uow.tables["activity"].values() if e.type == "vacation.taken"]
