"""A live app for the fuzzer: create_app on a real, migrated and seeded Postgres database, with
an admin signed in whose session cookie, CSRF cookie and X-CSRF-Token header go with every
generated request.

In-process WSGI rather than gunicorn: the same app and database without a socket per request
(docs/decisions.md). One app and database per worker for all operations: a fresh database per
operation would cost a clone and a seed each.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from dependency_injector import providers
from pytest_postgresql.janitor import DatabaseJanitor

from entrypoints.http.cookies import CSRF_COOKIE, SESSION_COOKIE
from ignition.app import BLUEPRINTS, create_app
from ignition.container import Container
from ignition.settings import Settings
from ports.outbound.database_dump import DatabaseDump
from tests.e2e.conftest import SECRET, dev_login
from tests.fuzz.rows import Pools
from tests.fuzz.seed import FUZZ_EMAIL, seed

# Each of these would end the session every other case relies on: they get a fresh user of their own.
DISPOSABLE = frozenset({("POST", "/auth/logout"), ("DELETE", "/auth/logout"), ("POST", "/auth/dev/login"),
                        ("DELETE", "/api/v1/me")})


class NoteDump(DatabaseDump):
    """POST /admin/backup starts pg_dump in a thread; under the fuzzer each case would start one,
    so the dump is a few bytes instead (the real one: tests/e2e/test_admin_maintenance.py)."""

    def dump(self, target: Path) -> None:
        target.write_bytes(b"fuzz")

    def restore(self, source: Path, database_url: str) -> None:
        raise NotImplementedError("the API never restores")


@dataclass(frozen=True)
class Credentials:
    cookies: dict[str, str]
    headers: dict[str, str]


def sign_in(app, email: str):
    """A signed-in test client and its credentials, to hand to the fuzzer's requests."""
    client = app.test_client()
    csrf = dev_login(client, email, "Fuzz")
    cookies = {name: client.get_cookie(name).value for name in (SESSION_COOKIE, CSRF_COOKIE)}
    return client, Credentials(cookies, {"X-CSRF-Token": csrf})


@dataclass
class FuzzTarget:
    app: object
    container: Container
    admin: Credentials
    pools: Pools
    disposable: itertools.count = field(default_factory=itertools.count)

    def credentials_for(self, case) -> Credentials:
        """The admin's, except for the operations that would end them."""
        if (case.method.upper(), case.path) in DISPOSABLE:
            return sign_in(self.app, f"disposable-{next(self.disposable)}@example.com")[1]
        return self.admin


def pytest_collection_modifyitems(items):
    """The fuzzed deletes last, the deepest paths first (a milestone before its goal): each takes
    seeded rows that the other operations' cases would find."""
    def order(item) -> tuple[int, int]:
        label = getattr(item, "operation_label", None) or ""
        return (1, -label.count("/")) if label.startswith("DELETE ") else (0, 0)
    items.sort(key=order)


@pytest.fixture(scope="session")
def fuzz_database_url(postgresql_template):
    server = postgresql_template
    name = f"{server.dbname}_fuzz"
    with DatabaseJanitor(user=server.user, host=server.host, port=server.port, dbname=name,
                         template_dbname=server.template_dbname, maintenance_dbname=server.maintenance_dbname,
                         password=server.password):
        yield f"postgresql+psycopg://{server.user}@{server.host}:{server.port}/{name}"


@pytest.fixture(scope="session")
def fuzz_target(fuzz_database_url, tmp_path_factory):
    """The app, seeded, with the admin signed in."""
    settings = Settings.from_env({
        "IGNITION_ENV": "development", "DEV_LOGIN": "1", "COOKIE_SECURE": "0", "DATABASE_URL": fuzz_database_url,
        "AUTH_SECRET": SECRET, "ADMIN_EMAILS": FUZZ_EMAIL, "BLOB_DIR": str(tmp_path_factory.mktemp("fuzz-blobs")),
        "RATELIMIT_ENABLED": "0"})
    container = Container(settings=settings.validate())
    container.dumper.override(providers.Object(NoteDump()))
    app = create_app(container)
    app.testing = True
    client, admin = sign_in(app, FUZZ_EMAIL)
    yield FuzzTarget(app, container, admin, seed(app, client, admin.headers["X-CSRF-Token"], fuzz_database_url))
    container.unwire()
    container.engine().dispose()


@pytest.fixture
def fuzz(fuzz_target):
    """The fuzz app, wired for this test: other tests of this worker wire their own apps meanwhile."""
    fuzz_target.container.wire(modules=list(BLUEPRINTS))
    yield fuzz_target
    fuzz_target.container.unwire()
