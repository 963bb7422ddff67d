"""/api/v1/admin/stats and /api/v1/admin/audit-log over HTTP on real Postgres."""
from __future__ import annotations

from uuid import uuid4

import pytest

from tests.e2e.conftest import ROOT, admin_send, signed_in_client


def test_the_stats_count_users_activity_points_and_open_feedback(admin_app, root, db):
    ada, old = signed_in_client(admin_app, "ada@example.com"), signed_in_client(admin_app, "old@example.com")
    db.execute("UPDATE users SET created_at = now() - interval '30 days' WHERE id = %s", (old.id,))
    db.execute("UPDATE sessions SET last_active_at = now() - interval '8 days' WHERE user_id = %s", (old.id,))
    db.execute("INSERT INTO user_wallet (user_id, balance) VALUES (%s, 30), (%s, 12)", (ada.id, old.id))
    db.execute("INSERT INTO focus_sessions (user_id, mode, status, duration, started_at, focused_seconds, "
               "completed_at) VALUES (%s, 'focus', 'completed', 1500, now() - interval '30 minutes', 1500, now()), "
               "(%s, 'focus', 'completed', 1500, now() - interval '9 days', 1500, now() - interval '9 days')",
               (ada.id, old.id))
    db.execute("INSERT INTO user_purchases (user_id, item_name, cost) VALUES (%s, 'Cake', 3)", (ada.id,))
    for status in ("new", "in_progress", "resolved"):
        db.execute("INSERT INTO feedback (user_id, kind, message, status) VALUES (%s, 'bug', 'x', %s)",
                   (ada.id, status))
    reply = root.get("/api/v1/admin/stats")
    assert reply.status_code == 200
    assert reply.json == {"users_total": 3, "users_new_7d": 2, "users_active_7d": 2,
                          "focus_sessions_completed_7d": 1, "points_in_circulation": 42, "purchases_7d": 1,
                          "feedback_open": 2}
    assert root.get("/api/v1/admin/stats?days=30").status_code == 400


def test_the_audit_log_lists_every_admin_write_newest_first_with_filters(admin_app, root):
    ada = signed_in_client(admin_app, "ada@example.com")
    me = root.id
    admin_send(root, "PATCH", f"/users/{ada.id}", {"role": "admin"})
    quest = admin_send(root, "POST", "/quests",
                       {"title": "Q", "metric": "xp_earned", "target": 5, "period": "once"}).json
    admin_send(ada, "PATCH", f"/quests/{quest['id']}", {"active": False})
    listed = root.get("/api/v1/admin/audit-log").json
    assert [(e["action"], e["target_id"]) for e in listed["items"]] == [
        ("quest.update", quest["id"]), ("quest.create", quest["id"]), ("user.update", ada.id)]
    entry = listed["items"][-1]
    assert (entry["actor_id"], entry["actor_email"], entry["ip"], entry["target_type"]) == (me, ROOT, "127.0.0.1",
                                                                                           "user")
    assert entry["request_id"] and entry["created_at"] and entry["after"]["role"] == "admin"
    assert [e["action"] for e in root.get(f"/api/v1/admin/audit-log?actor_id={ada.id}").json["items"]] == \
        ["quest.update"]
    assert [e["action"] for e in root.get("/api/v1/admin/audit-log?target_type=user").json["items"]] == \
        ["user.update"]
    assert len(root.get(f"/api/v1/admin/audit-log?target_id={quest['id']}").json["items"]) == 2
    assert root.get(f"/api/v1/admin/audit-log?actor_id={uuid4()}").json == {"items": [], "next_cursor": None}


def test_the_audit_log_pages_without_repeats_while_admins_keep_writing(root):
    for n in range(3):
        admin_send(root, "POST", "/learn/topics", {"title": f"T{n}"})
    first = root.get("/api/v1/admin/audit-log?limit=2").json
    admin_send(root, "POST", "/learn/topics", {"title": "Late"})
    rest = root.get(f"/api/v1/admin/audit-log?limit=2&cursor={first['next_cursor']}").json
    titles = [e["after"]["title"] for e in first["items"] + rest["items"]]
    assert titles == ["T2", "T1", "T0"] and rest["next_cursor"] is None


@pytest.mark.parametrize("query, field", [
    ("actor_id=someone", "actor_id"), ("target_type=", "target_type"), (f"target_id={'x' * 201}", "target_id"),
    ("limit=500", "limit"), ("cursor=%%%", "cursor"), ("action=user.update", "action"),
])
def test_a_bad_audit_query_is_400_naming_the_field(root, query, field):
    reply = root.get(f"/api/v1/admin/audit-log?{query}")
    assert reply.status_code == 400 and field in reply.json["details"], reply.json
