"""Audio reference tracks and their analysis (bpm, key, loudness, duration, waveform peaks).

A track uploaded through /tracks owns its object, under `{user_id}/tracks/{track_id}`; a track
may instead point at an audio blob (`blob_id`), whose object it does not own. An analysis is
computed elsewhere (the browser or a worker) and stored as given once it passes these checks.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID, uuid4

from domain import files
from domain.blobs import Upload, accept
from domain.errors import InvalidInput

KEY_SEGMENT = "tracks"  # tracks' own objects: {user_id}/tracks/{track_id}
MAX_TITLE = 200
MAX_BPM = 400.0
LOUDNESS_RANGE = (-70.0, 10.0)  # LUFS
MAX_DURATION_SECONDS = 86_400.0  # a day
MAX_WAVEFORM = 4096
MAX_KEY, MAX_ANALYZER_VERSION = 20, 50


def clean_text(name: str, value: object, min_length: int, max_length: int) -> str:
    """Trimmed text that a database can store (no NUL), of `min_length`–`max_length` characters."""
    if not isinstance(value, str):
        raise InvalidInput(name, "Must be text.")
    value = value.strip()
    if "\x00" in value:
        raise InvalidInput(name, "Must not contain NUL characters.")
    if not min_length <= len(value) <= max_length:
        raise InvalidInput(name, f"Must be {min_length}–{max_length} characters (not only spaces).")
    return value


@dataclass
class Track:
    id: UUID
    user_id: UUID
    title: str
    key: str  # where the bytes are
    owns_key: bool  # False when the bytes belong to a blob row (`blob_id`)
    content_type: str
    size: int
    filename: str | None
    sha256: str | None
    created_at: datetime
    updated_at: datetime
    blob_id: UUID | None = None

    @classmethod
    def create(cls, user_id: UUID, title: object, upload: Upload, now: datetime) -> "Track":
        """A new track for an upload whose bytes are audio (mp3, wav, ogg, flac, m4a)."""
        title = clean_text("title", title, 1, MAX_TITLE)
        accepted = accept(upload, "audio")
        track_id = uuid4()
        return cls(id=track_id, user_id=user_id, title=title, key=files.storage_key(user_id, KEY_SEGMENT, track_id),
                   owns_key=True, content_type=accepted.content_type, size=upload.size, filename=accepted.filename,
                   sha256=upload.sha256, created_at=now, updated_at=now)

    def rename(self, title: object, now: datetime) -> None:
        self.title, self.updated_at = clean_text("title", title, 1, MAX_TITLE), now


def _number(name: str, value: object, low: float, high: float, *, above_low: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidInput(name, "Must be a finite number.")
    if value > high or value < low or (above_low and value == low):
        bound = f"above {low:g}" if above_low else f"at least {low:g}"
        raise InvalidInput(name, f"Must be {bound} and at most {high:g}.")
    return float(value)


def _waveform(value: object) -> list[float]:
    if not isinstance(value, (list, tuple)):
        raise InvalidInput("waveform", "Must be a list of numbers from 0 to 1.")
    if len(value) > MAX_WAVEFORM:
        raise InvalidInput("waveform", f"At most {MAX_WAVEFORM} peaks.")
    return [_number("waveform", peak, 0.0, 1.0) for peak in value]


@dataclass
class TrackAnalysis:
    track_id: UUID
    user_id: UUID
    bpm: float
    duration_seconds: float
    analyzer_version: str
    updated_at: datetime
    key: str | None = None
    loudness_lufs: float | None = None
    waveform: list[float] = field(default_factory=list)

    @classmethod
    def of(cls, track: Track, values: dict, now: datetime) -> "TrackAnalysis":
        """A complete analysis of `track` (PUT replaces the whole of it); every value is checked."""
        key = values.get("key")
        loudness = values.get("loudness_lufs")
        return cls(track_id=track.id, user_id=track.user_id,
                   bpm=_number("bpm", values.get("bpm"), 0.0, MAX_BPM, above_low=True),
                   duration_seconds=_number("duration_seconds", values.get("duration_seconds"), 0.0,
                                            MAX_DURATION_SECONDS),
                   analyzer_version=clean_text("analyzer_version", values.get("analyzer_version"), 1,
                                               MAX_ANALYZER_VERSION),
                   key=None if key is None else clean_text("key", key, 1, MAX_KEY),
                   loudness_lufs=None if loudness is None else _number("loudness_lufs", loudness, *LOUDNESS_RANGE),
                   waveform=_waveform(values.get("waveform", [])), updated_at=now)
