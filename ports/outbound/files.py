"""Where the rows of stored files live: blobs, reference tracks and their analyses.

The bytes are in the BlobStore; these rows say whose they are. Reads take the owner's id,
except `get_any`, which only the admins' downloads use.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from uuid import UUID

from domain.blobs import Blob
from domain.paging import PageRequest
from domain.tracks import Track, TrackAnalysis


class BlobRepository(ABC):
    @abstractmethod
    def add(self, blob: Blob) -> None:
        """Insert a new blob row."""

    @abstractmethod
    def get_owned(self, blob_id: UUID, user_id: UUID) -> Blob | None:
        """The user's blob, or None (anyone else's too)."""

    @abstractmethod
    def get_any(self, blob_id: UUID) -> Blob | None:
        """The blob whoever owns it (admin downloads only)."""

    @abstractmethod
    def remove(self, blob: Blob) -> None:
        """Delete the row (tracks that point at it go with it)."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest, category: str | None = None) -> list[Blob]:
        """Newest first by (created_at, id), after `request.after`; up to limit + 1 rows."""

    @abstractmethod
    def storage_keys(self) -> set[str]:
        """Every key a blob row names (the orphan sweep)."""

    @abstractmethod
    def existing_keys(self, keys: list[str]) -> set[str]:
        """Which of `keys` a blob row names, in one query."""

    @abstractmethod
    def remove_by_keys(self, keys: list[str]) -> int:
        """Delete the rows naming these keys; how many went."""


class TrackRepository(ABC):
    @abstractmethod
    def add(self, track: Track) -> None:
        """Insert a new track that owns its object."""

    @abstractmethod
    def get_owned(self, track_id: UUID, user_id: UUID, *, lock: bool = False) -> Track | None:
        """The user's track (its key resolved through its blob when it has one), or None;
        `lock` holds the row until the transaction ends."""

    @abstractmethod
    def get_any(self, track_id: UUID) -> Track | None:
        """The track whoever owns it (admin streams only)."""

    @abstractmethod
    def save(self, track: Track) -> None:
        """Write back the title and updated_at."""

    @abstractmethod
    def remove(self, track: Track) -> None:
        """Delete the track and its analysis."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest) -> list[Track]:
        """Newest first by (created_at, id), after `request.after`; up to limit + 1 rows."""

    @abstractmethod
    def storage_keys(self) -> set[str]:
        """Every key a track row owns (the orphan sweep)."""

    @abstractmethod
    def existing_keys(self, keys: list[str]) -> set[str]:
        """Which of `keys` a track row owns, in one query."""

    @abstractmethod
    def remove_by_keys(self, keys: list[str]) -> int:
        """Delete the tracks owning these keys (and their analyses); how many went."""

    @abstractmethod
    def with_analysis(self, track_id: UUID, user_id: UUID) -> tuple[Track, TrackAnalysis | None] | None:
        """The user's track with its stored analysis (None while it has none), read together; None when
        the track is not the user's (or does not exist)."""

    @abstractmethod
    def put_analysis(self, analysis: TrackAnalysis) -> None:
        """Insert or replace the track's analysis (one per track)."""
