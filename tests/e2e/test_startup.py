"""A production process refuses to start on an unsafe setting, and says which."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

SAFE = {"IGNITION_ENV": "production", "DATABASE_URL": "postgresql://u@127.0.0.1:1/db", "AUTH_SECRET": "s" * 40}


def start(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("IGNITION_", "DEV_", "COOKIE_", "AUTH_"))}
    return subprocess.run([sys.executable, "-c", "import ignition.wsgi"], env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


def test_a_safe_production_configuration_starts():
    done = start(SAFE)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("change,named", [
    ({"DEV_LOGIN": "1"}, "DEV_LOGIN"), ({"COOKIE_SECURE": "0"}, "COOKIE_SECURE"),
    ({"AUTH_SECRET": "short"}, "AUTH_SECRET"), ({"DATABASE_URL": ""}, "DATABASE_URL"),
    ({"ALLOWED_ORIGINS": "*"}, "ALLOWED_ORIGINS"),
    ({"GOOGLE_CLIENT_ID": "c", "GOOGLE_DISCOVERY_URL": "http://idp.example/x"}, "GOOGLE_DISCOVERY_URL"),
])
def test_an_unsafe_setting_stops_the_process_and_is_named(change, named):
    done = start({**SAFE, **change})
    assert done.returncode != 0
    assert named in done.stderr
