"""Upload limits and consistency over HTTP: 413 before the body is read or the moment a file
passes its limit, chunked streams cut at the limit, and a store or row failure that leaves
nothing behind."""
from __future__ import annotations

import io
import os

import pytest
from dependency_injector import providers

from adapters.memory.blob_store import InMemoryBlobStore
from entrypoints.http.uploads import FRAMING
from tests.e2e.ownership.files import MP3, PNG, created, multipart, upload_blob, upload_track

MB = 1024 * 1024
DEV = {"IGNITION_ENV": "development", "DEV_LOGIN": "1", "COOKIE_SECURE": "0", "PUBLIC_URL": "http://127.0.0.1:8000"}


class Watched(io.RawIOBase):
    """A request body that counts what the app reads from it: `data`, then zeros forever when
    `endless`; `forbidden` fails any read at all."""

    def __init__(self, data: bytes = b"", forbidden: bool = False, endless: bool = False) -> None:
        self.data, self.forbidden, self.endless, self.read_bytes = data, forbidden, endless, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.forbidden:
            raise AssertionError("the body was read")
        chunk = self.data[self.read_bytes:self.read_bytes + len(buffer)]
        if self.endless and len(chunk) < len(buffer):
            chunk += b"\x00" * (len(buffer) - len(chunk))
        buffer[:len(chunk)] = chunk
        self.read_bytes += len(chunk)
        return len(chunk)


@pytest.fixture
def app(make_app):
    return make_app(**DEV, BLOB_MAX_MB_IMAGE="1", BLOB_MAX_MB_DOCUMENT="1", BLOB_MAX_MB_AUDIO="2")


@pytest.fixture
def client(app):
    return app.test_client()


def post_stream(client, csrf, path, stream, content_type, length: int | None, **environ):
    overrides = {"wsgi.input": stream, "CONTENT_TYPE": content_type, **environ}
    if length is None:
        overrides["wsgi.input_terminated"] = True  # as gunicorn sets for chunked bodies
    return client.post(path, headers={"X-CSRF-Token": csrf},
                       environ_overrides={**overrides, "CONTENT_LENGTH": str(length) if length is not None else ""})


def objects(app) -> list[str]:
    root = app.extensions["ignition.container"].settings().blob_dir
    return [name for _, _, names in os.walk(root) for name in names]


def rows(db) -> tuple:
    return db.execute("SELECT (SELECT count(*) FROM blobs), (SELECT count(*) FROM reference_tracks)").fetchone()


@pytest.mark.parametrize("path", ["/api/v1/blobs", "/api/v1/tracks"])
def test_a_declared_length_over_the_largest_limit_is_413_before_any_byte_is_read(client, csrf, path):
    body = Watched(forbidden=True)
    reply = post_stream(client, csrf, path, body, "multipart/form-data; boundary=b", 2 * MB + FRAMING + 1)
    assert reply.status_code == 413 and reply.json["code"] == "too_large"
    assert body.read_bytes == 0
    huge = post_stream(client, csrf, path, Watched(forbidden=True), "multipart/form-data; boundary=b", 10**15)
    assert huge.status_code == 413


