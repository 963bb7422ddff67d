"""Sessions and CSRF as DESIGN §3 says: 401, then Origin, then CSRF; logout and expiry are final."""
from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from tests.e2e.conftest import dev_login, sql


def session_cookie(client) -> str:
    return client.get_cookie("ignition_session").value


@pytest.mark.parametrize("method,path", [("GET", "/api/v1/me"), ("PATCH", "/api/v1/me"), ("GET", "/auth/session"),
                                         ("GET", "/auth/sessions"), ("POST", "/auth/logout"),
                                         ("GET", "/api/v1/anything-else")])
def test_without_a_session_the_api_answers_401_json(client, method, path):
    reply = client.open(path, method=method, json={} if method != "GET" else None)
    assert reply.status_code == 401
    assert reply.is_json and reply.json["code"] == "unauthorized" and reply.json["request_id"]


def test_an_unsafe_method_without_the_csrf_header_is_refused(client):
    dev_login(client)
    reply = client.patch("/api/v1/me", json={"name": "Eve"})
    assert reply.status_code == 403 and reply.json["code"] == "csrf_failed"
    assert client.get("/api/v1/me").json["name"] == "Ada"


def test_an_unsafe_method_with_a_wrong_csrf_header_is_refused(client):
    csrf = dev_login(client)
    reply = client.patch("/api/v1/me", json={"name": "Eve"}, headers={"X-CSRF-Token": csrf[:-1] + "A"})
    assert reply.status_code == 403 and reply.json["code"] == "csrf_failed"


@pytest.mark.parametrize("header", ["é" * 43, "\x7f", " " * 10])
def test_a_csrf_header_of_odd_characters_is_refused_not_a_crash(client, header):
    dev_login(client)
    reply = client.patch("/api/v1/me", json={"name": "x"}, headers={"X-CSRF-Token": header})
    assert reply.status_code == 403 and reply.json["code"] == "csrf_failed"


def test_a_csrf_token_of_another_session_is_refused(dev_app):
    alice, mallory = dev_app.test_client(), dev_app.test_client()
    dev_login(alice, "alice@example.com")
    stolen = dev_login(mallory, "mallory@example.com")
    alice.set_cookie("ignition_csrf", stolen)
    reply = alice.patch("/api/v1/me", json={"name": "pwned"}, headers={"X-CSRF-Token": stolen})
    assert reply.status_code == 403 and reply.json["code"] == "csrf_failed"


def test_the_right_csrf_header_lets_the_change_through(client):
    csrf = dev_login(client)
    reply = client.patch("/api/v1/me", json={"name": "Ada L."}, headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 200 and reply.json["name"] == "Ada L."


def test_a_foreign_origin_is_refused_even_with_a_good_token(client):
    csrf = dev_login(client)
    reply = client.patch("/api/v1/me", json={"name": "x"},
                         headers={"X-CSRF-Token": csrf, "Origin": "https://evil.example"})
    assert reply.status_code == 403 and reply.json["code"] == "forbidden"


def test_the_own_origin_is_accepted(client):
    csrf = dev_login(client)
    reply = client.patch("/api/v1/me", json={"name": "x"},
                         headers={"X-CSRF-Token": csrf, "Origin": "http://127.0.0.1:8000"})
    assert reply.status_code == 200


def test_the_order_is_session_then_origin_then_csrf(client):
    no_session = client.patch("/api/v1/me", json={}, headers={"Origin": "https://evil.example"})
    assert no_session.status_code == 401
    dev_login(client)
    bad_both = client.patch("/api/v1/me", json={}, headers={"Origin": "https://evil.example"})
    assert bad_both.json["code"] == "forbidden"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])
