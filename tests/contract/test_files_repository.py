"""One suite for BlobRepository and TrackRepository (with analyses), run against the fake and Postgres."""
from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.blobs import Blob, Upload
from domain.errors import Conflict
from domain.paging import PageRequest
from domain.tracks import Track, TrackAnalysis
from tests.support.users import stored_user

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 56
MP3 = b"ID3\x04\x00\x00" + b"\x00" * 58


def upload(data: bytes, filename="song.mp3") -> Upload:
    return Upload(filename=filename, size=len(data), sha256=hashlib.sha256(data).hexdigest(), head=data[:64],
                  data=io.BytesIO(data))


def in_tx(uow, action):
    with uow:
        result = action()
        uow.commit()
    return result


def a_blob(uow, user, at=NOW, category="image", data=PNG) -> Blob:
    blob = Blob.create(user.id, category, upload(data, "pic.png"), at)
    in_tx(uow, lambda: uow.blobs.add(blob))
    return blob


def a_track(uow, user, at=NOW, title="Warm-up") -> Track:
    track = Track.create(user.id, title, upload(MP3), at)
    in_tx(uow, lambda: uow.tracks.add(track))
    return track


def read(uow, fn):
    with uow.read_only():
        return fn()


@pytest.fixture
def ada(uow):
    return stored_user(uow, NOW)


@pytest.fixture
def bob(uow):
    return stored_user(uow, NOW, "bob@example.com")


def test_a_blob_reads_back_as_written_by_its_owner_and_through_get_any(uow, ada, bob):
    blob = a_blob(uow, ada)
    assert read(uow, lambda: uow.blobs.get_owned(blob.id, ada.id)) == blob
    assert read(uow, lambda: uow.blobs.get_any(blob.id)) == blob
    assert read(uow, lambda: uow.blobs.get_owned(blob.id, bob.id)) is None
    assert read(uow, lambda: uow.blobs.get_any(uuid4())) is None


def test_a_second_blob_with_the_same_key_is_a_conflict(uow, ada):
    blob = a_blob(uow, ada)
    twin = Blob(**{**vars(blob), "id": uuid4()})
    with pytest.raises(Conflict):
        in_tx(uow, lambda: uow.blobs.add(twin))


def test_blob_pages_are_newest_first_per_owner_and_category_without_repeats(uow, ada, bob):
    image_old = a_blob(uow, ada, NOW)
    document = a_blob(uow, ada, NOW + timedelta(minutes=1), "document", b"%PDF-1.7\n" + b"x" * 20)
    image_new = a_blob(uow, ada, NOW + timedelta(minutes=2))
    a_blob(uow, bob, NOW + timedelta(minutes=3))
    first = read(uow, lambda: uow.blobs.page(ada.id, PageRequest(limit=2)))
    assert [b.id for b in first] == [image_new.id, document.id, image_old.id]
    after = read(uow, lambda: uow.blobs.page(ada.id, PageRequest(2, (document.created_at, document.id))))
    assert [b.id for b in after] == [image_old.id]
    images = read(uow, lambda: uow.blobs.page(ada.id, PageRequest(10), "image"))
    assert [b.id for b in images] == [image_new.id, image_old.id]
    later = read(uow, lambda: uow.blobs.page(ada.id, PageRequest(10, (image_new.created_at, image_new.id)), "image"))
    assert [b.id for b in later] == [image_old.id]


def test_removing_a_blob_removes_its_row_only_for_the_owner_given(uow, ada):
    blob, other = a_blob(uow, ada), a_blob(uow, ada)
    in_tx(uow, lambda: uow.blobs.remove(blob))
    assert read(uow, lambda: uow.blobs.get_any(blob.id)) is None
    assert read(uow, lambda: uow.blobs.get_any(other.id)) == other


def test_keys_are_listed_found_in_batches_and_removed_by_key(uow, ada):
    one, two = a_blob(uow, ada), a_blob(uow, ada)
    track = a_track(uow, ada)
    assert read(uow, lambda: uow.blobs.storage_keys()) == {one.key, two.key}
    assert read(uow, lambda: uow.tracks.storage_keys()) == {track.key}
    assert read(uow, lambda: uow.blobs.existing_keys([one.key, track.key, "nobody/x"])) == {one.key}
    assert read(uow, lambda: uow.tracks.existing_keys([one.key, track.key])) == {track.key}
    assert read(uow, lambda: uow.blobs.existing_keys([])) == set()
    assert in_tx(uow, lambda: uow.blobs.remove_by_keys([one.key, "nobody/x"])) == 1
    assert in_tx(uow, lambda: uow.tracks.remove_by_keys([track.key])) == 1
    assert in_tx(uow, lambda: uow.tracks.remove_by_keys([])) == 0
    assert read(uow, lambda: uow.blobs.storage_keys()) == {two.key}
    assert read(uow, lambda: uow.tracks.storage_keys()) == set()


