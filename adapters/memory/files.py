"""In-memory rows of stored files: blobs, tracks and analyses, with Postgres's cascades."""
from __future__ import annotations

import copy

from domain.errors import Conflict
from ports.outbound.files import BlobRepository, TrackRepository


def _key(row) -> tuple:
    return row.created_at, row.id


def _page(rows, request) -> list:
    rows = sorted(rows, key=_key, reverse=True)
    if request.after is not None:
        rows = [r for r in rows if _key(r) < tuple(request.after)]
    return [copy.deepcopy(r) for r in rows[:request.limit + 1]]


class InMemoryBlobRepository(BlobRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["blobs"]
        self.tables = tables

    def add(self, blob):
        if any(b.key == blob.key for b in self.rows.values()):
            raise Conflict("The change conflicts with another one; try again.")  # as the unique key
        self.rows[blob.id] = copy.deepcopy(blob)

    def get_owned(self, blob_id, user_id):
        blob = self.rows.get(blob_id)
        return copy.deepcopy(blob) if blob is not None and blob.user_id == user_id else None

    def get_any(self, blob_id):
        return copy.deepcopy(self.rows.get(blob_id))

    def remove(self, blob):
        self.rows.pop(blob.id, None)
        tracks = self.tables["tracks"]
        for track in [t for t in tracks.values() if t.blob_id == blob.id]:
            InMemoryTrackRepository(self.tables).remove(track)

    def page(self, user_id, request, category=None):
        return _page((b for b in self.rows.values() if b.user_id == user_id and category in (None, b.category)),
                     request)

    def storage_keys(self):
        return {b.key for b in self.rows.values()}

    def existing_keys(self, keys):
        return {b.key for b in self.rows.values()} & set(keys)

    def remove_by_keys(self, keys):
        doomed = [b for b in self.rows.values() if b.key in set(keys)]
        for blob in doomed:
            self.remove(blob)
        return len(doomed)


class InMemoryTrackRepository(TrackRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["tracks"]
        self.analyses: dict = tables["track_analyses"]

    def add(self, track):
        if any(t.owns_key and t.key == track.key for t in self.rows.values()):
            raise Conflict("The change conflicts with another one; try again.")  # as the unique key
        self.rows[track.id] = copy.deepcopy(track)

    def get_owned(self, track_id, user_id, *, lock=False):
        track = self.rows.get(track_id)
        return copy.deepcopy(track) if track is not None and track.user_id == user_id else None

    def get_any(self, track_id):
        return copy.deepcopy(self.rows.get(track_id))

    def save(self, track):
        stored = self.rows.get(track.id)
        if stored is None or stored.user_id != track.user_id:
            raise ValueError("no such track")
        stored.title, stored.updated_at = track.title, track.updated_at

    def remove(self, track):
        self.rows.pop(track.id, None)
        self.analyses.pop(track.id, None)

    def page(self, user_id, request):
        return _page((t for t in self.rows.values() if t.user_id == user_id), request)

    def storage_keys(self):
        return {t.key for t in self.rows.values() if t.owns_key}

    def existing_keys(self, keys):
        return {t.key for t in self.rows.values() if t.owns_key} & set(keys)

    def remove_by_keys(self, keys):
        doomed = [t for t in self.rows.values() if t.owns_key and t.key in set(keys)]
        for track in doomed:
            self.remove(track)
        return len(doomed)

    def with_analysis(self, track_id, user_id):
        track = self.get_owned(track_id, user_id)
        return (track, copy.deepcopy(self.analyses.get(track_id))) if track is not None else None

    def put_analysis(self, analysis):
        if analysis.track_id not in self.rows:
            raise Conflict("The change conflicts with another one; try again.")  # as the foreign key
        self.analyses[analysis.track_id] = copy.deepcopy(analysis)
