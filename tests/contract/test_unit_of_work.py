"""One suite for the unit of work and its repositories, run against the fake and Postgres.

Whatever the fake answers here, Postgres answers too — so use-case tests on the fake
can be trusted.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import Conflict
from domain.identity import Identity, LoginTransaction, digest
from domain.sessions import Session
from domain.users import User

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


def new_user(uow, email="ada@example.com", verified=True, **fields) -> User:
    user = replace(User.register(email=email, email_verified=verified, name="Ada", now=NOW), **fields)
    with uow:
        uow.users.add(user)
        uow.commit()
    return user


def new_session(uow, user, at=NOW) -> tuple[Session, str]:
    session, token = Session.start(user.id, at, user_agent="pytest", ip="127.0.0.1")
    with uow:
        uow.sessions.add(session)
        uow.commit()
    return session, token


def test_a_user_reads_back_as_written(uow):
    user = new_user(uow)
    with uow.read_only():
        found = uow.users.get(user.id)
    assert (found.id, found.email, found.email_verified, found.name, found.role) == \
        (user.id, "ada@example.com", True, "Ada", "user")
    assert found.settings == {} and found.timezone == "UTC" and found.day_start_hour == 0


def test_save_writes_every_profile_field_and_the_settings(uow):
    user = new_user(uow)
    user.update_profile({"name": "Ada L.", "timezone": "Europe/Berlin", "day_start_hour": 4,
                         "settings": {"theme": "dark", "sound": {"volume": 3}}})
    user.role, user.role_source = "admin", "manual"
    user.accept_tos("2026-01", NOW)
    with uow:
        uow.users.save(user)
        uow.commit()
    with uow.read_only():
        found = uow.users.get(user.id)
    assert (found.name, found.timezone, found.day_start_hour, found.role, found.role_source, found.tos_version) == \
        ("Ada L.", "Europe/Berlin", 4, "admin", "manual", "2026-01")
    assert found.settings == {"theme": "dark", "sound": {"volume": 3}}
    assert found.tos_accepted_at == NOW


def test_without_commit_nothing_is_written(uow):
    user = User.register(email="ghost@example.com", email_verified=True, name=None, now=NOW)
    with uow:
        uow.users.add(user)
    with uow.read_only():
        assert uow.users.get(user.id) is None


def test_an_explicit_rollback_discards_the_work(uow):
    user = User.register(email="gone@example.com", email_verified=True, name=None, now=NOW)
    with uow:
        uow.users.add(user)
        uow.rollback()
        uow.commit()
    with uow.read_only():
        assert uow.users.get(user.id) is None


def test_verified_emails_are_found_case_insensitively_and_unverified_ones_never(uow):
    verified = new_user(uow, "Grace@Example.com")
    new_user(uow, "other@example.com", verified=False)
    with uow.read_only():
        assert uow.users.get_by_verified_email("grace@example.com").id == verified.id
        assert uow.users.get_by_verified_email("other@example.com") is None


def test_a_verified_email_is_unique_but_an_unverified_copy_is_allowed(uow):
    new_user(uow, "dup@example.com")
    new_user(uow, "dup@example.com", verified=False)
    with pytest.raises((Conflict, ValueError)):
        new_user(uow, "dup@example.com")


def test_accounts_are_keyed_by_provider_and_subject(uow):
    user = new_user(uow)
    identity = Identity("microsoft", "sub-1", "ada@example.com", False, extra={"oid": "o", "tid": "t"})
    with uow:
        uow.accounts.add(user.id, identity)
        uow.commit()
    with uow.read_only():
        assert uow.accounts.find_user_id("microsoft", "sub-1") == user.id
        assert uow.accounts.find_user_id("google", "sub-1") is None
    with pytest.raises((Conflict, ValueError)):
        with uow:
            uow.accounts.add(user.id, identity)
            uow.commit()


def test_a_live_session_is_found_with_its_user_by_token_hash(uow):
    user = new_user(uow)
    session, token = new_session(uow, user)
    with uow.read_only():
        found, owner = uow.sessions.find_live(digest(token), NOW + timedelta(minutes=1))
    assert found.id == session.id and owner.id == user.id
    assert found.expires_at == session.expires_at and found.ip == "127.0.0.1"


def test_an_expired_session_is_not_found(uow):
    user = new_user(uow)
    session, token = new_session(uow, user)
    with uow.read_only():
        assert uow.sessions.find_live(digest(token), session.expires_at) is None


def test_a_disabled_users_session_is_not_found(uow):
    user = new_user(uow, disabled=True)
    _, token = new_session(uow, user)
    with uow.read_only():
        assert uow.sessions.find_live(digest(token), NOW) is None


def test_touch_writes_the_new_activity_and_expiry(uow):
    user = new_user(uow)
    session, token = new_session(uow, user)
    later = NOW + timedelta(days=2)
    session.touch(later)
    with uow.read_only():
        uow.sessions.touch(session)
    with uow.read_only():
        found, _ = uow.sessions.find_live(digest(token), later)
    assert found.last_active_at == later and found.expires_at == later + timedelta(days=14)


def test_sessions_are_listed_newest_first_without_expired_ones(uow):
    user = new_user(uow)
    old, _ = new_session(uow, user, NOW - timedelta(days=20))
    older_live, _ = new_session(uow, user, NOW - timedelta(hours=2))
    newest, _ = new_session(uow, user, NOW)
    with uow.read_only():
        listed = uow.sessions.list_live(user.id, NOW)
    assert [s.id for s in listed] == [newest.id, older_live.id]
    assert old.id not in {s.id for s in listed}


def test_only_the_owner_deletes_a_session(uow):
    alice, bob = new_user(uow, "alice@example.com"), new_user(uow, "bob@example.com")
    session, token = new_session(uow, alice)
    with uow:
        assert uow.sessions.delete_owned(session.id, bob.id) is False
        uow.commit()
    with uow:
        assert uow.sessions.delete_owned(session.id, alice.id) is True
        uow.commit()
    with uow.read_only():
        assert uow.sessions.find_live(digest(token), NOW) is None


def test_delete_by_hash_revokes_that_session_only(uow):
    user = new_user(uow)
    _, kept = new_session(uow, user)
    _, revoked = new_session(uow, user)
    with uow:
        uow.sessions.delete_by_hash(digest(revoked))
        uow.commit()
    with uow.read_only():
        assert uow.sessions.find_live(digest(revoked), NOW) is None
        assert uow.sessions.find_live(digest(kept), NOW) is not None


def test_a_login_transaction_can_be_taken_once(uow):
    transaction = LoginTransaction(id=uuid4(), provider="google", state_hash=digest("state"), code_verifier="v" * 64,
                                   nonce="n", redirect_to="/x", browser_hash=digest("b"), created_at=NOW,
                                   expires_at=NOW + timedelta(minutes=10))
    with uow:
        uow.logins.add(transaction)
        uow.commit()
    with uow:
        taken = uow.logins.take(digest("state"))
        again = uow.logins.take(digest("state"))
        uow.commit()
    assert taken == transaction and again is None


def test_a_locked_read_returns_the_user_like_a_plain_one(uow):
    user = new_user(uow)
    with uow:
        locked = uow.users.get(user.id, lock=True)
        uow.commit()
    assert locked.id == user.id and locked.settings == {}
