"""/health answers promptly even when a dependency accepts connections and never answers."""
from __future__ import annotations

import time

import pytest

from tests.e2e.conftest import make_app  # noqa: F401 (a fixture)
from tests.faults.network import SilentServer
from tests.support.s3 import s3_server  # noqa: F401 (a fixture)

MAX_S = 2.0
MAX_CONNECT_S = 2.5  # libpq (and psycopg) wait at least 2 s for a connection: its minimum connect_timeout


@pytest.fixture
def silent():
    server = SilentServer()
    yield server
    server.close()


def timed_health(app):
    started = time.monotonic()
    reply = app.test_client().get("/health")
    return time.monotonic() - started, reply.status_code, reply.get_json()


def test_a_hung_r2_endpoint_is_reported_down_within_2_seconds(make_app, s3_server, silent):  # noqa: F811
    app = make_app(**{**s3_server.env(s3_server.new_bucket()), "R2_ENDPOINT_URL": silent.url})
    app.extensions["ignition.container"].blob_store()  # a worker builds its clients once (botocore's model)
    seconds, status, body = timed_health(app)
    assert (status, body["checks"]) == (503, {"database": "ok", "blob_store": "down"})
    assert seconds < MAX_S, f"/health took {seconds:.1f} s"


def test_a_database_that_never_answers_the_connection_is_reported_down_after_the_connect_timeout(
        make_app, silent):  # noqa: F811
    app = make_app(DATABASE_URL=f"postgresql://ignition@127.0.0.1:{silent.port}/ignition")
    seconds, status, body = timed_health(app)
    assert (status, body["checks"]) == (503, {"database": "down", "blob_store": "ok"})
    assert seconds < MAX_CONNECT_S, f"/health took {seconds:.1f} s"