def test_a_file_over_its_category_limit_is_cut_while_it_streams(client, csrf, app, db):
    data, content_type = multipart(("category", "image"), ("file", PNG + b"\x00" * (3 * MB // 2), "big.png"))
    body = Watched(data)
    reply = post_stream(client, csrf, "/api/v1/blobs", body, content_type, len(data))
    assert reply.status_code == 413 and "1 MB" in reply.json["error"]
    assert body.read_bytes < 1 * MB + 3 * 64 * 1024 < len(data)
    assert rows(db) == (0, 0) and objects(app) == []


def test_a_category_named_after_the_file_is_held_to_its_limit_once_parsed(client, csrf, app, db):
    big = PNG + b"\x00" * (3 * MB // 2)
    data, content_type = multipart(("file", big, "big.png"), ("category", "image"))
    assert post_stream(client, csrf, "/api/v1/blobs", Watched(data), content_type, len(data)).status_code == 413
    audio, audio_type = multipart(("file", MP3 + b"\x00" * (3 * MB // 2), "big.mp3"), ("category", "audio"))
    assert post_stream(client, csrf, "/api/v1/blobs", Watched(audio), audio_type, len(audio)).status_code == 201
    assert rows(db) == (1, 0) and len(objects(app)) == 2  # the object and its ETag file


def test_a_file_of_exactly_the_limit_is_accepted(client, csrf):
    reply = upload_blob(client, csrf, PNG + b"\x00" * (MB - len(PNG)), "image", "full.png")
    assert reply.status_code == 201 and reply.json["size"] == MB


def opening(*fields: tuple) -> tuple[bytes, str]:
    """The start of a multipart body: the fields, then a file part whose bytes follow."""
    body, content_type = multipart(*fields)
    body = body[:-len(b"--ignition-test-boundary--\r\n")]
    return body + b'--ignition-test-boundary\r\nContent-Disposition: form-data; name="file"; filename="x"\r\n\r\n', \
        content_type


@pytest.mark.parametrize("path, first, limit", [("/api/v1/blobs", ("category", "image"), 1 * MB),
                                                ("/api/v1/blobs", ("category", "audio"), 2 * MB),
                                                ("/api/v1/tracks", ("title", "t"), 2 * MB)])
def test_a_stream_without_a_length_is_cut_at_the_limit(client, csrf, app, db, path, first, limit):
    start, content_type = opening(first)
    body = Watched(start + MP3, endless=True)
    reply = post_stream(client, csrf, path, body, content_type, None)
    assert reply.status_code == 413 and reply.json["code"] == "too_large"
    assert limit < body.read_bytes <= limit + len(start) + 64 * 1024
    assert rows(db) == (0, 0) and objects(app) == []


def test_an_endless_body_that_never_finds_its_boundary_is_cut_too(client, csrf):
    reply = post_stream(client, csrf, "/api/v1/tracks", Watched(endless=True),
                        "multipart/form-data; boundary=ignition-test-boundary", None)
    assert reply.status_code == 413


@pytest.mark.parametrize("send", [lambda c, t: upload_blob(c, t), lambda c, t: upload_track(c, t)])
def test_a_store_outage_is_503_and_writes_no_row(app, client, csrf, db, send):
    store = InMemoryBlobStore()
    store.fail = True
    app.extensions["ignition.container"].blob_store.override(providers.Object(store))
    reply = send(client, csrf)
    assert reply.status_code == 503 and reply.json["code"] == "unavailable"
    assert rows(db) == (0, 0)
    assert db.execute("SELECT count(*) FROM activity_events").fetchone() == (0,)


@pytest.mark.parametrize("table, send", [("blobs", lambda c, t: upload_blob(c, t)),
                                         ("reference_tracks", lambda c, t: upload_track(c, t))])
def test_a_row_that_cannot_be_written_leaves_no_object(app, client, csrf, db, table, send):
    db.execute(f"ALTER TABLE {table} ADD CONSTRAINT refuse_all CHECK (size_bytes < 0) NOT VALID")
    reply = send(client, csrf)
    assert reply.status_code == 409, reply.json
    assert rows(db) == (0, 0) and objects(app) == []


def test_a_delete_whose_object_cannot_be_removed_still_deletes_the_row(app, client, csrf, db):
    store = InMemoryBlobStore()
    app.extensions["ignition.container"].blob_store.override(providers.Object(store))
    blob_id, track_id = created(upload_blob(client, csrf)), created(upload_track(client, csrf))
    store.fail = True
    assert client.delete(f"/api/v1/blobs/{blob_id}", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.delete(f"/api/v1/tracks/{track_id}", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert rows(db) == (0, 0) and len(store.objects) == 2  # left for `ignition admin cleanup`


def test_a_row_whose_object_is_gone_reads_as_404(app, client, csrf):
    store = InMemoryBlobStore()
    app.extensions["ignition.container"].blob_store.override(providers.Object(store))
    blob_id, track_id = created(upload_blob(client, csrf)), created(upload_track(client, csrf))
    store.objects.clear()
    assert client.get(f"/api/v1/blobs/{blob_id}").status_code == 404
    assert client.get(f"/api/v1/tracks/{track_id}/stream").status_code == 404
    assert client.get(f"/api/v1/tracks/{track_id}").status_code == 200


def test_the_store_override_leaves_health_alone(app, client):
    assert client.get("/health").status_code == 200
