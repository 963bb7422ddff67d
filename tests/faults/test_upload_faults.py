"""The blob store failing during an upload: 503 and nothing left behind — no row, no object.

R2: the adapter talks to moto's S3 server through a proxy that resets every connection and
closes its port partway through the upload's body (a single PutObject, and a multipart
upload cut in its second part); moto itself stays up, so what it holds afterwards is checked
directly. The other way round, an object stored whose row cannot be written in time (the
table locked past the statement timeout) is removed from R2 again. Filesystem: the disk
fills up in the middle of writing the object (a file-size limit on this process, which root
obeys too), and a user folder that is a file.
"""
from __future__ import annotations

import os
import random
import resource
from contextlib import contextmanager

import psycopg
import pytest

from tests.e2e.conftest import dev_login, make_app  # noqa: F401 (a fixture)
from tests.e2e.ownership.files import send
from tests.faults.conftest import psycopg_url
from tests.faults.network import CuttingProxy
from tests.support.s3 import s3_server  # noqa: F401 (a fixture)

MB = 1024 * 1024
DEV = {"IGNITION_ENV": "development", "DEV_LOGIN": "1", "COOKIE_SECURE": "0", "PUBLIC_URL": "http://127.0.0.1:8000"}


def mp3(size: int) -> bytes:
    return b"ID3\x04\x00\x00\x00\x00\x00\x00" + random.Random(size).randbytes(size - 10)


def upload(client, csrf: str, path: str, data: bytes):
    field = ("category", "audio") if path == "/api/v1/blobs" else ("title", "Cut off")
    return send(client, csrf, path, field, ("file", data, "song.mp3"))


@pytest.fixture
def db(database_url):
    with psycopg.connect(psycopg_url(database_url), autocommit=True) as connection:
        yield connection


def nothing_written(db) -> bool:
    return db.execute("SELECT (SELECT count(*) FROM blobs), (SELECT count(*) FROM reference_tracks), "
                      "(SELECT count(*) FROM activity_events)").fetchone() == (0, 0, 0)


def assert_unavailable(reply) -> None:
    assert reply.status_code == 503, (reply.status_code, reply.get_json())
    body = reply.get_json()
    assert body["code"] == "unavailable" and body["request_id"] and reply.headers["Retry-After"]


@pytest.fixture
def r2(make_app, s3_server):  # noqa: F811
    """An app whose R2 endpoint is a cutting proxy in front of moto, its bucket, and the proxy."""
    host, port = s3_server.endpoint_url.removeprefix("http://").rsplit(":", 1)
    proxy = CuttingProxy(host, int(port))
    bucket = s3_server.new_bucket()
    app = make_app(**{**DEV, **s3_server.env(bucket), "R2_ENDPOINT_URL": proxy.url, "DB_STATEMENT_TIMEOUT_MS": "1000"})
    try:
        yield app, bucket, proxy
    finally:
        proxy.close()


def keys(s3_server, bucket: str) -> list[str]:  # noqa: F811
    return [o["Key"] for o in s3_server.admin.list_objects_v2(Bucket=bucket).get("Contents", [])]


@pytest.mark.parametrize("path, size, cut_at", [
    ("/api/v1/blobs", 3 * MB, 1 * MB),  # one PutObject, cut a third of the way in
    ("/api/v1/tracks", 20 * MB, 12 * MB),  # multipart (8 MiB parts), cut in the second part
])
def test_an_r2_store_that_goes_away_mid_upload_answers_503_and_keeps_no_row_and_no_object(
        r2, s3_server, db, path, size, cut_at):  # noqa: F811
    app, bucket, proxy = r2
    client = app.test_client()
    csrf = dev_login(client)
    proxy.cut_after = cut_at
    assert_unavailable(upload(client, csrf, path, mp3(size)))
    assert proxy.was_cut
    assert nothing_written(db)
    assert keys(s3_server, bucket) == []
    proxy.reopen()  # the store is back: the same app stores the next upload normally
    retry = upload(client, csrf, path, mp3(64 * 1024))
    assert retry.status_code == 201, retry.get_json()
    assert len(keys(s3_server, bucket)) == 1


@pytest.mark.parametrize("path, table", [("/api/v1/blobs", "blobs"), ("/api/v1/tracks", "reference_tracks")])
def test_an_object_whose_row_cannot_be_written_in_time_is_removed_from_r2(r2, s3_server, db, path, table):  # noqa: F811
    app, bucket, _ = r2
    client = app.test_client()
    csrf = dev_login(client)
    with psycopg.connect(db.info.dsn) as locker:
        locker.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")  # the INSERT waits out the 1 s timeout
        reply = upload(client, csrf, path, mp3(256 * 1024))
    assert_unavailable(reply)
    assert nothing_written(db)
    assert keys(s3_server, bucket) == []


@contextmanager
def disk_full_at(size: int):
    """This process may write no regular file past `size` bytes (EFBIG; Python ignores SIGXFSZ)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def stored_files(app) -> list[str]:
    root = app.extensions["ignition.container"].settings().blob_dir
    return sorted(os.path.relpath(os.path.join(folder, name), root)
                  for folder, _, names in os.walk(root) for name in names)


@pytest.mark.parametrize("path", ["/api/v1/blobs", "/api/v1/tracks"])
def test_a_filesystem_store_that_fills_up_mid_write_answers_503_and_keeps_nothing(make_app, db, path):  # noqa: F811
    app = make_app(**DEV)
    client = app.test_client()
    csrf = dev_login(client)
    body = mp3(200 * 1024)  # spooled in memory (under 256 KiB): only the store's own write hits the limit
    with disk_full_at(64 * 1024):
        reply = upload(client, csrf, path, body)
    assert_unavailable(reply)
    assert nothing_written(db)
    assert stored_files(app) == []  # not even the half-written part file


def test_a_filesystem_store_whose_user_folder_is_a_file_answers_503_and_keeps_nothing(make_app, db):  # noqa: F811
    app = make_app(**DEV)
    client = app.test_client()
    csrf = dev_login(client)
    user_id = client.get("/api/v1/me").get_json()["id"]
    root = app.extensions["ignition.container"].settings().blob_dir
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, user_id), "wb") as squatter:
        squatter.write(b"in the way")
    assert_unavailable(upload(client, csrf, "/api/v1/tracks", mp3(64 * 1024)))
    assert nothing_written(db)
    assert stored_files(app) == [user_id]
