"""One suite for HabitRepository and HabitLogRepository, run against the fake and Postgres."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.activity import Event
from domain.errors import Conflict
from domain.habits import Habit, HabitLog
from domain.paging import PageRequest
from domain.sessions import Session
from domain.streaks import Streak, Vacation
from domain.users import User
from tests.support.users import stored_user

NOW = datetime(2026, 3, 4, 10, 0, 0, 123456, tzinfo=timezone.utc)
TODAY = date(2026, 3, 4)


def new_user(uow, email="ada@example.com") -> User:
    return stored_user(uow, NOW, email)


def added(uow, user, title="Stretch", at=NOW, **fields) -> Habit:
    habit = Habit.create(user.id, at, title=title, **fields)
    with uow:
        uow.habits.add(habit)
        uow.commit()
    return habit


def a_log(habit, day=TODAY, status="done", points=1) -> HabitLog:
    return HabitLog(id=uuid4(), habit_id=habit.id, user_id=habit.user_id, date=day, status=status, count=2,
                    points_awarded=points, created_at=NOW, updated_at=NOW)


def put(uow, log, replacing=None) -> HabitLog:
    with uow:
        uow.habit_logs.put(log, replacing)
        uow.commit()
    return log


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


# Habits -------------------------------------------------------------------------------------------

def test_a_habit_reads_back_as_written(uow):
    ada = new_user(uow)
    habit = added(uow, ada, frequency="weekdays", days=[1, 5], description="Ten minutes", color="#ff8800", icon="🧘")
    with uow.read_only():
        assert uow.habits.get_owned(habit.id, ada.id) == habit
        assert uow.habits.get_owned(habit.id, ada.id, lock=False).days == (1, 5)


def test_another_users_habit_is_not_found_nor_deleted(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    habit = added(uow, ada)
    with uow:
        assert uow.habits.get_owned(habit.id, bob.id) is None
        assert uow.habits.get_owned(uuid4(), ada.id) is None
        assert uow.habits.record(habit.id, bob.id, TODAY) is None
        assert not uow.habits.delete_owned(habit.id, bob.id)
        uow.commit()
    with uow.read_only():
        assert uow.habits.get_owned(habit.id, ada.id) is not None


def test_save_writes_every_editable_field(uow):
    ada = new_user(uow)
    habit = added(uow, ada, frequency="weekdays", days=[1])
    with uow:
        locked = uow.habits.get_owned(habit.id, ada.id, lock=True)
        locked.edit({"title": "Yoga", "description": "Slow", "frequency": "times_per_week", "times": 3,
                     "color": "teal", "icon": "leaf", "archived": True}, NOW + timedelta(hours=1))
        uow.habits.save(locked)
        uow.commit()
    with uow.read_only():
        assert uow.habits.get_owned(habit.id, ada.id) == locked
    assert (locked.days, locked.times, locked.updated_at) == (None, 3, NOW + timedelta(hours=1))


def test_without_commit_a_habit_is_not_kept(uow):
    ada = new_user(uow)
    habit = Habit.create(ada.id, NOW, title="Ghost")
    with uow:
        uow.habits.add(habit)
    with uow.read_only():
        assert uow.habits.get_owned(habit.id, ada.id) is None


def test_all_lists_every_habit_of_the_user_oldest_first(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    late = added(uow, ada, "Late", NOW + timedelta(hours=1), archived=True)
    early = added(uow, ada, "Early")
    added(uow, bob)
    with uow.read_only():
        assert [h.id for h in uow.habits.all(ada.id)] == [early.id, late.id]


def test_pages_are_oldest_first_by_creation_and_keep_archived_apart(uow):
    ada = new_user(uow)
    made = [added(uow, ada, f"H{n}", NOW + timedelta(minutes=n)) for n in range(4)]
    same = [added(uow, ada, f"S{n}", NOW + timedelta(hours=1)) for n in range(2)]  # a tie on created_at
    gone = added(uow, ada, "Archived", archived=True)
    expected = [h.id for h in sorted(made + same, key=lambda h: (h.created_at, h.id))]
    with uow.read_only():
        first = uow.habits.page(ada.id, PageRequest(limit=3), TODAY)
        last = first[2].habit
        rest = uow.habits.page(ada.id, PageRequest(limit=10, after=(last.created_at, last.id)), TODAY)
        archived = uow.habits.page(ada.id, PageRequest(), TODAY, archived=True)
    assert len(first) == 4  # limit + 1 tells that more follow
    assert [r.habit.id for r in first[:3] + rest] == expected
    assert [r.habit.id for r in archived] == [gone.id]


def test_a_record_carries_the_cached_streak_and_the_log_of_the_day(uow):
    ada = new_user(uow)
    habit, other = added(uow, ada), added(uow, ada, "Other", NOW + timedelta(minutes=1))
    today = put(uow, a_log(habit))
    put(uow, a_log(habit, days_ago(1)))
    with uow:
        uow.habits.save_streaks(ada.id, [Streak("habit", 2, 5, TODAY, habit.id)], NOW)
        uow.commit()
    with uow.read_only():
        record = uow.habits.record(habit.id, ada.id, TODAY)
        bare = uow.habits.record(other.id, ada.id, TODAY)
        [listed, _] = uow.habits.page(ada.id, PageRequest(), TODAY)
    assert (record.habit, record.streak, record.log) == (habit, Streak("habit", 2, 5, TODAY, habit.id), today)
    assert listed == record
    assert (bare.streak, bare.log) == (Streak("habit", 0, 0, None, other.id), None)


def test_deleting_a_habit_deletes_its_logs_and_cached_streak(uow):
    ada = new_user(uow)
    habit = added(uow, ada)
    put(uow, a_log(habit))
    with uow:
        uow.habits.save_streaks(ada.id, [Streak("habit", 1, 1, TODAY, habit.id), Streak("habits", 1, 1, TODAY)], NOW)
        assert uow.habits.delete_owned(habit.id, ada.id)
        uow.commit()
    with uow.read_only():
        assert uow.habit_logs.get(habit.id, ada.id, TODAY) is None
        assert [s.kind for s in uow.streaks.summary(ada.id, 0)[1]] == ["habits"]


# Streaks ------------------------------------------------------------------------------------------

def test_saved_streaks_are_upserted_and_feed_the_summary_and_streak_days(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    habit = added(uow, ada)
    with uow:
        uow.habits.save_streaks(ada.id, [Streak("habit", 4, 4, TODAY, habit.id), Streak("habits", 2, 3, TODAY)], NOW)
        uow.commit()
    with uow:
        uow.habits.save_streaks(ada.id, [Streak("habit", 1, 6, None, habit.id)], NOW + timedelta(hours=1))
        uow.commit()
    with uow.read_only():
        found = uow.streaks.summary(ada.id, 0)[1]
        totals = uow.activity.totals(ada.id, {"streak_days"})
        assert uow.streaks.summary(bob.id, 0)[1] == []
    assert sorted(found, key=lambda s: s.kind) == [Streak("habit", 1, 6, None, habit.id), Streak("habits", 2, 3, TODAY)]
    assert totals == {"streak_days": 2}


def test_locking_the_streaks_makes_an_empty_account_streak_once(uow):
    ada = new_user(uow)
    for _ in range(2):
        with uow:
            uow.habits.lock_streaks(ada.id)
            uow.commit()
    with uow.read_only():
        assert uow.streaks.summary(ada.id, 0)[1] == [Streak("habits", 0, 0, None, None)]


def test_vacations_taken_are_read_back_from_their_events(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    with uow:
        for user, data, kind in ((ada, {"from": "2026-02-01", "to": "2026-02-03"}, "vacation.taken"),
                                 (ada, {"from": "2026-03-01", "to": None}, "vacation.set"),
                                 (bob, {"from": "2026-01-01", "to": "2026-01-02"}, "vacation.taken")):
            uow.activity.append(Event(user_id=user.id, type=kind, occurred_at=NOW, local_date=TODAY, data=data))
        uow.commit()
    with uow.read_only():
        assert uow.habits.vacations_taken(ada.id) == [Vacation(date(2026, 2, 1), date(2026, 2, 3))]


# Logs ---------------------------------------------------------------------------------------------

def test_a_log_reads_back_as_written_and_only_for_its_owner(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    habit = added(uow, ada)
    log = put(uow, a_log(habit))
    with uow.read_only():
        assert uow.habit_logs.get(habit.id, ada.id, TODAY) == log
        assert uow.habit_logs.get(habit.id, bob.id, TODAY) is None
        assert uow.habit_logs.get(habit.id, ada.id, days_ago(1)) is None


def test_replacing_a_log_keeps_the_day_and_may_take_a_new_id(uow):
    ada = new_user(uow)
    habit = added(uow, ada)
    first = put(uow, a_log(habit))
    second = put(uow, replace(first, id=uuid4(), status="skipped", count=1, points_awarded=0,
                              updated_at=NOW + timedelta(hours=1)), replacing=first)
    same_id = put(uow, replace(second, count=9), replacing=second)
    with uow.read_only():
        assert uow.habit_logs.get(habit.id, ada.id, TODAY) == same_id
        assert uow.habit_logs.page(habit.id, ada.id, PageRequest()) == [same_id]


def test_a_second_log_of_the_same_day_is_a_conflict(uow):
    ada = new_user(uow)
    habit = added(uow, ada)
    put(uow, a_log(habit))
    with pytest.raises(Conflict):
        put(uow, a_log(habit))


def test_a_deleted_log_is_gone(uow):
    ada = new_user(uow)
    habit = added(uow, ada)
    log = put(uow, a_log(habit))
    with uow:
        uow.habit_logs.delete(log)
        uow.commit()
    with uow.read_only():
        assert uow.habit_logs.get(habit.id, ada.id, TODAY) is None


def test_log_pages_are_newest_day_first(uow):
    ada = new_user(uow)
    habit, other = added(uow, ada), added(uow, ada, "Other")
    logs = [put(uow, a_log(habit, days_ago(n))) for n in (2, 0, 5, 1)]
    put(uow, a_log(other))
    with uow.read_only():
        first = uow.habit_logs.page(habit.id, ada.id, PageRequest(limit=2))
        rest = uow.habit_logs.page(habit.id, ada.id, PageRequest(after=(first[1].date,)))
    assert len(first) == 3
    assert [l.date for l in first[:2] + rest] == sorted((l.date for l in logs), reverse=True)


def test_a_habit_without_logs_has_an_empty_page_and_anyone_elses_none(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    habit = added(uow, ada)
    with uow.read_only():
        assert uow.habit_logs.page(habit.id, ada.id, PageRequest()) == []
        assert uow.habit_logs.page(habit.id, bob.id, PageRequest()) is None
        assert uow.habit_logs.page(uuid4(), ada.id, PageRequest()) is None


def test_statuses_come_by_habit_and_date_in_one_go(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    read, run, rest = added(uow, ada, "Read"), added(uow, ada, "Run"), added(uow, ada, "Rest")
    put(uow, a_log(read, days_ago(3)))
    put(uow, a_log(read, TODAY, "skipped", 0))
    put(uow, a_log(run, days_ago(1)))
    put(uow, a_log(rest))
    put(uow, a_log(added(uow, bob)))
    with uow.read_only():
        everything = uow.habit_logs.statuses(ada.id, [read.id, run.id])
        recent = uow.habit_logs.statuses(ada.id, [read.id, run.id], after=days_ago(1))
        nothing = uow.habit_logs.statuses(ada.id, [])
    assert everything == {read.id: {days_ago(3): "done", TODAY: "skipped"}, run.id: {days_ago(1): "done"}}
    assert recent == {read.id: {TODAY: "skipped"}} and nothing == {}


def test_days_say_done_when_any_habit_was_done_that_day(uow):
    ada = new_user(uow)
    read, run = added(uow, ada, "Read"), added(uow, ada, "Run")
    put(uow, a_log(read, TODAY, "skipped", 0))
    put(uow, a_log(run, TODAY))
    put(uow, a_log(read, days_ago(1), "skipped", 0))
    with uow.read_only():
        assert uow.habit_logs.days(ada.id) == {TODAY: "done", days_ago(1): "skipped"}


# The vacation on the user -------------------------------------------------------------------------

def test_a_users_vacation_is_saved_and_read_back_with_the_user_and_the_session(uow):
    ada = new_user(uow)
    session, _ = Session.start(ada.id, NOW, user_agent="pytest", ip="127.0.0.1")
    ada.vacation_from, ada.vacation_to = date(2026, 3, 10), None
    with uow:
        uow.users.save(ada)
        uow.sessions.add(session)
        uow.commit()
    with uow.read_only():
        assert uow.users.get(ada.id).vacation == Vacation(date(2026, 3, 10))
        assert uow.sessions.find_live(session.token_hash, NOW)[1].vacation == Vacation(date(2026, 3, 10))
    ada.vacation_from, ada.vacation_to = date(2026, 3, 10), date(9999, 12, 31)
    with uow:
        uow.users.save(ada)
        uow.commit()
    with uow.read_only():
        assert uow.users.get(ada.id).vacation == Vacation(date(2026, 3, 10), date(9999, 12, 31))
    ada.vacation_from = ada.vacation_to = None
    with uow:
        uow.users.save(ada)
        uow.commit()
    with uow.read_only():
        assert uow.users.get(ada.id).vacation is None