def test_a_track_reads_back_as_written_and_only_for_its_owner(uow, ada, bob):
    track = a_track(uow, ada)
    assert track.owns_key and track.key == f"{ada.id}/tracks/{track.id}"
    assert read(uow, lambda: uow.tracks.get_owned(track.id, ada.id)) == track
    assert read(uow, lambda: uow.tracks.get_any(track.id)) == track
    assert read(uow, lambda: uow.tracks.get_owned(track.id, bob.id)) is None
    with uow:
        assert uow.tracks.get_owned(track.id, ada.id, lock=True) == track


def test_a_renamed_track_keeps_everything_else(uow, ada, bob):
    track = a_track(uow, ada)
    track.rename("Cool-down", NOW + timedelta(hours=1))
    in_tx(uow, lambda: uow.tracks.save(track))
    again = read(uow, lambda: uow.tracks.get_owned(track.id, ada.id))
    assert again == track and again.title == "Cool-down" and again.updated_at == NOW + timedelta(hours=1)


def test_track_pages_are_newest_first_and_per_owner(uow, ada, bob):
    old, new = a_track(uow, ada, NOW), a_track(uow, ada, NOW + timedelta(seconds=1))
    a_track(uow, bob, NOW + timedelta(seconds=2))
    assert [t.id for t in read(uow, lambda: uow.tracks.page(ada.id, PageRequest(1)))] == [new.id, old.id]
    rest = read(uow, lambda: uow.tracks.page(ada.id, PageRequest(1, (new.created_at, new.id))))
    assert [t.id for t in rest] == [old.id]


def analysis_of(track, bpm=120.0, at=NOW) -> TrackAnalysis:
    return TrackAnalysis.of(track, {"bpm": bpm, "key": "A minor", "loudness_lufs": -9.5, "duration_seconds": 181.25,
                                    "waveform": [0.0, 0.5, 1.0], "analyzer_version": "essentia-2.1"}, at)


def test_an_analysis_is_stored_replaced_and_read_with_its_track_by_the_owner_only(uow, ada, bob):
    track = a_track(uow, ada)
    assert read(uow, lambda: uow.tracks.with_analysis(track.id, ada.id)) == (track, None)
    first = analysis_of(track)
    in_tx(uow, lambda: uow.tracks.put_analysis(first))
    assert read(uow, lambda: uow.tracks.with_analysis(track.id, ada.id)) == (track, first)
    assert read(uow, lambda: uow.tracks.with_analysis(track.id, bob.id)) is None
    second = TrackAnalysis.of(track, {"bpm": 90, "duration_seconds": 0, "waveform": [],
                                      "analyzer_version": "v2"}, NOW + timedelta(days=1))
    in_tx(uow, lambda: uow.tracks.put_analysis(second))
    assert read(uow, lambda: uow.tracks.with_analysis(track.id, ada.id)) == (track, second)


def test_removing_a_track_removes_its_analysis(uow, ada):
    track = a_track(uow, ada)
    in_tx(uow, lambda: uow.tracks.put_analysis(analysis_of(track)))
    in_tx(uow, lambda: uow.tracks.remove(track))
    assert read(uow, lambda: uow.tracks.get_any(track.id)) is None
    assert read(uow, lambda: uow.tracks.with_analysis(track.id, ada.id)) is None


def test_an_analysis_of_a_missing_track_is_a_conflict(uow, ada):
    ghost = Track.create(ada.id, "Ghost", upload(MP3), NOW)
    with pytest.raises(Conflict):
        in_tx(uow, lambda: uow.tracks.put_analysis(analysis_of(ghost)))


def test_a_track_on_a_blob_reads_the_blobs_key_owns_none_and_goes_with_the_blob(uow, ada):
    blob = a_blob(uow, ada, category="audio", data=MP3)
    track = Track(id=uuid4(), user_id=ada.id, title="From a file", key=blob.key, owns_key=False,
                  content_type="audio/mpeg", size=blob.size, filename="song.mp3", sha256=blob.sha256,
                  created_at=NOW, updated_at=NOW, blob_id=blob.id)
    in_tx(uow, lambda: uow.tracks.add(track))
    assert read(uow, lambda: uow.tracks.get_owned(track.id, ada.id)) == track
    assert read(uow, lambda: uow.tracks.storage_keys()) == set()
    in_tx(uow, lambda: uow.blobs.remove(blob))
    assert read(uow, lambda: uow.tracks.get_any(track.id)) is None
