"""Generated over the route table: every admin route and method refuses a logged-out client
(401), a signed-in non-admin (403), and an admin demoted a moment ago (403)."""
from __future__ import annotations

import re
import uuid

import psycopg
import pytest

from tests.e2e.conftest import dev_login

ADMIN = "root@example.com"


@pytest.fixture
def app(make_app):
    return make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", ADMIN_EMAILS=ADMIN)


def admin_routes(app) -> list[tuple[str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/admin/"):
            path = re.sub(r"<(?:\w+:)?\w+>", lambda _: str(uuid.uuid4()), rule.rule)
            found += [(method, path) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return found


def test_there_are_admin_routes_to_check(app):
    assert len(admin_routes(app)) >= 1


def test_a_logged_out_client_gets_401_everywhere(app):
    client = app.test_client()
    for method, path in admin_routes(app):
        reply = client.open(path, method=method, json={})
        assert reply.status_code == 401 and reply.json["code"] == "unauthorized", (method, path)


def test_a_non_admin_gets_403_everywhere(app):
    client = app.test_client()
    csrf = dev_login(client, "someone@example.com")
    for method, path in admin_routes(app):
        reply = client.open(path, method=method, json={}, headers={"X-CSRF-Token": csrf})
        assert reply.status_code == 403 and reply.json["code"] == "forbidden", (method, path)


def test_a_demoted_admin_is_refused_on_the_next_request(app, database_url):
    client = app.test_client()
    csrf = dev_login(client, ADMIN)
    routes = admin_routes(app)
    gets = [path for method, path in routes if method == "GET"] or [routes[0][1]]
    assert all(client.get(path).status_code not in (401, 403) for path in gets)  # let through, as an admin
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute("UPDATE users SET role = 'user', role_source = NULL WHERE email = %s", (ADMIN,))
    for method, path in routes:
        reply = client.open(path, method=method, json={}, headers={"X-CSRF-Token": csrf})
        assert reply.status_code == 403, (method, path)
