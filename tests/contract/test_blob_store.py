"""The blob store's one contract: the fake, the filesystem and R2 (over HTTP, against moto on loopback)."""
from __future__ import annotations

import hashlib
import io
import os
import time

import pytest
import requests

from adapters.filesystem.blob_store import FilesystemBlobStore
from adapters.memory.blob_store import InMemoryBlobStore
from adapters.r2.blob_store import R2BlobStore
from ports.outbound.blob_store import BlobMissing, BlobStoreUnavailable, StoredObject
from tests.support.s3 import ACCESS_KEY, SECRET_KEY, s3_server  # noqa: F401 (a fixture)

BYTES = b"The quick brown fox jumps over the lazy dog"
LAST = len(BYTES) - 1
MIB = 1024 * 1024


def quoted_md5(data: bytes) -> str:
    return f'"{hashlib.md5(data).hexdigest()}"'


@pytest.fixture(scope="module")
def r2_client(s3_server):  # noqa: F811 (the fixture above)
    """The adapter's own client (region auto, path style, …) on moto; made once, as clients are slow to build."""
    return R2BlobStore.connect(endpoint_url=s3_server.endpoint_url, access_key_id=ACCESS_KEY,
                               secret_access_key=SECRET_KEY, bucket="unused").client


@pytest.fixture(params=["memory", "filesystem", "r2"])
def store(request, tmp_path):
    if request.param == "memory":
        return InMemoryBlobStore()
    if request.param == "filesystem":
        return FilesystemBlobStore(tmp_path / "blobs")
    return R2BlobStore(request.getfixturevalue("r2_client"), request.getfixturevalue("s3_server").new_bucket())


def put(store, key, data: bytes, content_type="application/octet-stream") -> StoredObject:
    return store.put(key, io.BytesIO(data), size=len(data), content_type=content_type)


def read(store, key, start=0, end=None) -> bytes:
    chunks = list(store.open(key, start, end))
    assert all(chunks), "an empty chunk reads like the end of the object"
    return b"".join(chunks)


def test_put_answers_what_head_then_reports(store):
    stored = put(store, "u1/document/a", BYTES, "text/plain")
    assert stored == store.head("u1/document/a")
    assert stored == StoredObject(key="u1/document/a", size=len(BYTES), etag=quoted_md5(BYTES), content_type="text/plain")


@pytest.mark.parametrize(("start", "end", "expected"), [
    (0, None, BYTES),
    (0, 0, BYTES[:1]),
    (4, 8, BYTES[4:9]),
    (10, None, BYTES[10:]),
    (LAST, LAST, BYTES[-1:]),
    (LAST, None, BYTES[-1:]),
    (40, 10_000, BYTES[40:]),
    (0, 10**12, BYTES),
    (len(BYTES), None, b""),
    (len(BYTES) + 5, len(BYTES) + 9, b""),
])
def test_open_reads_inclusive_ranges_clipped_to_the_object(store, start, end, expected):
    put(store, "u1/audio/t", BYTES)
    assert read(store, "u1/audio/t", start, end) == expected


@pytest.mark.parametrize(("start", "end"), [(-1, None), (5, 4)])
def test_a_backwards_or_negative_range_is_refused_rather_than_read_whole(store, start, end):
    put(store, "u1/audio/t", BYTES)
    with pytest.raises(ValueError):
        store.open("u1/audio/t", start, end)


def test_a_zero_byte_object_is_stored_and_reads_as_nothing(store):
    assert put(store, "u1/document/empty", b"").size == 0
    assert store.head("u1/document/empty").etag == quoted_md5(b"")
    assert read(store, "u1/document/empty") == b""
    assert read(store, "u1/document/empty", 0, 10) == b""


def test_opening_a_missing_key_raises_blob_missing_at_once(store):
    with pytest.raises(BlobMissing):
        store.open("u1/image/none")  # not only when iterated: callers answer 404 before streaming


