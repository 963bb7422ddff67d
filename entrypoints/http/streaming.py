"""Byte responses streamed from the blob store: downloads and track streams with ranges.

Werkzeug's send_file is not used: it answers 416 to several or garbage ranges, where the
contract wants 200 with the whole file (`domain.ranges` decides). The body is a generator
over the store's chunks (`direct_passthrough`), so a file is never whole in memory; a client
that goes away closes the generator, which closes the store's stream.
"""
from __future__ import annotations

from typing import Iterable, Iterator
from urllib.parse import quote

from flask import Response, redirect

from entrypoints.http.errors import envelope
from ports.inbound.tracks import TrackStream

PRIVATE = "private, no-store"


def content_disposition(kind: str, filename: str) -> str:
    """`attachment; filename="safe"; filename*=UTF-8''…` — the name is already reduced to safe characters."""
    plain = filename.replace("\\", "_").replace('"', "_")
    return f"{kind}; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _relay(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Pass the store's chunks through and close them when the response is done or abandoned."""
    try:
        yield from chunks
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()


def download(chunks: Iterable[bytes], *, size: int, content_type: str, filename: str) -> Response:
    """A whole file as an attachment (blob downloads)."""
    response = Response(_relay(chunks), status=200, content_type=content_type, direct_passthrough=True)
    response.headers.update({"Content-Length": str(size), "Cache-Control": PRIVATE,
                             "Content-Disposition": content_disposition("attachment", filename or "file"),
                             "X-Content-Type-Options": "nosniff"})
    return response


def track_response(stream: TrackStream) -> Response:
    """302 to a presigned URL, 416, 206 with one range, or 200 with the whole file; HEAD gets no body."""
    if stream.redirect_url:
        response = redirect(stream.redirect_url, 302)
        response.headers["Cache-Control"] = "no-store"
        return response
    common = {"Accept-Ranges": "bytes", "ETag": stream.etag, "Cache-Control": PRIVATE,
              "X-Content-Type-Options": "nosniff"}
    if not stream.satisfiable:
        return envelope(416, "The range asks for bytes the file does not have.", "range_not_satisfiable",
                        headers={**common, "Content-Range": f"bytes */{stream.size}"})
    wanted = stream.range
    headers = {**common, "Content-Length": str(wanted.length if wanted else stream.size)}
    if wanted:
        headers["Content-Range"] = wanted.content_range(stream.size)
    body = _relay(stream.chunks) if stream.chunks is not None else iter(())
    response = Response(body, status=206 if wanted else 200, content_type=stream.track.content_type,
                        direct_passthrough=True)
    response.headers.update(headers)
    return response
