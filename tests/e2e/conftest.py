"""Apps under test: the real create_app() on a real Postgres database of the test's own."""
from __future__ import annotations

import pytest

from ignition.app import create_app
from ignition.container import Container
from ignition.settings import Settings

SECRET = "e2e-secret-" + "x" * 40
PUBLIC_URL = "https://ignition.test"


@pytest.fixture
def make_app(database_url, tmp_path):
    """Build an app from environment-style settings; every container is unwired afterwards."""
    containers = []

    def build(**env: str):
        base = {"IGNITION_ENV": "test", "DATABASE_URL": database_url, "AUTH_SECRET": SECRET,
                "PUBLIC_URL": PUBLIC_URL, "BLOB_DIR": str(blob_dir),
                "RATELIMIT_ENABLED": "0"}  # test_rate_limits.py turns them on; other tests log in often
        container = Container(settings=Settings.from_env({**base, **env}).validate())
        containers.append(container)
        app = create_app(container)
        app.testing = True
        return app

    blob_dir = tmp_path / "blobs"
    yield build
    for container in containers:
        container.unwire()
        container.engine().dispose()


def https_client(app):
    """A test client that speaks to PUBLIC_URL over https, so Secure cookies flow as in a browser."""
    client = app.test_client()
    client.environ_base.update({"wsgi.url_scheme": "https", "HTTP_HOST": "ignition.test"})
    return client


@pytest.fixture
def dev_app(make_app):
    return make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", PUBLIC_URL="http://127.0.0.1:8000")


@pytest.fixture
def client(dev_app):
    return dev_app.test_client()


def dev_login(client, email="ada@example.com", name="Ada") -> str:
    """Sign in through the development login; returns the CSRF token for unsafe methods."""
    reply = client.post("/auth/dev/login", json={"email": email, "name": name})
    assert reply.status_code == 200, reply.json
    return reply.headers["X-CSRF-Token"]