def test_head_of_a_missing_key_is_none(store):
    assert store.head("u1/image/none") is None


def test_delete_removes_the_object_and_a_second_delete_is_fine(store):
    put(store, "u1/image/a", BYTES)
    store.delete("u1/image/a")
    store.delete("u1/image/a")
    store.delete("u1/image/never-there")
    assert store.head("u1/image/a") is None
    with pytest.raises(BlobMissing):
        store.open("u1/image/a")


def test_list_gives_exactly_the_keys_under_a_prefix_in_key_order(store):
    keys = ["u1/image/b", "u1/image/a", "u1/audio/c", "u2/image/d", "u10/image/e", "backups/2026.dump"]
    for i, key in enumerate(keys):
        put(store, key, BYTES[:i + 1])

    def listed(prefix):
        return [o.key for o in store.list(prefix)]

    assert listed("u1/") == ["u1/audio/c", "u1/image/a", "u1/image/b"]
    assert listed("u1/image/") == ["u1/image/a", "u1/image/b"]
    assert listed("u1/im") == ["u1/image/a", "u1/image/b"]
    assert listed("u1") == ["u1/audio/c", "u1/image/a", "u1/image/b", "u10/image/e"]
    assert listed("") == sorted(keys)
    assert listed("u3/") == [] and listed("u1/image/a/") == [] and listed("nothing") == []


def test_list_reports_size_and_etag_but_no_type(store):
    put(store, "u1/image/a", BYTES, "image/png")
    assert list(store.list("u1/")) == [StoredObject(key="u1/image/a", size=len(BYTES), etag=quoted_md5(BYTES))]


def test_a_put_under_the_same_key_replaces_the_object(store):
    put(store, "u1/audio/t", BYTES, "audio/mpeg")
    stored = put(store, "u1/audio/t", b"new bytes", "audio/wav")
    assert stored == store.head("u1/audio/t") == StoredObject("u1/audio/t", 9, quoted_md5(b"new bytes"), "audio/wav")
    assert read(store, "u1/audio/t") == b"new bytes"
    assert [o.key for o in store.list("u1/")] == ["u1/audio/t"]


@pytest.mark.parametrize("declared", [len(BYTES) + 1, len(BYTES) - 1])
def test_a_stream_of_another_length_than_declared_stores_nothing(store, declared):
    put(store, "u1/audio/t", b"old")
    with pytest.raises(ValueError):
        store.put("u1/audio/t", io.BytesIO(BYTES), size=declared, content_type="audio/mpeg")
    assert read(store, "u1/audio/t") == b"old"
    with pytest.raises(ValueError):
        store.put("u1/audio/new", io.BytesIO(BYTES), size=declared, content_type="audio/mpeg")
    assert store.head("u1/audio/new") is None and [o.key for o in store.list("")] == ["u1/audio/t"]


def test_a_read_abandoned_half_way_can_be_closed(store):
    put(store, "u1/audio/t", BYTES)
    chunks = store.open("u1/audio/t")
    chunks.close()  # werkzeug closes a response's iterable when the client goes away


def test_a_large_object_goes_up_from_disk_and_streams_back_in_chunks(store, tmp_path):
    source = tmp_path / "large.bin"
    digest = hashlib.sha256()
    with source.open("wb") as out:
        for _ in range(20):
            block = os.urandom(MIB)
            out.write(block)
            digest.update(block)
    with source.open("rb") as data:
        stored = store.put("u1/audio/large", data, size=20 * MIB, content_type="audio/wav")
    assert stored.size == 20 * MIB and stored.content_type == "audio/wav"
    assert store.head("u1/audio/large") == stored
    assert stored.etag.startswith('"') and stored.etag.endswith('"') and len(stored.etag) > 2
    if isinstance(store, R2BlobStore):
        assert stored.etag.endswith('-3"')  # three 8 MiB parts: a multipart upload
    chunks, back = 0, hashlib.sha256()
    for chunk in store.open("u1/audio/large"):
        assert 0 < len(chunk) <= MIB
        chunks += 1
        back.update(chunk)
    assert chunks > 1 and back.hexdigest() == digest.hexdigest()


