"""GET and HEAD /api/v1/tracks/{id}/stream on a real file in the filesystem store, through the
app: every Range case, If-Range, HEAD, streaming without the whole file, and strangers."""
from __future__ import annotations

import random

import pytest
from dependency_injector import providers

from adapters.memory.blob_store import InMemoryBlobStore
from tests.e2e.conftest import dev_login
from tests.e2e.ownership.files import created, upload_track

SONG = b"ID3\x04\x00\x00\x00\x00\x00\x00" + random.Random(7).randbytes(300_000 - 10)  # several store chunks
SIZE = len(SONG)


@pytest.fixture
def path(client, csrf):
    return f"/api/v1/tracks/{created(upload_track(client, csrf, SONG, 'Scales'))}/stream"


def get(client, path, method="GET", **headers):
    return client.open(path, method=method, headers=headers)


def test_without_a_range_the_whole_file_streams_with_its_validators(client, path):
    reply = client.get(path, buffered=False)
    assert reply.status_code == 200 and reply.is_streamed
    assert reply.headers["Content-Type"] == "audio/mpeg"
    assert reply.headers["Content-Length"] == str(SIZE) and reply.headers["Accept-Ranges"] == "bytes"
    assert reply.headers["X-Content-Type-Options"] == "nosniff" and "no-store" in reply.headers["Cache-Control"]
    assert reply.headers["ETag"].startswith('"') and len(reply.headers["ETag"]) > 2
    assert "Content-Range" not in reply.headers
    chunks = list(reply.response)
    assert len(chunks) > 1 and max(map(len, chunks)) <= 64 * 1024 and b"".join(chunks) == SONG
    reply.close()


@pytest.mark.parametrize("header, start, end", [
    ("bytes=0-9", 0, 9),
    ("bytes=100-100", 100, 100),
    ("bytes=1000-", 1000, SIZE - 1),
    ("bytes=-500", SIZE - 500, SIZE - 1),
    ("bytes=70000-200000", 70_000, 200_000),
    (f"bytes=0-{SIZE * 10}", 0, SIZE - 1),
    (f"bytes=-{SIZE * 10}", 0, SIZE - 1),
    (f"bytes={SIZE - 1}-", SIZE - 1, SIZE - 1),
    ("BYTES = 5 - 9", 5, 9),
])
def test_one_range_is_206_with_its_content_range_and_length(client, path, header, start, end):
    reply = get(client, path, Range=header)
    assert reply.status_code == 206, header
    assert reply.headers["Content-Range"] == f"bytes {start}-{end}/{SIZE}"
    assert reply.headers["Content-Length"] == str(end - start + 1)
    assert reply.data == SONG[start:end + 1]
    assert reply.headers["Accept-Ranges"] == "bytes" and reply.headers["ETag"]


@pytest.mark.parametrize("header", [
    "bytes=0-1,5-6", "bytes=0-1, -5", "bytes=abc", "bytes=", "bytes=-", "items=0-1", "bytes=9-2", "0-1",
    "bytes=1.5-2", "bytes=--1", "garbage",
])
def test_several_or_garbage_ranges_get_the_whole_file(client, path, header):
    reply = get(client, path, Range=header)
    assert reply.status_code == 200, header
    assert reply.data == SONG and reply.headers["Content-Length"] == str(SIZE)
    assert "Content-Range" not in reply.headers


@pytest.mark.parametrize("header", [f"bytes={SIZE}-", f"bytes={SIZE * 2}-{SIZE * 3}", "bytes=-0",
                                    f"bytes={10**30}-"])
def test_an_unsatisfiable_range_is_416_with_the_size(client, path, header):
    reply = get(client, path, Range=header)
    assert reply.status_code == 416, header
    assert reply.headers["Content-Range"] == f"bytes */{SIZE}"
    assert reply.json["code"] == "range_not_satisfiable"


