"""Track use cases on fakes: upload, rename, delete, analysis, and the stream's decisions —
ownership before anything about the bytes, ranges against the store's size and ETag."""
from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from adapters.memory.blob_store import InMemoryBlobStore
from adapters.memory.files import InMemoryTrackRepository
from domain.blobs import Upload, UnsupportedMediaType
from domain.errors import Conflict, InvalidInput, NotFound
from domain.paging import PageRequest
from domain.ranges import ByteRange
from ports.inbound import tracks
from ports.outbound.blob_store import BlobStoreUnavailable
from tests.support.users import unstored_user

NOW = datetime(2026, 2, 1, 8, 0, tzinfo=timezone.utc)
SONG = b"ID3\x04\x00" + bytes(range(256)) * 400
ANALYSIS = {"bpm": 100, "duration_seconds": 3.5, "waveform": [0.5], "analyzer_version": "v1"}


def upload(data: bytes = SONG) -> Upload:
    return Upload("song.mp3", len(data), hashlib.sha256(data).hexdigest(), data[:64], io.BytesIO(data))


class CountingStore(InMemoryBlobStore):
    """Records which store calls a request made."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def head(self, key):
        self.calls.append("head")
        return super().head(key)

    def open(self, key, start=0, end=None):
        self.calls.append(f"open {start}-{end}")
        return super().open(key, start, end)


@pytest.fixture
def store():
    return CountingStore()


@pytest.fixture
def track(uow, store, clock, ada):
    made = tracks.upload_track(uow, store, clock, user=ada, title="Warm-up", upload=upload())
    store.calls.clear()
    return made


def stream(uow, store, user, track, range_header=None, if_range=None, **kwargs):
    return tracks.open_track_stream(uow, store, user=user, track_id=track.id, range_header=range_header,
                                    if_range=if_range, **kwargs)


def test_an_upload_stores_the_object_then_the_row(uow, store, track, ada):
    assert store.objects[track.key][0] == SONG and uow.tables["tracks"][track.id] == track
    assert [e.type for e in uow.tables["activity"].values()] == ["track.uploaded"]


def test_only_audio_uploads_and_a_failed_row_leaves_no_object(uow, store, clock, ada, monkeypatch):
    with pytest.raises(UnsupportedMediaType):
        tracks.upload_track(uow, store, clock, user=ada, title="Pic", upload=upload(b"\x89PNG\r\n\x1a\n\x00"))
    monkeypatch.setattr(InMemoryTrackRepository, "add", lambda self, t: (_ for _ in ()).throw(Conflict("no")))
    with pytest.raises(Conflict):
        tracks.upload_track(uow, store, clock, user=ada, title="Song", upload=upload())
    assert store.objects == {} and not uow.tables["tracks"]


def test_a_store_outage_on_upload_writes_no_row(uow, store, clock, ada):
    store.fail = True
    with pytest.raises(BlobStoreUnavailable):
        tracks.upload_track(uow, store, clock, user=ada, title="Song", upload=upload())
    assert not uow.tables["tracks"]


def test_the_whole_file_streams_when_no_range_is_asked(uow, store, track, ada):
    found = stream(uow, store, ada, track)
    assert (found.range, found.size, found.satisfiable) == (None, len(SONG), True)
    assert found.etag == f'"{hashlib.md5(SONG).hexdigest()}"'
    assert b"".join(found.chunks) == SONG and store.calls == ["head", "open 0-None"]


def test_one_range_opens_only_that_slice(uow, store, track, ada):
    found = stream(uow, store, ada, track, "bytes=-10")
    assert found.range == ByteRange(len(SONG) - 10, len(SONG) - 1)
    assert b"".join(found.chunks) == SONG[-10:]
    assert store.calls == ["head", f"open {len(SONG) - 10}-{len(SONG) - 1}"]


def test_an_unsatisfiable_range_opens_nothing(uow, store, track, ada):
    found = stream(uow, store, ada, track, f"bytes={len(SONG)}-")
    assert not found.satisfiable and found.chunks is None and found.size == len(SONG)
    assert store.calls == ["head"]


def test_an_if_range_that_does_not_match_means_the_whole_file(uow, store, track, ada):
    etag = stream(uow, store, ada, track).etag
    assert stream(uow, store, ada, track, "bytes=0-1", etag).range == ByteRange(0, 1)
    assert stream(uow, store, ada, track, "bytes=0-1", '"stale"').range is None


def test_head_opens_nothing(uow, store, track, ada):
    found = stream(uow, store, ada, track, "bytes=0-1", body=False)
    assert found.range == ByteRange(0, 1) and found.chunks is None and store.calls == ["head"]


def test_a_stranger_is_refused_before_the_store_is_asked_anything(uow, store, track):
    with pytest.raises(NotFound):
        stream(uow, store, unstored_user("eve@example.com"), track, "bytes=0-1")
    assert store.calls == []


def test_an_admin_may_stream_anyones_track(uow, store, track):
    found = stream(uow, store, unstored_user("root@example.com", role="admin"), track, "bytes=0-3")
    assert b"".join(found.chunks) == SONG[:4]


class PresigningStore(CountingStore):
    def presigned_url(self, key, *, expires_s, filename=None, content_type=None):
        return f"https://r2.example/{key}?ttl={expires_s}&type={content_type}"


def test_a_redirect_is_offered_only_when_asked_for_and_the_store_presigns(uow, clock, ada):
    store = PresigningStore()
    track = tracks.upload_track(uow, store, clock, user=ada, title="Song", upload=upload())
    found = stream(uow, store, ada, track, redirect=True)
    assert found.redirect_url == f"https://r2.example/{track.key}?ttl=300&type=audio/mpeg"
    assert stream(uow, store, ada, track).redirect_url is None
    with pytest.raises(NotFound):
        stream(uow, store, unstored_user("eve@example.com"), track, redirect=True)
    plain = CountingStore()
    plain.objects = store.objects
    assert stream(uow, plain, ada, track, redirect=True).redirect_url is None


def test_a_rename_is_checked_and_committed(uow, clock, track, ada):
    clock.advance(timedelta(minutes=5))
    renamed = tracks.rename_track(uow, clock, user=ada, track_id=track.id, title="Cool-down")
    assert renamed.title == "Cool-down" and uow.tables["tracks"][track.id].updated_at == NOW + timedelta(minutes=5)
    with pytest.raises(InvalidInput):
        tracks.rename_track(uow, clock, user=ada, track_id=track.id, title=" ")
    with pytest.raises(NotFound):
        tracks.rename_track(uow, clock, user=unstored_user("eve@example.com"), track_id=track.id, title="Mine")


def test_a_delete_removes_row_analysis_and_object(uow, store, clock, track, ada):
    tracks.put_analysis(uow, clock, user=ada, track_id=track.id, values=ANALYSIS)
    tracks.delete_track(uow, store, clock, user=ada, track_id=track.id)
    assert not uow.tables["tracks"] and not uow.tables["track_analyses"] and store.objects == {}
    with pytest.raises(NotFound):
        tracks.get_track(uow, user=ada, track_id=track.id)


def test_the_analysis_is_not_found_until_put_and_belongs_to_the_owner(uow, clock, track, ada):
    with pytest.raises(NotFound):
        tracks.get_analysis(uow, user=ada, track_id=track.id)
    uow.committed = False
    stored = tracks.put_analysis(uow, clock, user=ada, track_id=track.id, values=ANALYSIS)
    assert uow.committed and tracks.get_analysis(uow, user=ada, track_id=track.id) == stored
    with pytest.raises(NotFound):
        tracks.put_analysis(uow, clock, user=unstored_user("eve@example.com"), track_id=track.id, values=ANALYSIS)
    with pytest.raises(InvalidInput):
        tracks.put_analysis(uow, clock, user=ada, track_id=track.id, values={**ANALYSIS, "bpm": 0})
    with pytest.raises(NotFound):
        tracks.get_analysis(uow, user=ada, track_id=uuid4())


def test_pages_are_newest_first(uow, store, clock, ada):
    made = []
    for _ in range(3):
        made.append(tracks.upload_track(uow, store, clock, user=ada, title="T", upload=upload()))
        clock.advance(timedelta(seconds=1))
    first = tracks.list_tracks(uow, user=ada, request=PageRequest(2))
    rest = tracks.list_tracks(uow, user=ada, request=PageRequest(2, first.next_after))
    assert [t.id for t in first.items + rest.items] == [t.id for t in reversed(made)] and rest.next_after is None