def test_a_presigned_url_downloads_the_bytes_where_the_store_has_them(store):
    put(store, "u1/audio/t", BYTES, "audio/mpeg")
    url = store.presigned_url("u1/audio/t", expires_s=60, filename="Take 1 ü.mp3", content_type="audio/mpeg")
    if not isinstance(store, R2BlobStore):
        assert url is None
        return
    reply = requests.get(url, timeout=5)
    assert reply.status_code == 200 and reply.content == BYTES
    assert reply.headers["Content-Type"] == "audio/mpeg"
    assert reply.headers["Content-Disposition"] == (
        "attachment; filename=\"Take 1 _.mp3\"; filename*=UTF-8''Take%201%20%C3%BC.mp3")


# Outages: a store that cannot be reached answers BlobStoreUnavailable quickly, never hangs.

@pytest.fixture(scope="module")
def unreachable_r2():
    from ignition.localpg import free_port

    return R2BlobStore.connect(endpoint_url=f"http://127.0.0.1:{free_port()}", access_key_id=ACCESS_KEY,
                               secret_access_key=SECRET_KEY, bucket="ignition-blobs")


@pytest.mark.parametrize("operation", [
    lambda s: put(s, "u1/image/a", BYTES),
    lambda s: put(s, "u1/audio/large", b"x" * (9 * MIB)),
    lambda s: s.open("u1/image/a"),
    lambda s: s.head("u1/image/a"),
    lambda s: list(s.list("u1/")),
    lambda s: s.delete("u1/image/a"),
    lambda s: s.check(),
], ids=["put", "put-multipart", "open", "head", "list", "delete", "check"])
def test_r2_on_a_closed_port_is_unavailable_within_seconds(unreachable_r2, operation):
    started = time.monotonic()
    with pytest.raises(BlobStoreUnavailable):
        operation(unreachable_r2)
    assert time.monotonic() - started < 5


def test_the_filesystem_store_on_a_root_that_is_a_file_is_unavailable(tmp_path):
    root = tmp_path / "not-a-folder"
    root.write_bytes(b"")
    store = FilesystemBlobStore(root)
    with pytest.raises(BlobStoreUnavailable):
        put(store, "u1/image/a", BYTES)
    with pytest.raises(BlobStoreUnavailable):
        list(store.list(""))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permissions")
def test_the_filesystem_store_on_a_read_only_folder_is_unavailable(tmp_path):
    (tmp_path / "blobs").mkdir(mode=0o500)
    with pytest.raises(BlobStoreUnavailable):
        put(FilesystemBlobStore(tmp_path / "blobs"), "u1/image/a", BYTES)


def test_the_fake_set_to_fail_is_unavailable():
    store = InMemoryBlobStore()
    store.fail = True
    with pytest.raises(BlobStoreUnavailable):
        put(store, "u1/image/a", BYTES)


# The filesystem store maps keys to paths: it must refuse any key that could leave its folder.

@pytest.mark.parametrize("key", ["../x", "/etc/passwd", "a//b", "a/./b", "a/../b", "a/b/", "a b", "x.meta", "x.part", ""])
def test_the_filesystem_store_refuses_keys_that_are_not_plain_paths(tmp_path, key):
    store = FilesystemBlobStore(tmp_path / "blobs")
    with pytest.raises(ValueError):
        put(store, key, BYTES)
    with pytest.raises(ValueError):
        store.head(key)


