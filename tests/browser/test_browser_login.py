"""Login in a real browser: headless Chromium clicks through both providers' logins.

Real processes on 127.0.0.1: gunicorn with the repository's gunicorn.conf.py under production
settings (Secure cookies; loopback http counts as a secure context for Chromium), two fake OpenID
providers showing a consent page, and `node --test clients/typescript/browser/login.test.mjs`,
which drives Debian's chromium through playwright-core and loads the compiled TypeScript client.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from ignition.localpg import free_port
from tests.e2e.conftest import SECRET, sql
from tests.support.fake_oidc import FakeOidcProvider
from tests.support.servers import ROOT, Instance, stop

CLIENT = ROOT / "clients" / "typescript"
NODE_TEST = CLIENT / "browser" / "login.test.mjs"
TENANT = "0d6e8a4b-3c2f-4e1a-9b7d-5f8e2c1a0b3d"
EMAILS = {"google": "grace@example.com", "microsoft": "ada@contoso.example"}
BUILD_TIMEOUT_S = 180
NODE_TIMEOUT_S = 240  # the node test bounds each provider's run at 90 s


def chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.access(path, os.X_OK):
        pytest.skip(f"{path} is not installed (make system-deps: apt-get install chromium)")
    return path


def node() -> str:
    found = shutil.which("node")
    if not found or not (CLIENT / "node_modules" / "playwright-core").is_dir():
        pytest.skip("node or clients/typescript/node_modules is missing (make client-deps: npm ci)")
    return found


def newest_change(paths) -> float:
    return max((p.stat().st_mtime for p in paths if p.is_file()), default=0.0)


def built_client() -> Path:
    """clients/typescript/dist, built with `npm run build` when missing or older than its sources.

    Only this test writes dist/ (the client's own unit tests build elsewhere), so parallel
    pytest workers never build into it at the same time.
    """
    dist = CLIENT / "dist"
    sources = [*(CLIENT / "src").rglob("*"), *CLIENT.glob("tsconfig*.json"), CLIENT / "package.json"]
    if newest_change([dist / "index.js"]) <= newest_change(sources):
        built = subprocess.run(["npm", "run", "build"], cwd=CLIENT, capture_output=True, text=True,
                               timeout=BUILD_TIMEOUT_S)
        assert built.returncode == 0, f"npm run build failed:\n{built.stdout[-3000:]}\n{built.stderr[-3000:]}"
    return dist


@pytest.fixture
def providers():
    with FakeOidcProvider("google", consent_page=True) as google, \
            FakeOidcProvider("microsoft", tenant_id=TENANT, consent_page=True) as microsoft:
        google.login_as(sub=f"g-{uuid.uuid4()}", email=EMAILS["google"], name="Grace")
        microsoft.login_as(sub=f"m-{uuid.uuid4()}", email=EMAILS["microsoft"], name="Ada")
        yield {"google": google, "microsoft": microsoft}


@pytest.fixture
def backend(database_url, tmp_path, providers):
    """gunicorn, one worker, production settings on http://127.0.0.1:<port> = PUBLIC_URL.

    Rate limits are on with memory:// storage: one worker holds every counter, so the limits
    are exact without a Redis (counters shared through Redis are tests/e2e/test_two_instances.py's).
    """
    google, microsoft = providers["google"], providers["microsoft"]
    port = free_port()
    env = {"IGNITION_ENV": "production", "DATABASE_URL": database_url, "AUTH_SECRET": SECRET,
           "PUBLIC_URL": f"http://127.0.0.1:{port}", "BLOB_STORE": "filesystem", "BLOB_DIR": str(tmp_path / "blobs"),
           "METRICS_TOKEN": "browser-metrics-token", "RATELIMIT_ENABLED": "1", "RATELIMIT_STORAGE_URI": "memory://",
           "GOOGLE_CLIENT_ID": google.client_id, "GOOGLE_CLIENT_SECRET": google.client_secret,
           "GOOGLE_DISCOVERY_URL": google.discovery_url,
           "AZURE_AD_CLIENT_ID": microsoft.client_id, "AZURE_AD_CLIENT_SECRET": microsoft.client_secret,
           "AZURE_AD_TENANT_ID": TENANT, "MICROSOFT_DISCOVERY_URL": microsoft.discovery_url}
    instance = Instance(tmp_path, env, workers=1, port=port)
    try:
        yield instance
    finally:
        stop(instance.process)


@pytest.fixture
def short_tmpdir():
    """A TMPDIR for node and Chromium: Chromium's profile lock is a Unix socket in it, and a socket
    path may not exceed 107 bytes, which pytest-xdist's tmp_path does."""
    folder = tempfile.mkdtemp(prefix="ignition-browser-")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_each_provider_logs_in_calls_the_api_and_logs_out_in_chromium(backend, providers, database_url, short_tmpdir):
    chromium_path, node_path, dist = chromium(), node(), built_client()
    env = {**os.environ, "BACKEND_URL": backend.url, "CLIENT_DIST": str(dist), "CHROMIUM_PATH": chromium_path,
           "GOOGLE_EMAIL": EMAILS["google"], "MICROSOFT_EMAIL": EMAILS["microsoft"], "TMPDIR": short_tmpdir}
    # Its own process group: a timeout ends node's test runner and every Chromium process with it.
    run = subprocess.Popen([node_path, "--test", "--test-reporter=spec", str(NODE_TEST)], cwd=CLIENT, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        output, _ = run.communicate(timeout=NODE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        stop(run)
        output = f"(ran over {NODE_TIMEOUT_S} s)\n{run.communicate()[0]}"
    assert run.returncode == 0, \
        f"node --test failed:\n{output[-6000:]}\ngunicorn log:\n{backend.log.read_text()[-3000:]}"
    # What the clicks did on the server: one account per provider, one focus session each (the
    # POST without X-CSRF-Token made none), and no session left after the logouts.
    assert sorted(sql(database_url, "SELECT provider, email FROM accounts")) == sorted(EMAILS.items())
    assert sql(database_url, "SELECT count(*) FROM focus_sessions") == [(2,)]
    assert sql(database_url, "SELECT count(*) FROM sessions") == [(0,)]
