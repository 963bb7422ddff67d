"""Summary, achievements, the ledger and the audited admin wallet adjustment, over HTTP."""
from __future__ import annotations

from uuid import uuid4

import pytest

from tests.e2e.conftest import dev_login, sql

ADMIN = "root@example.com"


@pytest.fixture
def app(make_app):
    return make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", PUBLIC_URL="http://127.0.0.1:8000",
                    ADMIN_EMAILS=ADMIN)


@pytest.fixture
def admin(app):
    client = app.test_client()
    client.csrf = dev_login(client, ADMIN, "Root")
    return client


@pytest.fixture
def player(app):
    client = app.test_client()
    client.csrf = dev_login(client, "player@example.com", "Player")
    client.id = client.get("/api/v1/me").json["id"]
    return client


def adjust(admin, user_id, delta, reason="support", key=None):
    headers = {"X-CSRF-Token": admin.csrf, **({"Idempotency-Key": key} if key is not None else {})}
    return admin.post(f"/api/v1/admin/users/{user_id}/wallet", json={"delta": delta, "reason": reason},
                      headers=headers)


def ledger_matches_wallet(database_url, user_id) -> bool:
    (total,), = sql(database_url, "SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE user_id = %s", user_id)
    rows = sql(database_url, "SELECT balance FROM user_wallet WHERE user_id = %s", user_id)
    return total == (rows[0][0] if rows else 0)


def test_a_new_user_has_an_empty_summary(player):
    reply = player.get("/api/v1/gamification/summary")
    assert reply.status_code == 200
    assert reply.json == {"balance": 0, "xp": 0, "level": 1, "streaks": [], "recent_achievements": []}


def test_an_admin_adjustment_moves_the_balance_and_is_audited(admin, player, database_url):
    reply = admin.post(f"/api/v1/admin/users/{player.id}/wallet", json={"delta": 40, "reason": "welcome gift"},
                       headers={"X-CSRF-Token": admin.csrf, "X-Request-ID": "audit-me"})
    assert reply.status_code == 201
    assert (reply.json["delta"], reply.json["balance_after"], reply.json["source_type"]) == (40, 40, "admin")
    assert player.get("/api/v1/gamification/summary").json["balance"] == 40
    (actor, action, target, before, after, request_id, ip), = sql(
        database_url, "SELECT actor_email, action, target_id, before, after, request_id, ip FROM admin_audit_log")
    assert (actor, action, target, request_id) == (ADMIN, "wallet.adjust", player.id, "audit-me")
    assert before == {"balance": 0} and after["balance"] == 40 and str(ip) == "127.0.0.1"
    assert ledger_matches_wallet(database_url, player.id)


def test_an_adjustment_below_zero_is_refused_and_leaves_no_trace(admin, player, database_url):
    adjust(admin, player.id, 10)
    reply = adjust(admin, player.id, -11)
    assert reply.status_code == 409 and reply.json["code"] == "insufficient_funds"
    assert sql(database_url, "SELECT count(*) FROM admin_audit_log")[0][0] == 1
    assert sql(database_url, "SELECT count(*) FROM points_ledger")[0][0] == 1
    assert player.get("/api/v1/gamification/summary").json["balance"] == 10


def test_the_admin_api_is_for_admins_only(player, app):
    assert adjust(player, player.id, 5).status_code == 403
    assert adjust(player, player.id, 5).json["code"] == "forbidden"
    stranger = app.test_client()
    reply = stranger.post(f"/api/v1/admin/users/{player.id}/wallet", json={"delta": 5, "reason": "x"})
    assert reply.status_code == 401


@pytest.mark.parametrize("body,field", [({"delta": 0, "reason": "x"}, "delta"), ({"delta": "5", "reason": "x"}, "delta"),
                                        ({"delta": 5}, "reason"), ({"delta": 5, "reason": ""}, "reason"),
                                        ({"delta": 10**7, "reason": "x"}, "delta"),
                                        ({"delta": 5, "reason": "x", "extra": 1}, "extra")])
