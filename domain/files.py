"""Files people upload: categories, what the bytes say they are, limits and safe names.

The type is sniffed from the first bytes, never taken from the client (DESIGN §5).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

CATEGORIES = ("image", "audio", "document")
SNIFF_BYTES = 64  # enough for every signature below

# (content type, test on the first bytes)
_SIGNATURES: list[tuple[str, Callable[[bytes], bool]]] = [
    ("image/png", lambda b: b.startswith(b"\x89PNG\r\n\x1a\n")),
    ("image/jpeg", lambda b: b.startswith(b"\xff\xd8\xff")),
    ("image/gif", lambda b: b[:6] in (b"GIF87a", b"GIF89a")),
    ("image/webp", lambda b: b[:4] == b"RIFF" and b[8:12] == b"WEBP"),
    ("audio/wav", lambda b: b[:4] == b"RIFF" and b[8:12] == b"WAVE"),
    ("audio/flac", lambda b: b.startswith(b"fLaC")),
    ("audio/ogg", lambda b: b.startswith(b"OggS")),
    ("audio/mpeg", lambda b: b.startswith(b"ID3") or (len(b) > 1 and b[0] == 0xFF and b[1] & 0xE0 == 0xE0)),
    ("audio/mp4", lambda b: b[4:8] == b"ftyp" and b[8:12] in (b"M4A ", b"M4B ", b"mp42", b"isom", b"dash")),
    ("application/pdf", lambda b: b.startswith(b"%PDF-")),
    ("application/zip", lambda b: b.startswith(b"PK\x03\x04")),  # docx, xlsx, odt … are zip files
]
ALLOWED = {
    "image": {"image/png", "image/jpeg", "image/gif", "image/webp"},
    "audio": {"audio/mpeg", "audio/wav", "audio/ogg", "audio/flac", "audio/mp4"},
    "document": {"application/pdf", "application/zip", "text/plain"},
}
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
              "audio/mpeg": "mp3", "audio/wav": "wav", "audio/ogg": "ogg", "audio/flac": "flac",
              "audio/mp4": "m4a", "application/pdf": "pdf", "application/zip": "zip", "text/plain": "txt"}


def sniff(head: bytes) -> str | None:
    """The content type the first bytes prove, or None when they prove nothing we accept."""
    for content_type, matches in _SIGNATURES:
        if matches(head):
            return content_type
    if head and _looks_like_text(head):
        return "text/plain"
    return None


def _looks_like_text(head: bytes) -> bool:
    """UTF-8 without control characters; a character cut at the end of `head` is allowed."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3 or error.reason != "unexpected end of data":
            return False
        text = head[:error.start].decode("utf-8")
    return bool(text) and all(ch.isprintable() or ch in "\r\n\t" for ch in text)


def limit_bytes(category: str, limits_mb: dict[str, int]) -> int:
    return limits_mb[category] * 1024 * 1024


SAFE_NAME = re.compile(r"[^A-Za-z0-9._ ()-]+")


def safe_filename(raw: str | None, content_type: str) -> str:
    """The last path component, stripped to harmless characters; never empty, never hidden."""
    name = (raw or "").replace("\\", "/").split("/")[-1]
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    name = SAFE_NAME.sub("_", name).strip(" ._")[:120]
    stem, dot, _ = name.rpartition(".")
    if not name or (dot and not stem.strip(" ._")) or "." not in name and name == EXTENSIONS.get(content_type):
        return f"file.{EXTENSIONS.get(content_type, 'bin')}"
    return name


def is_path_like(raw: str | None) -> bool:
    """A client name that tries to be a path (…/x, C:\\x, ..): refused outright."""
    if not raw:
        return False
    return "/" in raw or "\\" in raw or raw in (".", "..") or "\x00" in raw or bool(re.match(r"^[A-Za-z]:", raw))


def storage_key(user_id, category: str, object_id) -> str:
    """Keys are built by the server only: {user_id}/{category}/{uuid}."""
    return f"{user_id}/{category}/{object_id}"
