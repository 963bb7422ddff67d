"""Two server instances on two ports, one Postgres and one Redis: sessions and limits are shared."""
from __future__ import annotations

import pytest
import requests

from tests.e2e.conftest import SECRET
from tests.support.servers import Instance, Redis, stop


@pytest.fixture
def pair(database_url, tmp_path):
    redis = Redis(tmp_path)
    env = {"IGNITION_ENV": "development", "DEV_LOGIN": "1", "COOKIE_SECURE": "0", "DATABASE_URL": database_url,
           "AUTH_SECRET": SECRET, "RATELIMIT_STORAGE_URI": redis.url, "BLOB_DIR": str(tmp_path / "blobs")}
    instances = []
    try:
        instances.append(Instance(tmp_path, env))
        instances.append(Instance(tmp_path, env))
        yield instances
    finally:
        for instance in instances:
            stop(instance.process)
        stop(redis.process)


@pytest.mark.slow
def test_a_session_made_on_one_instance_works_on_the_other(pair):
    first, second = pair
    browser = requests.Session()
    login = browser.post(first.url + "/auth/dev/login", json={"email": "roamer@example.com"}, timeout=15)
    assert login.status_code == 200
    me = browser.get(second.url + "/api/v1/me", timeout=15)
    assert me.status_code == 200 and me.json()["email"] == "roamer@example.com"
    patch = browser.patch(second.url + "/api/v1/me", json={"name": "Roamer"},
                          headers={"X-CSRF-Token": login.headers["X-CSRF-Token"]}, timeout=15)
    assert patch.status_code == 200
    assert browser.post(second.url + "/auth/logout", headers={"X-CSRF-Token": login.headers["X-CSRF-Token"]},
                        timeout=15).status_code == 204
    assert browser.get(first.url + "/api/v1/me", timeout=15).status_code == 401


@pytest.mark.slow
def test_the_login_limit_holds_across_both_instances_together(pair):
    codes = []
    for n in range(12):
        target = pair[n % 2]
        codes.append(requests.post(target.url + "/auth/dev/login", json={"email": f"u{n}@example.com"},
                                   timeout=15).status_code)
    assert codes.count(200) == 10 and codes.count(429) == 2
    assert codes[10:] == [429, 429]
