"""The README's run command, for real: `ignition dev` brings up Postgres, migrates, seeds
and serves through gunicorn with two workers on loopback."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from ignition.localpg import LocalCluster, free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def served(tmp_path):
    shutil.copy(ROOT / "gunicorn.conf.py", tmp_path / "gunicorn.conf.py")
    port, pg_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("IGNITION_", "DATABASE_", "AUTH_", "DEV_", "COOKIE_", "PROMETHEUS_"))}
    log = open(tmp_path / "server.log", "w")
    server = subprocess.Popen([str(Path(sys.executable).with_name("ignition")), "dev", "--port", str(port),
                               "--pg-port", str(pg_port), "--workers", "2"],
                              cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if requests.get(base + "/health/live", timeout=15).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or busy starting
                time.sleep(0.3)
        else:
            pytest.fail("the server did not come up:\n" + (tmp_path / "server.log").read_text()[-3000:])
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
        LocalCluster(tmp_path / ".data" / "pg", pg_port).stop()


@pytest.mark.slow
def test_the_run_command_serves_login_me_and_health(served):
    browser = requests.Session()
    login = browser.post(served + "/auth/dev/login", json={"email": "me@example.com", "name": "Me"}, timeout=15)
    assert login.status_code == 200
    csrf = login.headers["X-CSRF-Token"]
    # Several calls land on both workers: the session and the CSRF key must hold on each.
    for n in range(8):
        me = browser.get(served + "/api/v1/me", timeout=15)
        assert me.status_code == 200 and me.json()["email"] == "me@example.com"
        patch = browser.patch(served + "/api/v1/me", json={"name": f"Me {n}"}, headers={"X-CSRF-Token": csrf},
                              timeout=15)
        assert patch.status_code == 200 and patch.json()["name"] == f"Me {n}"
    health = requests.get(served + "/health", timeout=15)
    assert health.status_code == 200 and health.json()["checks"]["database"] == "ok"
    metrics = requests.get(served + "/metrics", timeout=15).text
    assert 'route="/api/v1/me"' in metrics
