"""The admin stats and audit log on the in-memory unit of work."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4


from domain.audit import AuditEntry
from domain.feedback import Feedback
from domain.focus import FocusSession
from domain.market import Purchase
from domain.paging import PageRequest
from domain.sessions import Session
from domain.users import User
from domain.wallet import Wallet
from ports.inbound import admin_stats

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
OLD = NOW - timedelta(days=8)


def a_user(uow, created=NOW) -> User:
    user = User.register(email=f"{uuid4().hex}@example.com", email_verified=True, name=None, now=created)
    uow.tables["users"][user.id] = user
    return user


def a_completed_focus(uow, user, at, mode="focus"):
    session = FocusSession.start(user.id, mode, 1500, at - timedelta(minutes=25))
    session.complete(at)
    uow.tables["focus_sessions"][session.id] = session


def test_the_stats_count_everyone_and_the_last_seven_days(uow, clock):
    new, old, leaving = a_user(uow), a_user(uow, OLD), a_user(uow, OLD)
    uow.tables["deleted_users"][leaving.id] = NOW
    for user, started in ((new, NOW), (old, OLD)):
        session, _ = Session.start(user.id, started, user_agent=None, ip=None)
        uow.tables["sessions"][session.id] = session
    a_completed_focus(uow, new, NOW), a_completed_focus(uow, old, OLD), a_completed_focus(uow, new, NOW, "break")
    uow.tables["wallets"].update({new.id: Wallet(new.id, 30, 5), old.id: Wallet(old.id, 12, 0)})
    for at in (NOW, OLD):
        purchase = Purchase(uuid4(), new.id, None, "Cake", 3, at)
        uow.tables["user_purchases"][purchase.id] = purchase
    for status in ("new", "in_progress", "resolved", "wont_fix"):
        feedback = Feedback.submit(new.id, "idea", "More", NOW)
        feedback.status = status
        uow.tables["feedback"][feedback.id] = feedback
    stats = admin_stats.get_stats(uow, clock)
    assert vars(stats) == {"users_total": 2, "users_new_7d": 1, "users_active_7d": 1,
                           "focus_sessions_completed_7d": 1, "points_in_circulation": 42, "purchases_7d": 1,
                           "feedback_open": 2}


def an_entry(uow, minutes_ago, actor=None, target_type="quest", target_id="q1") -> AuditEntry:
    entry = AuditEntry(actor_id=actor, actor_email=None, action=f"{target_type}.update", target_type=target_type,
                       target_id=target_id, before=None, after={"n": minutes_ago}, request_id=None, ip=None,
                       created_at=NOW - timedelta(minutes=minutes_ago))
    uow.tables["audit"][entry.id] = entry
    return entry


def test_the_audit_log_pages_newest_first_and_filters(uow):
    someone = uuid4()
    entries = [an_entry(uow, 3, someone), an_entry(uow, 2, target_type="user", target_id="u1"), an_entry(uow, 1)]
    page = admin_stats.list_audit_log(uow, request=PageRequest(limit=2))
    assert [e.id for e in page.items] == [entries[2].id, entries[1].id]
    rest = admin_stats.list_audit_log(uow, request=PageRequest(limit=2, after=page.next_after))
    assert [e.id for e in rest.items] == [entries[0].id] and rest.next_after is None
    assert [e.id for e in admin_stats.list_audit_log(uow, request=PageRequest(), actor_id=someone).items] == \
        [entries[0].id]
    assert [e.id for e in admin_stats.list_audit_log(uow, request=PageRequest(), target_type="user",
                                                     target_id="u1").items] == [entries[1].id]
    assert admin_stats.list_audit_log(uow, request=PageRequest(), target_type="user", target_id="q1").items == []
