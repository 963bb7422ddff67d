"""Reference tracks: upload, list, read, rename, delete, stream (byte ranges) and analysis.

Streaming checks ownership before anything about the bytes, so a stranger learns nothing,
not even the size; the range is then cut against the store's own size and ETag.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator
from uuid import UUID

from domain.blobs import Upload, downloads_any
from domain.errors import NotFound
from domain.paging import Page, PageRequest, page_of
from domain.ranges import ByteRange, Unsatisfiable, if_range_allows, parse_range
from domain.tracks import Track, TrackAnalysis
from domain.users import User
from ports.inbound.files import discard, event, open_object
from ports.outbound.blob_store import BlobStore
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

PRESIGNED_SECONDS = 300
MISSING = "Track not found."


@dataclass(frozen=True)
class TrackStream:
    """What to answer to a stream request: a redirect, a 416, or the whole file or one range of it."""

    track: Track
    size: int = 0
    etag: str = ""
    range: ByteRange | None = None  # None: the whole file
    satisfiable: bool = True
    chunks: Iterator[bytes] | None = None  # None for HEAD, 416 and redirects
    redirect_url: str | None = None


def upload_track(uow: UnitOfWork, store: BlobStore, clock: Clock, *, user: User, title: str,
                 upload: Upload) -> Track:
    """Store an audio upload as a track: the object first, then its row (or the object goes again)."""
    now = clock.now()
    track = Track.create(user.id, title, upload, now)
    store.put(track.key, upload.data, size=upload.size, content_type=track.content_type)
    try:
        with uow:
            uow.tracks.add(track)
            uow.activity.append(event(user, "track.uploaded", "track", track.id, now, size=track.size))
            uow.commit()
    except BaseException:
        discard(store, track.key)
        raise
    return track


def list_tracks(uow: UnitOfWork, *, user: User, request: PageRequest) -> Page[Track]:
    """The user's tracks, newest first, a keyset page at a time."""
    with uow.read_only():
        rows = uow.tracks.page(user.id, request)
    return page_of(rows, request, key=lambda t: (t.created_at, t.id))


def get_track(uow: UnitOfWork, *, user: User, track_id: UUID) -> Track:
    """One of the user's tracks."""
    with uow.read_only():
        return _owned(uow, user, track_id)


def rename_track(uow: UnitOfWork, clock: Clock, *, user: User, track_id: UUID, title: str) -> Track:
    """Give one of the user's tracks a new title."""
    with uow:
        track = _owned(uow, user, track_id, lock=True)
        track.rename(title, clock.now())
        uow.tracks.save(track)
        uow.commit()
    return track


def delete_track(uow: UnitOfWork, store: BlobStore, clock: Clock, *, user: User, track_id: UUID) -> None:
    """Delete the track and its analysis (committed), then its own object — a failure there is left to the sweep."""
    with uow:
        track = _owned(uow, user, track_id, lock=True)
        uow.tracks.remove(track)
        uow.activity.append(event(user, "track.deleted", "track", track.id, clock.now()))
        uow.commit()
    if track.owns_key:
        discard(store, track.key)


def open_track_stream(uow: UnitOfWork, store: BlobStore, *, user: User, track_id: UUID, range_header: str | None,
                      if_range: str | None, body: bool = True, redirect: bool = False) -> TrackStream:
    """The owner's (or an admin's) view of the track's bytes: a presigned redirect when asked for and
    available, else the whole file or the one range asked for; `body=False` (HEAD) opens nothing."""
    with uow.read_only():
        track = uow.tracks.get_any(track_id) if downloads_any(user) else uow.tracks.get_owned(track_id, user.id)
    if track is None:
        raise NotFound(MISSING)
    if redirect:
        url = store.presigned_url(track.key, expires_s=PRESIGNED_SECONDS, filename=track.filename,
                                  content_type=track.content_type)
        if url:
            return TrackStream(track, redirect_url=url)
    stored = store.head(track.key)
    if stored is None:
        raise NotFound(MISSING)
    try:
        wanted = parse_range(range_header, stored.size) if if_range_allows(if_range, stored.etag) else None
    except Unsatisfiable:
        return TrackStream(track, stored.size, stored.etag, satisfiable=False)
    start, end = (wanted.start, wanted.end) if wanted else (0, None)
    chunks = open_object(store, track.key, MISSING, start, end) if body else None
    return TrackStream(track, stored.size, stored.etag, wanted, chunks=chunks)


def get_analysis(uow: UnitOfWork, *, user: User, track_id: UUID) -> TrackAnalysis:
    """The stored analysis of one of the user's tracks; NotFound while there is none."""
    with uow.read_only():
        found = uow.tracks.with_analysis(track_id, user.id)
    if found is None:
        raise NotFound(MISSING)
    analysis = found[1]
    if analysis is None:
        raise NotFound("This track has no analysis yet.")
    return analysis


def put_analysis(uow: UnitOfWork, clock: Clock, *, user: User, track_id: UUID, values: dict) -> TrackAnalysis:
    """Store (or replace) the analysis of one of the user's tracks."""
    with uow:
        track = _owned(uow, user, track_id, lock=True)
        analysis = TrackAnalysis.of(track, values, clock.now())
        uow.tracks.put_analysis(analysis)
        uow.commit()
    return analysis


def _owned(uow: UnitOfWork, user: User, track_id: UUID, lock: bool = False) -> Track:
    track = uow.tracks.get_owned(track_id, user.id, lock=lock)
    if track is None:
        raise NotFound(MISSING)
    return track
