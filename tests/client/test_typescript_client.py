"""The TypeScript client's own checks, run from clients/typescript so the normal pytest run covers them.

`npm test` compiles into a fresh temporary folder, `tsc --noEmit` writes nothing and the live
test compiles into its own tmp_path, so these run beside the browser test (which builds
`dist/`) without sharing any output.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.servers import Instance, stop

PACKAGE = Path(__file__).resolve().parents[2] / "clients" / "typescript"
TIMEOUT_S = 300


def _run(*command: str, **env: str) -> None:
    if shutil.which("npm") is None:
        pytest.fail("node and npm are needed for the TypeScript client (Node 20)")
    if not (PACKAGE / "node_modules").is_dir():
        pytest.fail(f"{PACKAGE}/node_modules is missing: run `npm ci` in clients/typescript")
    cli = Path(sys.executable).with_name("ignition")
    env = {**os.environ, "IGNITION_CLI": str(cli), "npm_config_update_notifier": "false", **env}
    env.pop("IGNITION_OPENAPI_URL", None)
    result = subprocess.run(command, cwd=PACKAGE, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    assert result.returncode == 0, (f"`{' '.join(command)}` exited {result.returncode}\n"
                                    f"--- stdout ---\n{result.stdout[-6000:]}\n--- stderr ---\n{result.stderr[-6000:]}")


def test_the_client_and_its_tests_type_check_in_strict_mode():
    _run("npx", "--no-install", "tsc", "--noEmit")


def test_the_client_unit_tests_pass_under_node_test_runner():
    _run("npm", "test")


def test_the_committed_types_match_the_live_openapi_document():
    _run("npm", "run", "check:types")


@pytest.mark.slow
def test_the_server_client_logs_in_calls_and_logs_out_against_the_real_backend(database_url, tmp_path):
    env = {"IGNITION_ENV": "development", "DEV_LOGIN": "1", "COOKIE_SECURE": "0", "DATABASE_URL": database_url,
           "AUTH_SECRET": "client-test-" + "s" * 40, "TRUST_PROXY": "cloudflare", "RATELIMIT_ENABLED": "0",
           "BLOB_STORE": "filesystem", "BLOB_DIR": str(tmp_path / "blobs")}
    instance = Instance(tmp_path, env)
    try:
        build = tmp_path / "build"
        _run("node", "node_modules/typescript/bin/tsc", "-p", "tsconfig.json", "--outDir", str(build))
        _run("node", "--test", str(build / "test" / "backend.live.js"), IGNITION_BACKEND_URL=instance.url)
    finally:
        stop(instance.process)
