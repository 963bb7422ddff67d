"""One suite for FocusSessionRepository, run against the fake and Postgres."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import Conflict
from domain.focus import FocusSession
from domain.paging import PageRequest
from domain.users import User
from tests.support.users import stored_user

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


def new_user(uow, email="ada@example.com") -> User:
    return stored_user(uow, NOW, email)


def added(uow, user, at=NOW, mode="focus", duration=1500, finish=None) -> FocusSession:
    session = FocusSession.start(user.id, mode, duration, at)
    if finish:
        getattr(session, finish)(at + timedelta(minutes=10))
    with uow:
        uow.focus_sessions.add(session)
        uow.commit()
    return session


def saved(uow, session) -> None:
    with uow:
        uow.focus_sessions.save(session)
        uow.commit()


def read(uow, session_id, user_id):
    with uow.read_only():
        return uow.focus_sessions.get_owned(session_id, user_id)


def test_a_session_reads_back_as_written(uow):
    user = new_user(uow)
    session = added(uow, user)
    assert read(uow, session.id, user.id) == session


def test_another_users_or_an_unknown_session_is_none(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    session = added(uow, ada)
    assert read(uow, session.id, bob.id) is None
    assert read(uow, uuid4(), ada.id) is None


def test_a_locked_read_gives_the_same_session(uow):
    user = new_user(uow)
    session = added(uow, user)
    with uow:
        assert uow.focus_sessions.get_owned(session.id, user.id, lock=True) == session
        assert uow.focus_sessions.get_owned(session.id, uuid4(), lock=True) is None


def test_a_second_open_session_for_a_user_is_a_conflict(uow):
    user = new_user(uow)
    added(uow, user)
    with pytest.raises(Conflict):
        with uow:
            uow.focus_sessions.add(FocusSession.start(user.id, "break", 300, NOW))
            uow.commit()
    with uow.read_only():
        assert uow.focus_sessions.page(user.id, PageRequest())[0].mode == "focus"


def test_finished_sessions_do_not_block_a_new_one(uow):
    user = new_user(uow)
    added(uow, user, finish="complete")
    added(uow, user, NOW + timedelta(hours=1), finish="abandon")
    open_one = added(uow, user, NOW + timedelta(hours=2))
    with uow.read_only():
        assert uow.focus_sessions.open_for(user.id) == open_one


def test_open_for_finds_a_paused_session_and_nobody_elses(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    session = added(uow, ada)
    session.pause(NOW + timedelta(minutes=5))
    saved(uow, session)
    with uow.read_only():
        assert uow.focus_sessions.open_for(ada.id) == session
        assert uow.focus_sessions.open_for(bob.id) is None


def test_save_keeps_the_open_pause_and_drops_it_on_resume(uow):
    user = new_user(uow)
    session = added(uow, user)
    session.pause(NOW + timedelta(minutes=5))
    saved(uow, session)
    assert read(uow, session.id, user.id).paused_at == NOW + timedelta(minutes=5)
    session.resume(NOW + timedelta(minutes=8))
    saved(uow, session)
    found = read(uow, session.id, user.id)
    assert (found.status, found.paused_at, found.paused_seconds) == ("active", None, 180)


def test_save_writes_a_completion(uow):
    user = new_user(uow)
    session = added(uow, user)
    session.pause(NOW + timedelta(minutes=20))
    session.complete(NOW + timedelta(minutes=30))
    saved(uow, session)
    found = read(uow, session.id, user.id)
    assert found == session
    assert (found.status, found.focused_seconds, found.paused_seconds, found.points_awarded, found.xp_awarded) == \
        ("completed", 1200, 600, 20, 20)


def test_without_commit_nothing_is_saved(uow):
    user = new_user(uow)
    session = added(uow, user)
    session.abandon(NOW + timedelta(minutes=3))
    with uow:
        uow.focus_sessions.save(session)
    assert read(uow, session.id, user.id).status == "active"


def test_pages_run_newest_first_by_start_then_id_and_continue_after_a_key(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    made = [added(uow, ada, NOW + timedelta(minutes=n // 2), finish="abandon") for n in range(5)]  # ties on start
    added(uow, bob, NOW, finish="abandon")
    expected = sorted(made, key=lambda s: (s.started_at, s.id), reverse=True)
    with uow.read_only():
        first = uow.focus_sessions.page(ada.id, PageRequest(limit=2))
        after = (first[1].started_at, first[1].id)
        rest = uow.focus_sessions.page(ada.id, PageRequest(limit=10, after=after))
    assert len(first) == 3  # limit + 1 tells that more follow
    assert [s.id for s in first[:2] + rest] == [s.id for s in expected]


def test_a_page_filters_by_status(uow):
    user = new_user(uow)
    done = added(uow, user, finish="complete")
    added(uow, user, NOW + timedelta(hours=1), finish="abandon")
    running = added(uow, user, NOW + timedelta(hours=2))
    with uow.read_only():
        assert [s.id for s in uow.focus_sessions.page(user.id, PageRequest(), "completed")] == [done.id]
        assert [s.id for s in uow.focus_sessions.page(user.id, PageRequest(), "active")] == [running.id]
        after = (running.started_at, running.id)
        assert [s.id for s in uow.focus_sessions.page(user.id, PageRequest(after=after), "completed")] == [done.id]


def test_completed_focus_lists_completed_focus_sessions_in_the_range_oldest_first(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    early = added(uow, ada, NOW, finish="complete")
    late = added(uow, ada, NOW + timedelta(hours=1), finish="complete")
    added(uow, ada, NOW + timedelta(hours=2), mode="break", finish="complete")
    added(uow, ada, NOW + timedelta(hours=3), finish="abandon")
    added(uow, ada, NOW + timedelta(days=1), finish="complete")
    added(uow, bob, NOW, finish="complete")
    with uow.read_only():
        found = uow.focus_sessions.completed_focus(ada.id, early.completed_at, NOW + timedelta(days=1))
        edge = uow.focus_sessions.completed_focus(ada.id, NOW, early.completed_at)
    assert found == [(early.completed_at, 600), (late.completed_at, 600)]
    assert edge == []  # the end is exclusive
