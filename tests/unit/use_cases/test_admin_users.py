"""Admin user use cases on the in-memory unit of work: search, detail, access changes, deletion,
and the one audit entry each write leaves (none when it is refused)."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from adapters.memory.admin import InMemoryAdminUserDirectory
from adapters.memory.blob_store import InMemoryBlobStore
from domain.audit import Actor
from domain.errors import Conflict, NotFound
from domain.identity import Identity
from domain.paging import PageRequest
from domain.sessions import Session
from domain.users import User
from domain.wallet import Wallet
from ports.inbound import admin_users

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def a_user(uow, email, name=None, role="user", role_source=None, minutes_ago=0) -> User:
    user = User.register(email=email, email_verified=True, name=name, now=NOW - timedelta(minutes=minutes_ago))
    user.role, user.role_source = role, role_source
    uow.tables["users"][user.id] = user
    return user


def a_session(uow, user, started=NOW) -> Session:
    session, _ = Session.start(user.id, started, user_agent="test", ip="127.0.0.1")
    uow.tables["sessions"][session.id] = session
    return session


@pytest.fixture
def root(uow):
    return a_user(uow, "root@example.com", "Root", role="admin", role_source="admin_emails", minutes_ago=60)


@pytest.fixture
def actor(root):
    return Actor(root.id, root.email, "req-1", "192.0.2.1")


def audit(uow):
    return sorted(uow.tables["audit"].values(), key=lambda e: e.created_at)


def test_the_list_is_newest_first_and_pages_without_repeats(uow, root):
    users = [a_user(uow, f"u{n}@example.com", minutes_ago=n) for n in range(5)]
    first = admin_users.list_users(uow, request=PageRequest(limit=3))
    assert [u.id for u in first.items] == [u.id for u in users[:3]]
    a_user(uow, "new@example.com")  # arrives between the pages
    second = admin_users.list_users(uow, request=PageRequest(limit=3, after=first.next_after))
    assert [u.id for u in second.items] == [users[3].id, users[4].id, root.id] and second.next_after is None


def test_the_search_matches_email_or_name_in_any_case_and_literally(uow, root):
    percent = a_user(uow, "percent@example.com", "100% Ada")
    a_user(uow, "bob@example.com", "Bob")
    assert [u.id for u in admin_users.list_users(uow, request=PageRequest(), q="PERCENT").items] == [percent.id]
    assert [u.id for u in admin_users.list_users(uow, request=PageRequest(), q="0% a").items] == [percent.id]
    assert admin_users.list_users(uow, request=PageRequest(), q="_").items == []
    assert [u.id for u in admin_users.list_users(uow, request=PageRequest(), role="admin").items] == [root.id]


def test_the_detail_has_wallet_providers_and_sessions(uow, clock, root):
    ada = a_user(uow, "ada@example.com", "Ada")
    uow.tables["wallets"][ada.id] = Wallet(ada.id, balance=40, xp=150)
    uow.tables["accounts"][("google", "g-1")] = (ada.id, Identity("google", "g-1", ada.email, True))
    a_session(uow, ada, NOW - timedelta(days=40))  # long dead
    live = a_session(uow, ada, NOW - timedelta(hours=1))
    detail = admin_users.get_user(uow, clock, user_id=ada.id)
    assert detail.wallet == {"balance": 40, "xp": 150, "level": 2}
    assert (detail.providers, detail.sessions_active, detail.last_active_at) == (("google",), 1, live.last_active_at)


def test_an_unknown_user_is_not_found(uow, clock, actor):
    with pytest.raises(NotFound):
        admin_users.get_user(uow, clock, user_id=uuid4())
    with pytest.raises(NotFound):
        admin_users.update_user(uow, clock, actor=actor, user_id=uuid4(), role="admin")
    assert audit(uow) == []


def test_a_grant_is_manual_and_audited_once_with_before_and_after(uow, clock, actor):
    ada = a_user(uow, "ada@example.com", "Ada")
    detail = admin_users.update_user(uow, clock, actor=actor, user_id=ada.id, role="admin")
    assert uow.committed and (detail.role, detail.role_source) == ("admin", "manual")
    assert (uow.tables["users"][ada.id].role, uow.tables["users"][ada.id].role_source) == ("admin", "manual")
    [entry] = audit(uow)
    assert (entry.action, entry.target_type, entry.target_id, entry.actor_id) == ("user.update", "user", str(ada.id),
                                                                                  actor.user_id)
    assert (entry.before["role"], entry.after["role"], entry.after["role_source"]) == ("user", "admin", "manual")
    assert (entry.request_id, entry.ip, entry.created_at) == ("req-1", "192.0.2.1", NOW)


def test_a_demotion_clears_the_role_source(uow, clock, actor):
    other = a_user(uow, "other@example.com", role="admin", role_source="manual")
    admin_users.update_user(uow, clock, actor=actor, user_id=other.id, role="user")
    assert (uow.tables["users"][other.id].role, uow.tables["users"][other.id].role_source) == ("user", None)


def test_disabling_ends_every_session_of_the_user_only(uow, clock, actor, root):
    ada = a_user(uow, "ada@example.com")
    a_session(uow, ada), a_session(uow, ada)
    mine = a_session(uow, root)
    detail = admin_users.update_user(uow, clock, actor=actor, user_id=ada.id, disabled=True)
    assert detail.disabled and detail.sessions_active == 0
    assert list(uow.tables["sessions"]) == [mine.id]
    [entry] = audit(uow)
    assert (entry.before["disabled"], entry.after["disabled"]) == (False, True)


@pytest.mark.parametrize("change", [{"role": "user"}, {"disabled": True}, {"role": "user", "disabled": False}])
def test_an_admin_cannot_demote_or_disable_themselves_and_nothing_is_written(uow, clock, actor, root, change):
    a_session(uow, root)
    with pytest.raises(Conflict):
        admin_users.update_user(uow, clock, actor=actor, user_id=root.id, **change)
    assert (uow.tables["users"][root.id].role, uow.tables["users"][root.id].disabled) == ("admin", False)
    assert len(uow.tables["sessions"]) == 1 and audit(uow) == [] and not uow.committed


def test_deleting_a_user_erases_them_and_leaves_one_audit_entry(uow, clock, actor):
    ada = a_user(uow, "ada@example.com", "Ada")
    a_session(uow, ada)
    store = InMemoryBlobStore()
    admin_users.delete_user(uow, store, clock, actor=actor, user_id=ada.id)
    assert ada.id not in uow.tables["users"] and not uow.tables["sessions"]
    [entry] = audit(uow)
    assert (entry.action, entry.target_id, entry.before["email"], entry.after) == ("user.delete", str(ada.id),
                                                                                   "ada@example.com", None)


def test_an_admin_cannot_delete_themselves(uow, clock, actor, root):
    with pytest.raises(Conflict):
        admin_users.delete_user(uow, InMemoryBlobStore(), clock, actor=actor, user_id=root.id)
    assert root.id in uow.tables["users"] and not uow.tables["deleted_users"] and audit(uow) == []


def test_deleting_an_unknown_user_is_not_found(uow, clock, actor):
    with pytest.raises(NotFound):
        admin_users.delete_user(uow, InMemoryBlobStore(), clock, actor=actor, user_id=uuid4())
    assert audit(uow) == []


def test_a_failure_after_the_audit_entry_rolls_back_the_entry_with_the_change(uow, clock, actor, monkeypatch):
    ada = a_user(uow, "ada@example.com")

    def broken(self, user_id, now):
        raise Conflict("lost the race")
    monkeypatch.setattr(InMemoryAdminUserDirectory, "detail", broken)
    with pytest.raises(Conflict):
        admin_users.update_user(uow, clock, actor=actor, user_id=ada.id, role="admin")
    assert uow.tables["users"][ada.id].role == "user" and audit(uow) == []
