"""One suite for the admin user directory, stats, audit log reading and feedback triage,
against the fake and Postgres."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import uuid4

from domain.audit import AuditEntry
from domain.feedback import Feedback
from domain.focus import FocusSession
from domain.identity import Identity
from domain.market import MarketItem, Purchase
from domain.paging import PageRequest
from domain.sessions import Session
from domain.users import User
from domain.wallet import Wallet

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)


def users(uow, *specs) -> list[User]:
    """Users from (email, name, minutes ago, role) specs, stored in one transaction."""
    made = []
    with uow:
        for email, name, minutes_ago, role in specs:
            user = User.register(email=email, email_verified=True, name=name, now=NOW - timedelta(minutes=minutes_ago))
            user.role = role
            uow.users.add(user)
            made.append(user)
        uow.commit()
    return made


def session_for(uow, user, started=NOW) -> Session:
    session, _ = Session.start(user.id, started, user_agent="pytest", ip="127.0.0.1")
    with uow:
        uow.sessions.add(session)
        uow.commit()
    return session


def ids(rows) -> list:
    return [row.id for row in rows]


def test_the_search_is_newest_first_and_continues_after_a_cursor(uow):
    a, b, c = users(uow, ("a@example.com", "A", 3, "user"), ("b@example.com", "B", 2, "user"),
                    ("c@example.com", "C", 1, "admin"))
    with uow.read_only():
        first = uow.admin_users.search(PageRequest(limit=2))
        assert ids(first) == [c.id, b.id, a.id]  # limit + 1 rows
        assert ids(uow.admin_users.search(PageRequest(limit=2, after=(b.created_at, b.id)))) == [a.id]
        assert ids(uow.admin_users.search(PageRequest(), role="admin")) == [c.id]


def test_the_search_matches_email_or_name_in_any_case_and_takes_wildcards_literally(uow):
    percent, under, plain = users(uow, ("p@example.com", "50% Off", 3, "user"), ("u_x@example.com", None, 2, "user"),
                                  ("plain@example.com", "Ada Lovelace", 1, "user"))
    with uow.read_only():
        search = uow.admin_users.search
        assert ids(search(PageRequest(), q="LOVELACE")) == [plain.id]
        assert ids(search(PageRequest(), q="PLAIN@")) == [plain.id]
        assert ids(search(PageRequest(), q="%")) == [percent.id]
        assert ids(search(PageRequest(), q="_")) == [under.id]
        assert ids(search(PageRequest(), q="u_x")) == [under.id]
        assert search(PageRequest(), q="a%o") == []
        assert search(PageRequest(), q="\\") == []


def test_users_being_deleted_are_not_in_the_directory(uow):
    gone, kept = users(uow, ("gone@example.com", None, 2, "user"), ("kept@example.com", None, 1, "user"))
    with uow:
        uow.account_data.mark_deleted(gone.id, NOW)
        uow.commit()
    with uow.read_only():
        assert ids(uow.admin_users.search(PageRequest())) == [kept.id]
        assert uow.admin_users.detail(gone.id, NOW) is None
    with uow:
        assert uow.admin_users.lock(gone.id) is False and uow.admin_users.lock(kept.id) is True


def test_the_detail_has_wallet_providers_and_live_sessions(uow):
    [ada] = users(uow, ("ada@example.com", "Ada", 0, "user"))
    with uow:
        uow.accounts.add(ada.id, Identity("microsoft", "ms-1", "ada@example.com", False))
        uow.accounts.add(ada.id, Identity("google", "g-1", "ada@example.com", True))
        uow.wallets.lock(ada.id)
        uow.wallets.save(Wallet(ada.id, balance=40, xp=150))
        uow.commit()
    session_for(uow, ada, NOW - timedelta(days=40))
    live = session_for(uow, ada, NOW - timedelta(hours=2))
    [new] = users(uow, ("new@example.com", None, 0, "user"))
    with uow.read_only():
        detail = uow.admin_users.detail(ada.id, NOW)
        bare = uow.admin_users.detail(new.id, NOW)
        assert uow.admin_users.detail(uuid4(), NOW) is None
    assert (detail.email, detail.name, detail.role, detail.role_source, detail.disabled) == \
        ("ada@example.com", "Ada", "user", None, False)
    assert (detail.balance, detail.xp, detail.providers) == (40, 150, ("google", "microsoft"))
    assert (detail.sessions_active, detail.last_active_at) == (1, live.last_active_at)
    assert (bare.balance, bare.xp, bare.providers, bare.sessions_active, bare.last_active_at) == (0, 0, (), 0, None)


def test_access_changes_touch_nothing_else_and_sessions_end_for_that_user_only(uow):
    ada, bob = users(uow, ("ada@example.com", "Ada", 1, "user"), ("bob@example.com", "Bob", 0, "user"))
    session_for(uow, ada), session_for(uow, ada)
    bobs = session_for(uow, bob)
    with uow:
        uow.admin_users.set_access(ada.id, role="admin", role_source="manual", disabled=True)
        assert uow.admin_users.end_sessions(ada.id) == 2
        uow.commit()
    with uow.read_only():
        stored = uow.users.get(ada.id)
        assert (stored.role, stored.role_source, stored.disabled, stored.name) == ("admin", "manual", True, "Ada")
        assert uow.admin_users.detail(ada.id, NOW).sessions_active == 0
        assert [s.id for s in uow.sessions.list_live(bob.id, NOW)] == [bobs.id]


def test_the_stats_count_the_window_and_everything(uow):
    new, old = users(uow, ("new@example.com", None, 0, "user"), ("old@example.com", None, 60 * 24 * 10, "user"))
    session_for(uow, new, NOW - timedelta(days=1))
    session_for(uow, old, NOW - timedelta(days=9))
    item = MarketItem(id=uuid4(), name="Cake", cost=3, created_at=NOW)
    with uow:
        for user, at, mode in ((new, NOW, "focus"), (old, NOW - timedelta(days=9), "focus"), (new, NOW, "break")):
            focus = FocusSession.start(user.id, mode, 1500, at - timedelta(minutes=30))
            focus.complete(at)
            uow.focus_sessions.add(focus)
        for user, balance in ((new, 30), (old, 12)):
            uow.wallets.lock(user.id)
            uow.wallets.save(Wallet(user.id, balance, 0))
        uow.market.add_item(item)
        for at in (NOW, NOW - timedelta(days=8)):
            uow.market.add_purchase(Purchase(uuid4(), new.id, item.id, "Cake", 3, at))
        for status in ("new", "in_progress", "closed"):
            feedback = Feedback.submit(new.id, "bug", "Broken", NOW)
            feedback.status = status
            uow.feedback.add(feedback)
        uow.commit()
    with uow.read_only():
        stats = uow.admin_stats.collect(NOW - timedelta(days=7))
    assert vars(stats) == {"users_total": 2, "users_new_7d": 1, "users_active_7d": 1,
                           "focus_sessions_completed_7d": 1, "points_in_circulation": 42, "purchases_7d": 1,
                           "feedback_open": 2}


def test_the_audit_log_reads_back_newest_first_with_filters(uow):
    actor = uuid4()
    entries = [AuditEntry(actor_id=who, actor_email="root@example.com" if who else None, action=action,
                          target_type=kind, target_id=target, before={"a": [1]}, after=None, request_id="r",
                          ip="2001:db8::1", created_at=NOW + timedelta(seconds=n))
               for n, (who, action, kind, target) in enumerate([
                   (actor, "user.update", "user", "u1"), (None, "user.grant_admin", "user", "u2"),
                   (actor, "quest.create", "quest", "q1")])]
    with uow:
        for entry in entries:
            uow.audit.append(entry)
        uow.commit()
    with uow.read_only():
        page = uow.audit.page
        assert page(PageRequest()) == entries[::-1]
        assert page(PageRequest(limit=1, after=(entries[2].created_at, entries[2].id))) == [entries[1], entries[0]]
        assert page(PageRequest(), actor_id=actor) == [entries[2], entries[0]]
        assert page(PageRequest(), target_type="user") == [entries[1], entries[0]]
        assert page(PageRequest(), target_type="user", target_id="u2", actor_id=actor) == []
        assert page(PageRequest(), target_id="q1") == [entries[2]]


def test_triage_writes_status_notes_and_time_only(uow):
    [ada] = users(uow, ("ada@example.com", None, 0, "user"))
    feedback = Feedback.submit(ada.id, "idea", "Dark mode", NOW, page="/today")
    with uow:
        uow.feedback.add(feedback)
        uow.commit()
    with uow:
        found = uow.feedback.get_for_triage(feedback.id)
        assert found.message == "Dark mode" and uow.feedback.get_for_triage(uuid4()) is None
        found.status, found.admin_notes, found.updated_at = "in_progress", "Soon", NOW + timedelta(hours=1)
        found.message = "changed behind our back"
        uow.feedback.save_triage(found)
        uow.commit()
    with uow.read_only():
        [stored] = uow.feedback.page(PageRequest())
    assert (stored.status, stored.admin_notes, stored.updated_at) == ("in_progress", "Soon", NOW + timedelta(hours=1))
    assert (stored.message, stored.page, stored.kind) == ("Dark mode", "/today", "idea")
