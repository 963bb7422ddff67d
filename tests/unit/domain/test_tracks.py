"""Tracks (audio only, a title of 1–200 characters) and the checks every analysis passes."""
from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.blobs import Upload, UnsupportedMediaType
from domain.errors import InvalidInput
from domain.tracks import MAX_WAVEFORM, Track, TrackAnalysis

NOW = datetime(2026, 2, 1, 8, 0, tzinfo=timezone.utc)
MP3 = b"ID3\x04\x00" + b"\x00" * 100
GOOD = {"bpm": 120, "key": "A minor", "loudness_lufs": -14.0, "duration_seconds": 180.5,
        "waveform": [0, 0.25, 1], "analyzer_version": "essentia-2.1"}


def upload(data: bytes = MP3, filename: str = "take.mp3") -> Upload:
    return Upload(filename, len(data), hashlib.sha256(data).hexdigest(), data[:64], io.BytesIO(data))


def a_track() -> Track:
    return Track.create(uuid4(), "Warm-up", upload(), NOW)


def field_of(error: InvalidInput) -> str:
    return next(iter(error.details["fields"]))


def test_a_track_owns_a_key_under_tracks_and_keeps_what_the_bytes_said():
    track = a_track()
    assert track.key == f"{track.user_id}/tracks/{track.id}" and track.owns_key and track.blob_id is None
    assert (track.title, track.content_type, track.size, track.filename) == ("Warm-up", "audio/mpeg", len(MP3),
                                                                             "take.mp3")
    assert track.created_at == track.updated_at == NOW


def test_a_title_is_trimmed_and_must_have_1_to_200_characters():
    assert Track.create(uuid4(), "  Scales  ", upload(), NOW).title == "Scales"
    assert len(Track.create(uuid4(), "x" * 200, upload(), NOW).title) == 200
    for bad in ("", "   ", "x" * 201, None, 5, "nul\x00"):
        with pytest.raises(InvalidInput) as caught:
            Track.create(uuid4(), bad, upload(), NOW)
        assert field_of(caught.value) == "title"


def test_a_track_must_be_audio():
    with pytest.raises(UnsupportedMediaType):
        Track.create(uuid4(), "Picture", upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 10), NOW)


def test_a_rename_changes_the_title_and_updated_at_only():
    track = a_track()
    track.rename(" Cool-down ", NOW + timedelta(hours=1))
    assert (track.title, track.updated_at, track.created_at) == ("Cool-down", NOW + timedelta(hours=1), NOW)
    with pytest.raises(InvalidInput):
        track.rename("", NOW)


def test_a_good_analysis_is_kept_as_given():
    track = a_track()
    analysis = TrackAnalysis.of(track, GOOD, NOW)
    assert (analysis.track_id, analysis.user_id, analysis.bpm, analysis.key, analysis.waveform) == \
        (track.id, track.user_id, 120.0, "A minor", [0.0, 0.25, 1.0])
    minimal = TrackAnalysis.of(track, {"bpm": 0.1, "duration_seconds": 0, "analyzer_version": "1"}, NOW)
    assert (minimal.key, minimal.loudness_lufs, minimal.waveform) == (None, None, [])
    assert TrackAnalysis.of(track, {**GOOD, "waveform": [1] * MAX_WAVEFORM}, NOW).waveform == [1.0] * MAX_WAVEFORM


@pytest.mark.parametrize("change, field", [
    ({"bpm": 0}, "bpm"), ({"bpm": -3}, "bpm"), ({"bpm": 400.5}, "bpm"), ({"bpm": float("nan")}, "bpm"),
    ({"bpm": float("inf")}, "bpm"), ({"bpm": True}, "bpm"), ({"bpm": "120"}, "bpm"), ({"bpm": None}, "bpm"),
    ({"duration_seconds": -1}, "duration_seconds"), ({"duration_seconds": 86_400.5}, "duration_seconds"),
    ({"loudness_lufs": -70.1}, "loudness_lufs"), ({"loudness_lufs": 10.1}, "loudness_lufs"),
    ({"key": ""}, "key"), ({"key": "k" * 21}, "key"), ({"key": 3}, "key"),
    ({"waveform": [0.5] * (MAX_WAVEFORM + 1)}, "waveform"), ({"waveform": [1.01]}, "waveform"),
    ({"waveform": [-0.01]}, "waveform"), ({"waveform": "0.5"}, "waveform"), ({"waveform": [None]}, "waveform"),
    ({"analyzer_version": ""}, "analyzer_version"), ({"analyzer_version": "v" * 51}, "analyzer_version"),
])
def test_a_bad_analysis_value_is_invalid_on_its_field(change, field):
    with pytest.raises(InvalidInput) as caught:
        TrackAnalysis.of(a_track(), {**GOOD, **change}, NOW)
    assert field_of(caught.value) == field
