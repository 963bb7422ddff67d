"""HTTP byte ranges (RFC 9110 §14) for streaming tracks.

One range (`a-b`, `a-`, `-n`) → 206 with that slice; several ranges, or a header that is not
a byte range at all → 200 with the whole file (a server may ignore Range); a syntactically
valid range that no byte satisfies → 416 with `Content-Range: bytes */size`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_SPEC = re.compile(r"^\s*(\d*)\s*-\s*(\d*)\s*$")


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def content_range(self, size: int) -> str:
        return f"bytes {self.start}-{self.end}/{size}"


class Unsatisfiable(Exception):
    """The range asks for bytes the file does not have."""


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The one range to serve, None for the whole file; raises Unsatisfiable (416)."""
    if not header:
        return None
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or not spec or "," in spec:
        return None
    match = _SPEC.match(spec)
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable()
        return ByteRange(max(size - suffix, 0), size - 1)
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None  # invalid syntax: ignore the header
    if start >= size:
        raise Unsatisfiable()
    return ByteRange(start, min(end, size - 1))


def if_range_allows(if_range: str | None, etag: str) -> bool:
    """If-Range with our ETag (strong compare) keeps the range; anything else means the whole file."""
    if if_range is None:
        return True
    return if_range.strip() == etag and not if_range.strip().startswith("W/")
