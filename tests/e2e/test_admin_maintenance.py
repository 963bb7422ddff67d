"""Cleanup and backup from the admin API: the same jobs as the CLI, audited."""
from __future__ import annotations

import time

import pytest

from tests.e2e.conftest import dev_login, sql

ADMIN = "root@example.com"


@pytest.fixture
def admin(make_app):
    client = make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", ADMIN_EMAILS=ADMIN).test_client()
    client.csrf = dev_login(client, ADMIN)
    return client


def test_cleanup_removes_expired_sessions_and_is_audited(admin, database_url):
    sql(database_url, "INSERT INTO sessions (user_id, token_hash, expires_at) SELECT id, sha256('x'), now() - interval"
                      " '1 day' FROM users")
    dry = admin.post("/api/v1/admin/cleanup", json={"dry_run": True}, headers={"X-CSRF-Token": admin.csrf})
    assert dry.status_code == 200 and dry.json["rows"]["expired_sessions"] == 1
    assert sql(database_url, "SELECT count(*) FROM sessions")[0][0] == 2
    done = admin.post("/api/v1/admin/cleanup", json={}, headers={"X-CSRF-Token": admin.csrf})
    assert done.status_code == 200 and done.json["rows"]["expired_sessions"] == 1 and not done.json["dry_run"]
    assert sql(database_url, "SELECT count(*) FROM sessions")[0][0] == 1
    actions = [a for (a,) in sql(database_url, "SELECT action FROM admin_audit_log ORDER BY created_at")]
    assert actions == ["maintenance.cleanup", "maintenance.cleanup"]


@pytest.mark.parametrize("flag", [0, "no", "false"])
def test_the_dry_run_flag_takes_json_booleans_only(admin, database_url, flag):
    """Found by the fuzzer: 0 or "no" passed for false, so a sloppy client ran the real cleanup."""
    reply = admin.post("/api/v1/admin/cleanup", json={"dry_run": flag}, headers={"X-CSRF-Token": admin.csrf})
    assert reply.status_code == 400 and "dry_run" in reply.json["details"]
    assert sql(database_url, "SELECT count(*) FROM admin_audit_log")[0][0] == 0


def test_a_backup_started_from_the_api_lands_in_the_store(admin, database_url, tmp_path):
    reply = admin.post("/api/v1/admin/backup", headers={"X-CSRF-Token": admin.csrf})
    assert reply.status_code == 202 and reply.json == {"status": "started"}
    folder = tmp_path / "blobs" / "backups"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(folder.glob("*.dump")):
        time.sleep(0.2)
    dumps = list(folder.glob("*.dump"))
    assert len(dumps) == 1 and dumps[0].stat().st_size > 0
    assert sql(database_url, "SELECT action FROM admin_audit_log")[0][0] == "maintenance.backup"
