"""Multipart uploads read as a stream, with limits while reading (DESIGN §5).

A declared Content-Length over the route's body limit (its largest file limit plus FRAMING)
is refused with 413 before a byte of the body is read. The body is then decoded part by part
(Werkzeug's sans-IO MultipartDecoder; its stream-factory hook cannot see the fields that came
before the file, which the per-category limit needs): the small fields are kept, and the one
file part streams through a SpoolWriter into a temporary spool — counted (413 the moment it
passes its limit), hashed (SHA-256) and its first bytes kept for sniffing — so the body is
never held in memory. A stream without Content-Length is cut at the body limit as well.
"""
from __future__ import annotations

import hashlib
import tempfile
from contextlib import contextmanager
from typing import Callable, Iterator, Mapping

from flask import request
from marshmallow import Schema, ValidationError
from werkzeug.exceptions import RequestEntityTooLarge, UnsupportedMediaType
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

from domain.blobs import Upload
from domain.files import SNIFF_BYTES
from ports.outbound.blob_store import BlobStoreUnavailable

FILE_FIELD = "file"
FRAMING = 64 * 1024  # boundaries, part headers and the small fields beside the file
READ_SIZE = 64 * 1024
MAX_FIELD_BYTES = 16 * 1024
MAX_BUFFER = 1024 * 1024  # what the decoder may hold while it looks for a boundary
MAX_PARTS = 8
IN_MEMORY = 256 * 1024  # a spool moves to a temporary file beyond this


def too_large(limit: int) -> RequestEntityTooLarge:
    return RequestEntityTooLarge(f"The file may be at most {limit // (1024 * 1024)} MB.")


def invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


class SpoolWriter:
    """Where the file part goes: counted (413 past `limit`), hashed, its first bytes kept, spooled."""

    def __init__(self, limit: int) -> None:
        self.limit, self.size = limit, 0
        self.digest = hashlib.sha256()
        self.head = bytearray()
        self.spool = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise too_large(self.limit)
        if len(self.head) < SNIFF_BYTES:
            self.head += data[:SNIFF_BYTES - len(self.head)]
        self.digest.update(data)
        try:
            self.spool.write(data)
        except OSError as error:  # the temporary folder is full: the server's fault, and passing
            raise BlobStoreUnavailable("No room to buffer the upload.") from error

    def upload(self, filename: str | None) -> Upload:
        self.spool.seek(0)
        return Upload(filename=filename, size=self.size, sha256=self.digest.hexdigest(), head=bytes(self.head),
                      data=self.spool)


@contextmanager
def receive(schema: Schema, limits: int | Mapping[str, int],
            selector: str | None = None) -> Iterator[tuple[dict, Upload]]:
    """This request's multipart body: the fields loaded by `schema` and the spooled `file`.

    `limits` is one limit, or one per value of the field `selector` (the category): the file is
    held to its value's limit while it streams when that field came first, to the largest
    otherwise, and to its own once parsed. The spool is closed when the block ends.
    """
    per_value = limits if isinstance(limits, Mapping) else None
    largest = max(per_value.values()) if per_value else limits
    if (request.content_length or 0) > largest + FRAMING:
        raise too_large(largest)
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType("Send the file as multipart/form-data.")
    request.max_content_length = largest + FRAMING  # also cuts a stream that declared no length
    reader = _Reader(lambda fields: per_value.get(fields.get(selector), largest) if per_value else largest)
    try:
        fields, upload = reader.read(request.mimetype_params.get("boundary", ""))
        body = _load(schema, fields, upload)
        if per_value and upload.size > per_value[body[selector]]:
            raise too_large(per_value[body[selector]])
        yield body, upload
    finally:
        reader.close()


def _load(schema: Schema, fields: dict[str, str], upload: Upload | None) -> dict:
    errors = schema.validate(fields)
    if upload is None:
        errors[FILE_FIELD] = ["Missing data for required field."]
    if errors:
        raise ValidationError(errors)
    return schema.load(fields)


class _Reader:
    """One request's parts: the small fields kept as text, the one file part into a SpoolWriter."""

    def __init__(self, limit_of: Callable[[Mapping[str, str]], int]) -> None:
        self.limit_of = limit_of
        self.fields: dict[str, str] = {}
        self.filename: str | None = None
        self.writer: SpoolWriter | None = None
        self.part: tuple[str, bytearray] | None = None  # the field being read; None inside the file

    def close(self) -> None:
        if self.writer is not None:
            self.writer.spool.close()

    def read(self, boundary: str) -> tuple[dict[str, str], Upload | None]:
        if not boundary:
            raise invalid(FILE_FIELD, "The multipart body names no boundary.")
        decoder = MultipartDecoder(boundary.encode("latin-1", "replace"), max_form_memory_size=MAX_BUFFER,
                                   max_parts=MAX_PARTS)
        try:
            while True:
                chunk = request.stream.read(READ_SIZE)
                decoder.receive_data(chunk or None)
                while not isinstance(event := decoder.next_event(), (NeedData, Epilogue)):
                    self._take(event)
                if not chunk:
                    break
        except ValueError:
            raise invalid(FILE_FIELD, "Not a valid multipart/form-data body.") from None
        return self.fields, self.writer.upload(self.filename) if self.writer else None

    def _take(self, event) -> None:
        if isinstance(event, File):
            if event.name != FILE_FIELD or self.writer is not None:
                raise invalid(event.name or FILE_FIELD, "Send one file, in the field `file`.")
            self.writer, self.filename, self.part = SpoolWriter(self.limit_of(self.fields)), event.filename, None
        elif isinstance(event, Field):
            if event.name in self.fields or event.name == FILE_FIELD:
                raise invalid(event.name, "Send this field once (and the file as a file).")
            self.part = (event.name, bytearray())
        elif isinstance(event, Data):
            self._data(event)

    def _data(self, event: Data) -> None:
        if self.part is None:
            self.writer.write(event.data)
            return
        name, value = self.part
        value += event.data
        if len(value) > MAX_FIELD_BYTES:
            raise invalid(name, f"At most {MAX_FIELD_BYTES} bytes.")
        if not event.more_data:
            self.fields[name] = value.decode("utf-8", "replace")
            self.part = None
