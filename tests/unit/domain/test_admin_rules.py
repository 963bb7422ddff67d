"""The admin console's rules on plain objects: access changes, self-protection, content rows, triage."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.admin import UserDetail, audit_entry, change_access, check_deletion, user_snapshot
from domain.admin_content import KINDS, ContentRow, check_values, feedback_snapshot, triage
from domain.audit import Actor
from domain.errors import Conflict, InvalidInput
from domain.feedback import Feedback
from domain.users import User

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def a_user(role="user", role_source=None) -> User:
    user = User.register(email="ada@example.com", email_verified=True, name="Ada", now=NOW)
    user.role, user.role_source = role, role_source
    return user


def test_granting_the_role_records_a_manual_source():
    user = a_user()
    assert change_access(uuid4(), user, role="admin") is False
    assert (user.role, user.role_source) == ("admin", "manual")


def test_granting_an_admin_emails_admin_pins_the_role_as_manual():
    user = a_user("admin", "admin_emails")
    change_access(uuid4(), user, role="admin")
    assert user.role_source == "manual"


def test_a_demotion_clears_the_role_source():
    user = a_user("admin", "manual")
    change_access(uuid4(), user, role="user")
    assert (user.role, user.role_source) == ("user", None)


def test_disabling_reports_that_sessions_must_end_only_the_first_time():
    user = a_user()
    assert change_access(uuid4(), user, disabled=True) is True
    assert user.disabled
    assert change_access(uuid4(), user, disabled=True) is False
    assert change_access(uuid4(), user, disabled=False) is False and not user.disabled


def test_an_admin_cannot_demote_themselves_and_nothing_changes():
    me = a_user("admin", "manual")
    with pytest.raises(Conflict):
        change_access(me.id, me, role="user", disabled=False)
    assert (me.role, me.role_source, me.disabled) == ("admin", "manual", False)


def test_an_admin_cannot_disable_themselves():
    me = a_user("admin", "manual")
    with pytest.raises(Conflict):
        change_access(me.id, me, disabled=True)
    assert not me.disabled


def test_an_admin_may_confirm_their_own_role_and_enabled_state():
    me = a_user("admin", "admin_emails")
    assert change_access(me.id, me, role="admin", disabled=False) is False
    assert me.role == "admin"


def test_an_unknown_role_is_invalid():
    with pytest.raises(InvalidInput):
        change_access(uuid4(), a_user(), role="root")


def test_an_admin_cannot_delete_themselves_but_may_delete_others():
    me = a_user("admin")
    with pytest.raises(Conflict):
        check_deletion(me.id, me)
    check_deletion(me.id, a_user())


def test_the_audit_entry_carries_the_actor_request_and_snapshots():
    actor, user = Actor(uuid4(), "root@example.com", "req-1", "10.0.0.1"), a_user()
    entry = audit_entry(actor, "user.update", "user", user.id, before=user_snapshot(user), after=None, now=NOW)
    assert (entry.actor_id, entry.actor_email, entry.request_id, entry.ip) == (actor.user_id, actor.email, "req-1",
                                                                              "10.0.0.1")
    assert (entry.action, entry.target_type, entry.target_id, entry.created_at) == ("user.update", "user",
                                                                                    str(user.id), NOW)
    assert entry.before == {"email": "ada@example.com", "name": "Ada", "role": "user", "role_source": None,
                            "disabled": False}


def test_the_detail_shows_the_level_of_its_xp():
    detail = UserDetail(id=uuid4(), email=None, email_verified=False, name=None, role="user", role_source=None,
                        disabled=False, created_at=NOW, balance=5, xp=300, providers=(), sessions_active=0,
                        last_active_at=None)
    assert detail.wallet == {"balance": 5, "xp": 300, "level": 3}


def test_a_new_row_gets_defaults_for_what_was_not_given():
    row = ContentRow.create("quest", {"title": "Read", "metric": "pages_read", "target": 10, "period": "daily"}, NOW)
    assert row.values == {"title": "Read", "metric": "pages_read", "target": 10, "period": "daily",
                          "description": None, "reward_points": 0, "reward_xp": 0, "active": True, "sort_order": 0}
    assert (row.created_at, row.updated_at, row.key) == (NOW, NOW, None)


def test_a_new_row_needs_every_required_field():
    with pytest.raises(InvalidInput) as refused:
        ContentRow.create("achievement", {"title": "Big", "condition_type": "focus_minutes"}, NOW)
    assert refused.value.details["fields"] == {"threshold": ["Missing data for required field."]}


@pytest.mark.parametrize("kind, field, value", [
    ("quest", "metric", "naps_taken"), ("quest", "target", 0), ("quest", "target", True), ("quest", "target", 1.5),
    ("quest", "period", "monthly"), ("quest", "reward_points", -1), ("quest", "title", "   "),
    ("quest", "title", "x" * 201), ("market_item", "cost", 1_000_001), ("market_item", "name", None),
    ("achievement", "threshold", 10**10), ("learn_lesson", "duration_minutes", 5000), ("learn_lesson", "topic_id", "x"),
    ("learn_topic", "published", "yes"), ("learn_topic", "description", "x" * 20_001), ("learn_topic", "cost", 1),
])
def test_every_field_keeps_its_rule(kind, field, value):
    with pytest.raises(InvalidInput) as refused:
        check_values(KINDS[kind], {field: value})
    assert list(refused.value.details["fields"]) == [field]


def test_nullable_fields_may_be_cleared_and_a_free_catalog_item_is_allowed():
    check_values(KINDS["market_item"], {"description": None, "icon": None, "cost": 0})
    check_values(KINDS["learn_lesson"], {"duration_minutes": None, "content": ""})


def test_an_update_changes_only_the_named_fields_or_nothing():
    row = ContentRow.create("market_item", {"name": "Cake", "cost": 10}, NOW)
    later = NOW + timedelta(hours=1)
    row.update({"cost": 12, "active": False}, later)
    assert (row.values["name"], row.values["cost"], row.values["active"], row.updated_at) == ("Cake", 12, False, later)
    with pytest.raises(InvalidInput):
        row.update({"name": "Pie", "cost": -1}, later + timedelta(hours=1))
    assert (row.values["name"], row.updated_at) == ("Cake", later)


def test_a_snapshot_is_plain_json():
    topic = uuid4()
    row = ContentRow.create("learn_lesson", {"topic_id": topic, "title": "Breathing"}, NOW)
    snapshot = row.snapshot()
    assert snapshot["topic_id"] == str(topic) and snapshot["id"] == str(row.id) and snapshot["key"] is None
    assert all(isinstance(v, (str, int, bool, type(None))) for v in snapshot.values())


def a_feedback() -> Feedback:
    return Feedback.submit(uuid4(), "bug", "It broke", NOW)


def test_triage_sets_status_and_notes_and_can_clear_the_notes():
    feedback = a_feedback()
    later = NOW + timedelta(days=1)
    triage(feedback, {"status": "in_progress", "admin_notes": "Looking"}, later)
    assert feedback_snapshot(feedback) == {"status": "in_progress", "admin_notes": "Looking"}
    assert feedback.updated_at == later
    triage(feedback, {"admin_notes": None}, later)
    assert feedback_snapshot(feedback) == {"status": "in_progress", "admin_notes": None}


@pytest.mark.parametrize("changes", [{"status": "triaged"}, {"admin_notes": "x" * 20_001}])
def test_triage_refuses_what_the_schema_cannot_hold(changes):
    feedback = a_feedback()
    with pytest.raises(InvalidInput):
        triage(feedback, changes, NOW)
    assert feedback_snapshot(feedback) == {"status": "new", "admin_notes": None}