def test_if_range_keeps_the_range_only_for_the_current_etag(client, path):
    etag = client.get(path).headers["ETag"]
    same = get(client, path, Range="bytes=0-3", **{"If-Range": etag})
    assert same.status_code == 206 and same.data == SONG[:4]
    for other in ('"something-else"', f"W/{etag}", "Wed, 21 Oct 2015 07:28:00 GMT", ""):
        reply = get(client, path, Range="bytes=0-3", **{"If-Range": other})
        assert reply.status_code == 200 and reply.data == SONG, other


@pytest.mark.parametrize("header, status, length", [(None, 200, SIZE), ("bytes=10-19", 206, 10),
                                                    (f"bytes={SIZE}-", 416, None)])
def test_head_answers_the_same_headers_without_a_body(client, path, header, status, length):
    sent = {"Range": header} if header else {}
    head, full = get(client, path, "HEAD", **sent), get(client, path, **sent)
    assert head.status_code == full.status_code == status
    assert head.data == b""
    for name in ("Content-Type", "Accept-Ranges", "ETag", "Content-Range"):
        assert head.headers.get(name) == full.headers.get(name), name
    if length is not None:
        assert head.headers["Content-Length"] == full.headers["Content-Length"] == str(length)


def test_a_stranger_learns_nothing_not_even_the_size(make_app):
    app = make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", PUBLIC_URL="http://127.0.0.1:8000")
    owner, stranger = app.test_client(), app.test_client()
    track = created(upload_track(owner, dev_login(owner), SONG))
    dev_login(stranger, "eve@example.com")
    path = f"/api/v1/tracks/{track}/stream"
    for method in ("GET", "HEAD"):
        for header in (None, "bytes=0-9", f"bytes={SIZE}-", "bytes=-1"):
            reply = get(stranger, path, method, **({"Range": header} if header else {}))
            assert reply.status_code == 404, (method, header)
            assert not {"Content-Range", "ETag", "Accept-Ranges"} & set(reply.headers.keys())
            assert str(SIZE) not in reply.get_data(as_text=True)
    assert get(app.test_client(), path).status_code == 401


class PresigningStore(InMemoryBlobStore):
    def presigned_url(self, key, *, expires_s, filename=None, content_type=None):
        return f"https://bucket.example/{key}?expires={expires_s}&sig=abc"


def test_a_presigned_redirect_follows_the_owner_check(make_app):
    app = make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", PUBLIC_URL="http://127.0.0.1:8000",
                   TRACKS_PRESIGNED_REDIRECT="1")
    app.extensions["ignition.container"].blob_store.override(providers.Object(PresigningStore()))
    owner, stranger = app.test_client(), app.test_client()
    track = created(upload_track(owner, dev_login(owner), SONG))
    dev_login(stranger, "eve@example.com")
    path = f"/api/v1/tracks/{track}/stream"
    reply = owner.get(path, headers={"Range": "bytes=0-9"})
    assert reply.status_code == 302 and reply.headers["Cache-Control"] == "no-store"
    assert reply.headers["Location"].startswith("https://bucket.example/") and "expires=300" in reply.headers["Location"]
    assert stranger.get(path).status_code == 404


def test_without_presigned_urls_the_redirect_setting_still_streams(make_app):
    app = make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", PUBLIC_URL="http://127.0.0.1:8000",
                   TRACKS_PRESIGNED_REDIRECT="1")
    client = app.test_client()
    path = f"/api/v1/tracks/{created(upload_track(client, dev_login(client), SONG))}/stream"
    reply = client.get(path, headers={"Range": "bytes=-3"})
    assert reply.status_code == 206 and reply.data == SONG[-3:]


def test_a_store_outage_while_streaming_is_503(dev_app, client, csrf):
    store = InMemoryBlobStore()
    dev_app.extensions["ignition.container"].blob_store.override(providers.Object(store))
    path = f"/api/v1/tracks/{created(upload_track(client, csrf, SONG))}/stream"
    store.fail = True
    reply = client.get(path, headers={"Range": "bytes=0-1"})
    assert reply.status_code == 503 and reply.json["code"] == "unavailable"