def test_bad_adjustments_are_400_with_field_messages(admin, player, body, field):
    reply = admin.post(f"/api/v1/admin/users/{player.id}/wallet", json=body, headers={"X-CSRF-Token": admin.csrf})
    assert reply.status_code == 400 and field in reply.json["details"]


def test_an_adjustment_for_an_unknown_user_is_404(admin):
    assert adjust(admin, uuid4(), 5).status_code == 404


def test_the_same_idempotency_key_twice_has_one_effect_and_the_same_answer(admin, player, database_url):
    first = adjust(admin, player.id, 25, key="grant-1")
    second = adjust(admin, player.id, 25, key="grant-1")
    assert first.status_code == second.status_code == 201
    assert first.json == second.json and second.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert player.get("/api/v1/gamification/summary").json["balance"] == 25
    assert sql(database_url, "SELECT count(*) FROM admin_audit_log")[0][0] == 1


def test_an_idempotency_key_reused_for_another_request_is_409(admin, player):
    assert adjust(admin, player.id, 25, key="grant-2").status_code == 201
    reply = adjust(admin, player.id, 30, key="grant-2")
    assert reply.status_code == 409 and reply.json["code"] == "conflict"


def test_a_refusal_is_replayed_too_and_does_not_run_again(admin, player):
    assert adjust(admin, player.id, -5, key="k-refused").status_code == 409
    adjust(admin, player.id, 50)
    assert adjust(admin, player.id, -5, key="k-refused").status_code == 409  # same answer as the first time


@pytest.mark.parametrize("key", ["", "x" * 256, "with space", "tab\tkey"])
def test_a_malformed_idempotency_key_is_400(admin, player, key):
    reply = adjust(admin, player.id, 5, key=key)
    assert reply.status_code == 400 and reply.json["code"] == "validation_error"


def test_the_ledger_pages_newest_first_without_repeats_or_skips(admin, player):
    for n in range(5):
        adjust(admin, player.id, n + 1, reason=f"r{n}")
    first = player.get("/api/v1/wallet/ledger?limit=2").json
    assert [e["delta"] for e in first["items"]] == [5, 4] and first["next_cursor"]
    adjust(admin, player.id, 100, reason="late")  # added between pages
    second = player.get(f"/api/v1/wallet/ledger?limit=2&cursor={first['next_cursor']}").json
    third = player.get(f"/api/v1/wallet/ledger?limit=2&cursor={second['next_cursor']}").json
    assert [e["delta"] for e in second["items"]] == [3, 2]
    assert [e["delta"] for e in third["items"]] == [1] and third["next_cursor"] is None
    assert {"id", "delta", "balance_after", "reason", "source_type", "source_id", "created_at"} <= set(third["items"][0])


@pytest.mark.parametrize("query,field", [("limit=0", "limit"), ("limit=201", "limit"), ("limit=abc", "limit"),
                                         ("cursor=not-a-cursor", "cursor"), ("cursor=W10", "cursor")])
def test_bad_paging_is_400(player, query, field):
    reply = player.get(f"/api/v1/wallet/ledger?{query}")
    assert reply.status_code == 400 and field in reply.json["details"]


def test_achievements_show_progress_and_unlock_in_the_transaction_of_the_event(admin, player, database_url):
    sql(database_url, "INSERT INTO achievement_definitions (key, title, condition_type, threshold, reward_points,"
                      " sort_order) VALUES ('rich', 'Rich', 'points_earned', 30, 5, 1),"
                      " ('richer', 'Richer', 'points_earned', 1000, 5, 2)")
    adjust(admin, player.id, 20)
    items = player.get("/api/v1/achievements").json["items"]
    assert [(a["key"], a["progress"], a["unlocked"]) for a in items] == [("rich", 20, False), ("richer", 20, False)]
    adjust(admin, player.id, 15)
    items = player.get("/api/v1/achievements").json["items"]
    assert [(a["key"], a["unlocked"]) for a in items] == [("rich", True), ("richer", False)]
    summary = player.get("/api/v1/gamification/summary").json
    assert summary["balance"] == 40 and [a["key"] for a in summary["recent_achievements"]] == ["rich"]
    assert ledger_matches_wallet(database_url, player.id)