def test_form_style_bodies_are_refused_with_415(client, content_type):
    csrf = dev_login(client)
    reply = client.patch("/api/v1/me", data='{"name": "x"}', content_type=content_type,
                         headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 415 and reply.json["code"] == "unsupported_media_type"


def test_logout_revokes_on_the_server_and_the_old_cookie_is_dead(client, database_url):
    csrf = dev_login(client)
    old = session_cookie(client)
    reply = client.post("/auth/logout", headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 204
    assert any("ignition_session=;" in h for h in reply.headers.getlist("Set-Cookie"))
    assert sql(database_url, "SELECT count(*) FROM sessions")[0][0] == 0
    client.set_cookie("ignition_session", old)
    assert client.get("/api/v1/me").status_code == 401


def test_logout_with_delete_works_too(client):
    csrf = dev_login(client)
    assert client.delete("/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.get("/auth/session").status_code == 401


def test_an_expired_session_is_401(client, database_url):
    dev_login(client)
    sql(database_url, "UPDATE sessions SET expires_at = now() - interval '1 second'")
    assert client.get("/api/v1/me").status_code == 401


def test_the_session_table_never_holds_the_raw_token(client, database_url):
    dev_login(client)
    token = session_cookie(client)
    rows = sql(database_url, "SELECT token_hash, row_to_json(s)::text FROM sessions s")
    assert len(rows) == 1
    stored_hash, whole_row = rows[0]
    assert bytes(stored_hash) == hashlib.sha256(token.encode()).digest()
    assert token not in whole_row


def test_dev_login_rotates_an_existing_session(client, database_url):
    dev_login(client)
    first = session_cookie(client)
    dev_login(client)
    assert session_cookie(client) != first
    assert sql(database_url, "SELECT count(*) FROM sessions")[0][0] == 1


def test_use_slides_the_idle_expiry_but_writes_at_most_every_five_minutes(client, database_url):
    dev_login(client)
    back = timedelta(days=3)
    sql(database_url, "UPDATE sessions SET last_active_at = last_active_at - %s, expires_at = expires_at - %s,"
                      " created_at = created_at - %s", back, back, back)
    assert client.get("/api/v1/me").status_code == 200
    created, last_active, expires = sql(database_url, "SELECT created_at, last_active_at, expires_at FROM sessions")[0]
    assert expires - last_active == timedelta(days=14)
    assert created + timedelta(days=30) > expires
    assert client.get("/api/v1/me").status_code == 200
    assert sql(database_url, "SELECT last_active_at FROM sessions")[0][0] == last_active


def test_the_absolute_cap_holds_however_active_the_session_is(client, database_url):
    dev_login(client)
    sql(database_url, "UPDATE sessions SET created_at = now() - interval '29 days 23 hours',"
                      " last_active_at = now() - interval '1 hour'")
    assert client.get("/api/v1/me").status_code == 200
    created, expires = sql(database_url, "SELECT created_at, expires_at FROM sessions")[0]
    assert expires == created + timedelta(days=30)


def test_auth_session_gives_the_user_and_the_csrf_header(client):
    csrf = dev_login(client)
    reply = client.get("/auth/session")
    assert reply.status_code == 200 and reply.json["user"]["email"] == "ada@example.com"
    assert reply.headers["X-CSRF-Token"] == csrf
    assert reply.headers["Cache-Control"] == "no-store"


def test_sessions_are_listed_and_one_can_be_revoked(dev_app):
    laptop, phone = dev_app.test_client(), dev_app.test_client()
    csrf = dev_login(laptop)
    dev_login(phone)
    items = laptop.get("/auth/sessions", headers={"User-Agent": "laptop"}).json["items"]
    assert len(items) == 2 and sum(item["current"] for item in items) == 1
    other = next(item for item in items if not item["current"])
    assert laptop.delete(f"/auth/sessions/{other['id']}", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert phone.get("/api/v1/me").status_code == 401
    assert laptop.get("/api/v1/me").status_code == 200


def test_another_users_session_cannot_be_revoked(dev_app):
    alice, bob = dev_app.test_client(), dev_app.test_client()
    csrf = dev_login(alice, "alice@example.com")
    dev_login(bob, "bob@example.com")
    bobs = bob.get("/auth/sessions").json["items"][0]["id"]
    reply = alice.delete(f"/auth/sessions/{bobs}", headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 404
    assert bob.get("/api/v1/me").status_code == 200


def test_a_demotion_takes_effect_on_the_next_request(dev_app, database_url):
    client = dev_app.test_client()
    dev_login(client)
    sql(database_url, "UPDATE users SET role = 'admin'")
    assert client.get("/api/v1/me").json["role"] == "admin"
    sql(database_url, "UPDATE users SET role = 'user'")
    assert client.get("/api/v1/me").json["role"] == "user"


def test_a_disabled_user_is_signed_out(client, database_url):
    dev_login(client)
    sql(database_url, "UPDATE users SET disabled = true")
    assert client.get("/api/v1/me").status_code == 401
