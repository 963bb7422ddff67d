"""The multipart reader on a bare Flask request: counted, hashed, spooled to disk, limited while
it streams, and closed when the handler is done. No database, no app."""
from __future__ import annotations

import errno
import hashlib
import io

import pytest
from flask import Flask
from marshmallow import Schema, ValidationError, fields
from werkzeug.exceptions import RequestEntityTooLarge, UnsupportedMediaType

from ports.outbound.blob_store import BlobStoreUnavailable

from entrypoints.http.uploads import FRAMING, IN_MEMORY, MAX_FIELD_BYTES, SpoolWriter, receive

BOUNDARY = "b0undary"
KB = 1024


class Fields(Schema):
    category = fields.String(required=True)


def body(*parts: tuple) -> bytes:
    out = b""
    for name, value, *filename in parts:
        extra = f'; filename="{filename[0]}"' if filename else ""
        out += f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"{extra}\r\n\r\n'.encode()
        out += (value if isinstance(value, bytes) else value.encode()) + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


@pytest.fixture
def app():
    app = Flask("uploads-test")
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024  # as the real app: 1 MiB for JSON
    return app


def request_with(app, data: bytes, content_type: str = f"multipart/form-data; boundary={BOUNDARY}",
                 length: int | None = None):
    stream = io.BytesIO(data)
    context = app.test_request_context("/", method="POST", environ_overrides={
        "wsgi.input": stream, "CONTENT_LENGTH": str(len(data) if length is None else length),
        "CONTENT_TYPE": content_type})
    return context, stream


def test_the_writer_counts_hashes_keeps_the_head_and_spools_to_disk():
    writer = SpoolWriter(limit=10 * IN_MEMORY)
    data = bytes(range(256)) * (2 * IN_MEMORY // 256)
    for i in range(0, len(data), 1000):
        writer.write(data[i:i + 1000])
    upload = writer.upload("a.bin")
    assert (upload.size, upload.sha256, upload.head) == (len(data), hashlib.sha256(data).hexdigest(), data[:64])
    assert writer.spool._rolled  # on disk, not in memory
    assert upload.data.read() == data


def test_the_writer_refuses_the_byte_past_its_limit():
    writer = SpoolWriter(limit=10)
    writer.write(b"x" * 10)
    with pytest.raises(RequestEntityTooLarge):
        writer.write(b"x")


def test_fields_and_the_file_come_out_and_the_spool_closes_after(app):
    context, _ = request_with(app, body(("category", "image"), ("file", b"\x89PNG data", "p.png")))
    with context:
        with receive(Fields(), {"image": KB, "audio": 4 * KB}, "category") as (loaded, upload):
            assert loaded == {"category": "image"} and upload.filename == "p.png"
            assert upload.data.read() == b"\x89PNG data"
        assert upload.data.closed


def test_the_category_named_first_limits_the_file_while_it_streams(app):
    data = body(("category", "image"), ("file", b"x" * (64 * KB * 4), "p.png"))
    context, stream = request_with(app, data)
    with context, pytest.raises(RequestEntityTooLarge):
        with receive(Fields(), {"image": KB, "audio": 1024 * KB}, "category"):
            pass
    assert stream.tell() <= 2 * 64 * KB < len(data)


def test_a_category_named_after_the_file_limits_it_once_parsed(app):
    context, _ = request_with(app, body(("file", b"x" * (2 * KB), "p.png"), ("category", "image")))
    with context, pytest.raises(RequestEntityTooLarge):
        with receive(Fields(), {"image": KB, "audio": 1024 * KB}, "category"):
            pass


def test_a_body_over_the_json_limit_is_fine_for_an_upload_route(app):
    big = b"x" * (3 * 1024 * KB // 2)
    context, _ = request_with(app, body(("category", "audio"), ("file", big, "a.mp3")))
    with context:
        with receive(Fields(), {"image": KB, "audio": 2048 * KB}, "category") as (_, upload):
            assert upload.size == len(big)


def test_a_declared_length_over_the_route_limit_is_refused_unread(app):
    context, stream = request_with(app, b"x" * 10, length=4 * KB + FRAMING + 1)
    with context, pytest.raises(RequestEntityTooLarge):
        with receive(Fields(), 4 * KB):
            pass
    assert stream.tell() == 0


def test_other_bodies_are_415_and_broken_ones_400(app):
    context, _ = request_with(app, b"{}", "application/json")
    with context, pytest.raises(UnsupportedMediaType):
        with receive(Fields(), KB):
            pass
    context, _ = request_with(app, b"--b0undary\r\ngarbage")
    with context, pytest.raises(ValidationError) as caught:
        with receive(Fields(), KB):
            pass
    assert list(caught.value.messages) == ["file"]


def test_a_huge_field_and_too_many_parts_are_refused(app):
    context, _ = request_with(app, body(("category", "x" * (MAX_FIELD_BYTES + 1)), ("file", b"x", "a")))
    with context, pytest.raises(ValidationError) as caught:
        with receive(Fields(), KB):
            pass
    assert list(caught.value.messages) == ["category"]
    context, _ = request_with(app, body(*[(f"f{n}", "v") for n in range(20)]))
    with context, pytest.raises(RequestEntityTooLarge):
        with receive(Fields(), KB):
            pass


def test_a_full_temporary_folder_is_the_services_fault_not_the_clients():
    class FullDisk:
        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    writer = SpoolWriter(limit=1024)
    writer.spool = FullDisk()
    with pytest.raises(BlobStoreUnavailable):
        writer.write(b"x" * 10)
