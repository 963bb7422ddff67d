"""/api/v1/admin/users over HTTP on real Postgres: search, detail, role and disabled flag,
deletion — with the one audit row each write leaves (and none for a refused one)."""
from __future__ import annotations

from uuid import uuid4

import pytest

from adapters.postgres.admin import PgAdminUserDirectory
from domain.errors import Conflict
from tests.e2e.conftest import ROOT, admin_send, signed_in_client


def audit_rows(db, target_id=None):
    query = "SELECT action, target_type, target_id, before, after, request_id, host(ip), actor_email FROM " \
            "admin_audit_log" + (" WHERE target_id = %s" if target_id else "") + " ORDER BY created_at"
    return db.execute(query, (target_id,) if target_id else ()).fetchall()


def test_the_list_finds_by_email_or_name_and_role(admin_app, root):
    ada = signed_in_client(admin_app, "ada@example.com", "Ada Lovelace")
    bob = signed_in_client(admin_app, "bob@example.com", "100%_Bob")
    listed = root.get("/api/v1/admin/users").json
    assert [u["email"] for u in listed["items"]] == ["bob@example.com", "ada@example.com", ROOT]
    assert set(listed["items"][0]) == {"id", "email", "email_verified", "name", "role", "disabled", "created_at"}
    assert [u["id"] for u in root.get("/api/v1/admin/users?q=LOVELACE").json["items"]] == [ada.id]
    assert [u["id"] for u in root.get("/api/v1/admin/users?q=%25_b").json["items"]] == [bob.id]
    assert root.get("/api/v1/admin/users?q=a%25e").json["items"] == []
    assert [u["email"] for u in root.get("/api/v1/admin/users?role=admin").json["items"]] == [ROOT]


def test_the_list_pages_without_repeats_or_gaps_while_people_join(admin_app, root):
    for n in range(4):
        signed_in_client(admin_app, f"p{n}@example.com")
    first = root.get("/api/v1/admin/users?limit=2").json
    signed_in_client(admin_app, "late@example.com")
    second = root.get(f"/api/v1/admin/users?limit=2&cursor={first['next_cursor']}").json
    third = root.get(f"/api/v1/admin/users?limit=2&cursor={second['next_cursor']}").json
    emails = [u["email"] for page in (first, second, third) for u in page["items"]]
    assert emails == ["p3@example.com", "p2@example.com", "p1@example.com", "p0@example.com", ROOT]
    assert third["next_cursor"] is None


@pytest.mark.parametrize("query, field", [
    ("limit=0", "limit"), ("limit=201", "limit"), ("limit=x", "limit"), ("role=root", "role"), ("q=", "q"),
    (f"q={'x' * 201}", "q"), ("cursor=nope", "cursor"), ("sort=email", "sort"),
])
def test_a_bad_list_query_is_400_naming_the_field(root, query, field):
    reply = root.get(f"/api/v1/admin/users?{query}")
    assert reply.status_code == 400 and field in reply.json["details"], reply.json


def test_the_detail_has_wallet_providers_and_sessions(admin_app, root, db):
    ada = signed_in_client(admin_app, "ada@example.com", "Ada")
    db.execute("INSERT INTO user_wallet (user_id, balance, xp) VALUES (%s, 25, 120)", (ada.id,))
    db.execute("INSERT INTO accounts (user_id, provider, provider_account_id) VALUES (%s, 'google', 'g-1')",
               (ada.id,))
    detail = root.get(f"/api/v1/admin/users/{ada.id}")
    assert detail.status_code == 200, detail.json
    assert {k: detail.json[k] for k in ("email", "name", "role", "role_source", "disabled", "wallet", "providers",
                                        "sessions_active")} == {
        "email": "ada@example.com", "name": "Ada", "role": "user", "role_source": None, "disabled": False,
        "wallet": {"balance": 25, "xp": 120, "level": 2}, "providers": ["google"], "sessions_active": 1}
    assert detail.json["last_active_at"] and detail.json["created_at"]


def test_an_unknown_user_is_404_everywhere(root, db):
    missing = uuid4()
    assert root.get(f"/api/v1/admin/users/{missing}").status_code == 404
    assert admin_send(root, "PATCH", f"/users/{missing}", {"role": "admin"}).status_code == 404
    reply = admin_send(root, "DELETE", f"/users/{missing}")
    assert reply.status_code == 404 and reply.json["code"] == "not_found"
    assert root.get("/api/v1/admin/users/not-a-uuid").status_code == 404
    assert audit_rows(db) == []


def test_a_grant_is_manual_and_leaves_one_audit_row(admin_app, root, db):
    ada = signed_in_client(admin_app, "ada@example.com")
    reply = admin_send(root, "PATCH", f"/users/{ada.id}", {"role": "admin"}, **{"X-Request-ID": "req-grant-1"})
    assert reply.status_code == 200, reply.json
    assert (reply.json["role"], reply.json["role_source"], reply.json["wallet"]["balance"]) == ("admin", "manual", 0)
    assert ada.get("/api/v1/admin/stats").status_code == 200  # the role applies at once
    [(action, kind, target, before, after, request_id, ip, actor)] = audit_rows(db)
    assert (action, kind, target, request_id, ip, actor) == ("user.update", "user", ada.id, "req-grant-1",
                                                             "127.0.0.1", ROOT)
    assert (before["role"], before["role_source"], after["role"], after["role_source"]) == \
        ("user", None, "admin", "manual")