def test_the_filesystem_listing_never_leaves_its_folder_nor_shows_its_bookkeeping(tmp_path):
    (tmp_path / "secret").write_bytes(b"outside")
    store = FilesystemBlobStore(tmp_path / "blobs")
    put(store, "u1/image/a", BYTES)
    (tmp_path / "blobs" / "u1" / "image" / "b.123.part").write_bytes(b"half")
    assert [o.key for o in store.list("")] == ["u1/image/a"]
    assert list(store.list("../")) == [] and list(store.list("/")) == []


def test_the_filesystem_etag_follows_bytes_replaced_behind_its_back(tmp_path):
    store = FilesystemBlobStore(tmp_path / "blobs")
    put(store, "u1/image/a", BYTES, "image/png")
    path = tmp_path / "blobs" / "u1" / "image" / "a"
    replacement = path.with_name("other")
    replacement.write_bytes(b"edited by hand")
    os.replace(replacement, path)  # a new inode: the meta no longer describes it
    assert store.head("u1/image/a") == StoredObject("u1/image/a", 14, quoted_md5(b"edited by hand"))


def test_the_filesystem_store_remembers_the_etag_of_a_file_put_there_by_hand(tmp_path):
    store = FilesystemBlobStore(tmp_path / "blobs")
    (tmp_path / "blobs" / "backups").mkdir(parents=True)
    (tmp_path / "blobs" / "backups" / "x.dump").write_bytes(BYTES)
    assert store.head("backups/x.dump").etag == quoted_md5(BYTES)
    assert (tmp_path / "blobs" / "backups" / "x.dump.meta").exists()
    assert [o.etag for o in store.list("backups/")] == [quoted_md5(BYTES)]


def test_a_folder_is_not_an_object(store):
    put(store, "u1/image/a", BYTES)
    assert store.head("u1/image") is None and store.head("u1") is None
    with pytest.raises(BlobMissing):
        store.open("u1/image")


# R2's answers other than success, as botocore reports them (Stubber: no network).

@pytest.fixture
def stubbed():
    from botocore.stub import Stubber

    store = R2BlobStore.connect(endpoint_url="http://127.0.0.1:9", access_key_id=ACCESS_KEY,
                                secret_access_key=SECRET_KEY, bucket="ignition-blobs")
    with Stubber(store.client) as stubber:
        yield store, stubber


@pytest.mark.parametrize(("status", "code"), [(500, "InternalError"), (503, "SlowDown"), (502, "BadGateway"),
                                              (404, "NoSuchBucket")])
def test_r2_server_errors_and_a_missing_bucket_are_unavailable(stubbed, status, code):
    store, stubber = stubbed
    stubber.add_client_error("head_object", service_error_code=code, http_status_code=status)
    stubber.add_client_error("put_object", service_error_code=code, http_status_code=status)
    with pytest.raises(BlobStoreUnavailable):
        store.head("u1/image/a")
    with pytest.raises(BlobStoreUnavailable):
        put(store, "u1/image/a", BYTES)


def test_r2_refusing_our_credentials_is_an_error_of_ours_not_an_outage(stubbed):
    from botocore.exceptions import ClientError

    store, stubber = stubbed
    stubber.add_client_error("get_object", service_error_code="AccessDenied", http_status_code=403)
    with pytest.raises(ClientError):
        store.open("u1/image/a")


def test_r2_cutting_a_download_short_is_unavailable_and_releases_the_connection(stubbed):
    from botocore.response import StreamingBody
    from urllib3.exceptions import ProtocolError

    class CutShort(io.RawIOBase):
        closed_by_us = False

        def read(self, size=-1):
            raise ProtocolError("Connection broken: IncompleteRead")

        def close(self):
            CutShort.closed_by_us = True

    store, stubber = stubbed
    stubber.add_response("get_object", {"Body": StreamingBody(CutShort(), 100), "ContentLength": 100},
                         {"Bucket": "ignition-blobs", "Key": "u1/audio/t"})
    chunks = store.open("u1/audio/t")
    with pytest.raises(BlobStoreUnavailable):
        next(chunks)
    assert CutShort.closed_by_us
