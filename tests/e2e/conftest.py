"""Apps under test: the real create_app() on a real Postgres database of the test's own."""
from __future__ import annotations

import psycopg
import pytest

from ignition.app import create_app
from ignition.container import Container
from ignition.settings import Settings
from tests.support.parallel_http import serving

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


@pytest.fixture
def server(make_app):
    """The development app behind a threaded server on 127.0.0.1, for real parallel requests; its base URL."""
    with serving(make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", DB_POOL_SIZE="12")) as base:
        yield base


def dev_login(client, email="ada@example.com", name="Ada") -> str:
    """Sign in through the development login; returns the CSRF token for unsafe methods."""
    reply = client.post("/auth/dev/login", json={"email": email, "name": name})
    assert reply.status_code == 200, reply.json
    return reply.headers["X-CSRF-Token"]


@pytest.fixture
def csrf(client):
    """Ada signed in on `client` through the development login; her CSRF token."""
    return dev_login(client)


@pytest.fixture
def db(database_url):
    """An autocommit psycopg connection to the test's database: rows arranged behind the app's back, and
    what the app wrote read back."""
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as connection:
        yield connection


ROOT = "root@example.com"  # the one address in admin_app's ADMIN_EMAILS


@pytest.fixture
def admin_app(make_app):
    """The development app, with ROOT an admin."""
    return make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", ADMIN_EMAILS=ROOT)


@pytest.fixture
def root(admin_app):
    """A client of admin_app signed in as the admin ROOT."""
    return signed_in_client(admin_app, ROOT, "Root")


def signed_in_client(app, email, name="Person"):
    """A test client of `app` signed in through the development login, carrying its CSRF token as `.csrf`
    and its user id as `.id`."""
    client = app.test_client()
    client.csrf, client.id = signed_in_user(client, email, name)
    return client


def signed_in_user(client, email, name) -> tuple[str, str]:
    """Sign `client` in through the development login; the CSRF token and the user's id."""
    csrf = dev_login(client, email, name)
    return csrf, client.get("/api/v1/me").json["id"]


def admin_send(client, method, path, body=None, **headers):
    """A JSON request to /api/v1/admin`path` sent with the CSRF token of a `signed_in_client`."""
    return client.open(f"/api/v1/admin{path}", method=method, json=body,
                       headers={"X-CSRF-Token": client.csrf, **headers})


class ApiCaller:
    """A test client signed in through the development login (named after the local part of `email`), speaking
    JSON to /api/v1`base` with its CSRF token; `id` is the user's id. Suites subclass it with their area's calls."""

    base = ""

    def __init__(self, client, email):
        self.client = client
        self.csrf, self.id = signed_in_user(client, email, email.split("@")[0])

    def list(self, **query):
        return self.client.get(f"/api/v1{self.base}", query_string=query)

    def send(self, method, path="", body=None, **headers):
        return self.client.open(f"/api/v1{self.base}{path}", method=method, json=body,
                                headers={"X-CSRF-Token": self.csrf, **headers})

    def walk(self, limit=2, between=None, **query) -> list[list[str]]:
        """The listed titles page by page, calling `between()` after the first page."""
        pages, reply = [], self.list(limit=limit, **query).json
        while True:
            pages.append([item["title"] for item in reply["items"]])
            if reply["next_cursor"] is None:
                return pages
            if between and len(pages) == 1:
                between()
            reply = self.list(limit=limit, cursor=reply["next_cursor"], **query)
            assert reply.status_code == 200, reply.json
            reply = reply.json


def signed_in_as(email, caller=ApiCaller):
    """A fixture: `caller` (an ApiCaller class) on a fresh client of dev_app, signed in as `email`."""
    @pytest.fixture
    def signed_in(dev_app):
        return caller(dev_app.test_client(), email)
    return signed_in


def details_name(reply, field) -> bool:
    """The 400's details name `field` (or an item of it, as `tags.0`)."""
    return field in {key.split(".")[0] for key in reply.json["details"]}


def sql(database_url: str, query: str, *params):
    """Run one statement on its own autocommit connection; the rows it returns, if any."""
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as conn:
        cursor = conn.execute(query, params)
        return cursor.fetchall() if cursor.description else None
