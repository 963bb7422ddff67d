"""Leaving for good, on fakes: files and rows go, a failure part-way is finished by cleanup."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest

from adapters.memory.blob_store import InMemoryBlobStore
from adapters.memory.clock import FixedClock
from domain.sessions import Session
from ports.inbound import account, housekeeping
from ports.outbound.blob_store import BlobStoreUnavailable
from tests.support.gamification import a_user

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def store():
    return InMemoryBlobStore()


def with_session(uow, user, at=NOW):
    session, token = Session.start(user.id, at, user_agent=None, ip=None)
    uow.tables["sessions"][session.id] = session
    return token


def put(store, key):
    store.put(key, io.BytesIO(b"abc"), size=3, content_type="text/plain")


def test_deleting_removes_the_user_their_sessions_and_their_files_only(uow, store):
    me, other = a_user(uow, email="me@example.com"), a_user(uow, email="other@example.com")
    with_session(uow, me), with_session(uow, other)
    put(store, f"{me.id}/image/1"), put(store, f"{other.id}/image/2")
    account.delete_account(uow, store, FixedClock(NOW), user_id=me.id)
    assert me.id not in uow.tables["users"] and other.id in uow.tables["users"]
    assert [s.user_id for s in uow.tables["sessions"].values()] == [other.id]
    assert list(store.objects) == [f"{other.id}/image/2"]


def test_a_store_outage_leaves_the_account_flagged_locked_out_and_cleanup_finishes_it(uow, store):
    me = a_user(uow)
    token = with_session(uow, me)
    put(store, f"{me.id}/image/1")
    store.fail = True
    with pytest.raises(BlobStoreUnavailable):
        account.delete_account(uow, store, FixedClock(NOW), user_id=me.id)
    from ports.inbound import auth
    assert auth.authenticate(uow, FixedClock(NOW), token) is None
    with uow.read_only():
        assert uow.users.get(me.id) is None and uow.account_data.pending_deletions() == [me.id]
    store.fail = False
    found = housekeeping.sweep_rows(uow, store, FixedClock(NOW), dry_run=False)
    assert found["half_deleted_users"] == 1
    assert me.id not in uow.tables["users"] and not store.objects


def test_the_sweep_counts_in_a_dry_run_and_deletes_otherwise(uow, store):
    me = a_user(uow)
    with_session(uow, me, at=NOW - timedelta(days=40))
    with_session(uow, me)
    dry = housekeeping.sweep_rows(uow, store, FixedClock(NOW), dry_run=True)
    assert dry["expired_sessions"] == 1 and len(uow.tables["sessions"]) == 2
    done = housekeeping.sweep_rows(uow, store, FixedClock(NOW), dry_run=False)
    assert done["expired_sessions"] == 1 and len(uow.tables["sessions"]) == 1


def test_the_export_lists_the_users_rows_table_by_table(uow):
    me, other = a_user(uow, email="me@example.com"), a_user(uow, email="other@example.com")
    with_session(uow, me), with_session(uow, other)
    exported = {table: list(rows) for table, rows in account.export_account(uow, user_id=me.id)}
    assert [row["id"] for row in exported["users"]] == [me.id]
    assert [row["user_id"] for row in exported["sessions"]] == [me.id]
