"""Where file bytes live: R2 in production, a folder on one machine, memory in tests."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import BinaryIO, Iterator


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int
    etag: str  # quoted, e.g. "\"9b2cf535f27731c974343645a3985328\""
    content_type: str | None = None


class BlobStoreUnavailable(Exception):
    """The store cannot be reached or did not answer in time (HTTP 503)."""


class BlobMissing(Exception):
    """No object under that key."""


class BlobStore(ABC):
    @abstractmethod
    def put(self, key: str, data: BinaryIO, *, size: int, content_type: str) -> StoredObject:
        """Store the readable `data` (exactly `size` bytes) under `key`, replacing any object there."""

    @abstractmethod
    def open(self, key: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """The object's bytes from `start` to `end` (inclusive; None: to the end) as chunks,
        read lazily — never the whole object in memory. Raises BlobMissing."""

    @abstractmethod
    def head(self, key: str) -> StoredObject | None:
        """Size, ETag and type of the object, or None."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the object; a missing one is fine."""

    @abstractmethod
    def list(self, prefix: str = "") -> Iterator[StoredObject]:
        """Every object whose key starts with `prefix`."""

    @abstractmethod
    def presigned_url(self, key: str, *, expires_s: int, filename: str | None = None,
                      content_type: str | None = None) -> str | None:
        """A short-lived URL to GET the object directly, or None where the store has none."""
