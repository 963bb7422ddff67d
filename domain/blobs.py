"""Uploaded files: what an upload must prove before it is stored, the blob it becomes, and
which stored objects the orphan sweep may remove (DESIGN §5, §8).

The bytes are in the blob store under a key the server builds; the row holds what the
client may see. An upload's type is what its first bytes say (`files.sniff`), never what the
client claims.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO
from uuid import UUID, uuid4

from domain import files
from domain.errors import InvalidInput, UnsupportedMediaType
from domain.users import User

PROTECTED_PREFIXES = ("backups/",)  # the sweep never touches these keys


@dataclass(frozen=True)
class Upload:
    """A file the transport received and spooled: the name as sent, size, SHA-256 (hex), first bytes, the body."""

    filename: str | None
    size: int
    sha256: str
    head: bytes
    data: BinaryIO


@dataclass(frozen=True)
class Accepted:
    """What the bytes proved: the sniffed type and the safe display name."""

    content_type: str
    filename: str


def accept(upload: Upload, category: str) -> Accepted:
    """Check an upload against a category: a name that is no path, some bytes, a type the category allows."""
    if category not in files.CATEGORIES:
        raise InvalidInput("category", f"Must be one of: {', '.join(files.CATEGORIES)}.")
    if files.is_path_like(upload.filename):
        raise InvalidInput("file", "Send a file name, not a path.")
    if upload.size <= 0:
        raise InvalidInput("file", "The file is empty.")
    content_type = files.sniff(upload.head)
    if content_type not in files.ALLOWED[category]:
        allowed = ", ".join(sorted(files.ALLOWED[category]))
        raise UnsupportedMediaType(f"This is not a file of an accepted {category} type ({allowed}).",
                                   sniffed=content_type)
    return Accepted(content_type, files.safe_filename(upload.filename, content_type))


@dataclass
class Blob:
    id: UUID
    user_id: UUID
    key: str
    category: str
    content_type: str
    size: int
    filename: str
    sha256: str
    created_at: datetime

    @classmethod
    def create(cls, user_id: UUID, category: str, upload: Upload, now: datetime) -> "Blob":
        """A new blob for an accepted upload, under a key built here (never from the client's name)."""
        accepted = accept(upload, category)
        blob_id = uuid4()
        return cls(id=blob_id, user_id=user_id, key=files.storage_key(user_id, category, blob_id), category=category,
                   content_type=accepted.content_type, size=upload.size, filename=accepted.filename,
                   sha256=upload.sha256, created_at=now)


def downloads_any(user: User) -> bool:
    """Admins may download anyone's files (and only download them, DESIGN §4); others only their own."""
    return user.is_admin


def protected(key: str) -> bool:
    return key.startswith(PROTECTED_PREFIXES)


@dataclass(frozen=True)
class SweepPlan:
    """Objects without a row and rows without an object, sorted; protected keys never appear."""

    objects_without_rows: list[str]
    rows_without_objects: list[str]


def sweep_plan(stored: set[str], rows: set[str]) -> SweepPlan:
    """Compare the store's keys with the keys the rows name."""
    stored = {key for key in stored if not protected(key)}
    rows = {key for key in rows if not protected(key)}
    return SweepPlan(sorted(stored - rows), sorted(rows - stored))