def test_a_demotion_clears_the_role_source_and_takes_effect_at_once(admin_app, root, db):
    other = signed_in_client(admin_app, "other@example.com")
    admin_send(root, "PATCH", f"/users/{other.id}", {"role": "admin"})
    reply = admin_send(root, "PATCH", f"/users/{other.id}", {"role": "user"})
    assert (reply.json["role"], reply.json["role_source"]) == ("user", None)
    assert other.get("/api/v1/admin/stats").status_code == 403
    assert db.execute("SELECT role, role_source FROM users WHERE id = %s", (other.id,)).fetchone() == ("user", None)


def test_disabling_ends_the_users_sessions_and_enabling_lets_them_back(admin_app, root, db):
    ada = signed_in_client(admin_app, "ada@example.com")
    reply = admin_send(root, "PATCH", f"/users/{ada.id}", {"disabled": True})
    assert reply.status_code == 200 and reply.json["disabled"] and reply.json["sessions_active"] == 0
    assert ada.get("/api/v1/me").status_code == 401
    assert db.execute("SELECT count(*) FROM sessions WHERE user_id = %s", (ada.id,)).fetchone()[0] == 0
    assert root.get("/api/v1/me").status_code == 200
    assert admin_send(root, "PATCH", f"/users/{ada.id}", {"disabled": False}).json["disabled"] is False
    [(_, _, _, before, after, *_), (_, _, _, before2, after2, *_)] = audit_rows(db, ada.id)
    assert [r["disabled"] for r in (before, after, before2, after2)] == [False, True, True, False]


@pytest.mark.parametrize("body", [{"role": "user"}, {"disabled": True}, {"role": "user", "disabled": False}])
def test_an_admin_cannot_demote_or_disable_themselves(root, db, body):
    me = root.id
    reply = admin_send(root, "PATCH", f"/users/{me}", body)
    assert reply.status_code == 409 and reply.json["code"] == "conflict"
    assert db.execute("SELECT role, disabled FROM users WHERE id = %s", (me,)).fetchone() == ("admin", False)
    assert root.get("/api/v1/admin/stats").status_code == 200 and audit_rows(db) == []


@pytest.mark.parametrize("body, field", [
    ({"role": "root"}, "role"), ({"role": None}, "role"), ({"disabled": "yes"}, "disabled"),
    ({"disabled": 1}, "disabled"),
    ({"name": "Eve"}, "name"), ({}, "_schema"), ([], "_schema"),
])
def test_a_bad_patch_is_400_naming_the_field_and_writes_nothing(admin_app, root, db, body, field):
    ada = signed_in_client(admin_app, "ada@example.com")
    reply = admin_send(root, "PATCH", f"/users/{ada.id}", body)
    assert reply.status_code == 400 and field in reply.json["details"], reply.json
    assert audit_rows(db) == []


def test_deleting_a_user_removes_their_rows_and_leaves_one_audit_row(admin_app, root, db):
    ada, bob = signed_in_client(admin_app, "ada@example.com", "Ada"), signed_in_client(admin_app, "bob@example.com")
    ada.post("/api/v1/ideas", json={"title": "Mine"}, headers={"X-CSRF-Token": ada.csrf})
    reply = admin_send(root, "DELETE", f"/users/{ada.id}")
    assert reply.status_code == 204 and reply.data == b""
    assert db.execute("SELECT count(*) FROM users WHERE id = %s", (ada.id,)).fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM ideas WHERE user_id = %s", (ada.id,)).fetchone()[0] == 0
    assert ada.get("/api/v1/me").status_code == 401 and bob.get("/api/v1/me").status_code == 200
    assert root.get(f"/api/v1/admin/users/{ada.id}").status_code == 404
    [(action, kind, target, before, after, *_)] = audit_rows(db)
    assert (action, kind, target, before["email"], after) == ("user.delete", "user", ada.id, "ada@example.com", None)


def test_an_admin_cannot_delete_themselves(root, db):
    me = root.id
    reply = admin_send(root, "DELETE", f"/users/{me}")
    assert reply.status_code == 409
    assert root.get("/api/v1/me").status_code == 200 and audit_rows(db) == []


def test_a_write_that_fails_after_its_audit_row_leaves_neither(admin_app, root, db, monkeypatch):
    ada = signed_in_client(admin_app, "ada@example.com")

    def broken(self, user_id, now):
        raise Conflict("lost the race")
    monkeypatch.setattr(PgAdminUserDirectory, "detail", broken)
    reply = admin_send(root, "PATCH", f"/users/{ada.id}", {"role": "admin", "disabled": True})
    assert reply.status_code == 409
    assert db.execute("SELECT role, disabled FROM users WHERE id = %s", (ada.id,)).fetchone() == ("user", False)
    assert db.execute("SELECT count(*) FROM sessions WHERE user_id = %s", (ada.id,)).fetchone()[0] == 1
    assert audit_rows(db) == []
