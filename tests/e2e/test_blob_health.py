"""/health reports the blob store the app is configured with, and a dead one is 503 in seconds."""
from __future__ import annotations

import time

from adapters.filesystem.blob_store import FilesystemBlobStore
from adapters.r2.blob_store import R2BlobStore
from ignition.localpg import free_port
from tests.support.s3 import s3_server  # noqa: F401 (a fixture)


def health(app):
    started = time.monotonic()
    reply = app.test_client().get("/health")
    assert time.monotonic() - started < 5
    return reply.status_code, reply.json


def test_a_filesystem_store_whose_folder_is_a_file_is_down(make_app, tmp_path):
    (tmp_path / "blobs").write_bytes(b"not a folder")
    assert health(make_app(BLOB_DIR=str(tmp_path / "blobs"))) == (
        503, {"status": "unavailable", "checks": {"database": "ok", "blob_store": "down"}})


def test_a_filesystem_store_is_ok_and_is_the_one_the_app_uses(make_app, tmp_path):
    app = make_app(BLOB_DIR=str(tmp_path / "blobs"))
    assert health(app) == (200, {"status": "ok", "checks": {"database": "ok", "blob_store": "ok"}})
    store = app.extensions["ignition.container"].blob_store()
    assert isinstance(store, FilesystemBlobStore) and store.root == (tmp_path / "blobs").resolve()


def test_an_r2_store_that_answers_is_ok(make_app, s3_server):  # noqa: F811
    app = make_app(**s3_server.env(s3_server.new_bucket()))
    assert health(app) == (200, {"status": "ok", "checks": {"database": "ok", "blob_store": "ok"}})
    assert isinstance(app.extensions["ignition.container"].blob_store(), R2BlobStore)


def test_an_r2_store_on_a_closed_port_is_down_within_seconds(make_app, s3_server):  # noqa: F811
    env = {**s3_server.env("ignition-blobs"), "R2_ENDPOINT_URL": f"http://127.0.0.1:{free_port()}"}
    assert health(make_app(**env)) == (
        503, {"status": "unavailable", "checks": {"database": "ok", "blob_store": "down"}})


def test_an_r2_store_without_its_bucket_is_down(make_app, s3_server):  # noqa: F811
    status, body = health(make_app(**s3_server.env("ignition-no-such-bucket")))
    assert status == 503 and body["checks"] == {"database": "ok", "blob_store": "down"}
