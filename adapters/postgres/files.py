"""Postgres rows of stored files: `blobs`, `reference_tracks`, `track_analysis_cache`.

Statements are built once with bind parameters. A track's key is its own `storage_key`, or
its blob's when it points at one (outer join, no query per row). The sweep's key lookups are
one `= ANY(:keys)` query per batch.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, insert

from adapters.postgres.schema import blobs, reference_tracks, track_analysis_cache
from domain.blobs import Blob
from domain.tracks import Track, TrackAnalysis
from ports.outbound.files import BlobRepository, TrackRepository

b, t, a = blobs.c, reference_tracks.c, track_analysis_cache.c
_KEYS = sa.bindparam("keys", type_=ARRAY(sa.Text()))


def _pages(select, created_at, row_id, owner, extra=None) -> dict:
    """(after a cursor?, filtered?) → the newest-first keyset statement."""
    after = sa.tuple_(created_at, row_id) < sa.tuple_(sa.bindparam("after_t"), sa.bindparam("after_id"))
    return {(cursor, filtered): select.where(owner, *([after] if cursor else []), *([extra] if filtered else []))
            .order_by(created_at.desc(), row_id.desc()).limit(sa.bindparam("n"))
            for cursor in (False, True) for filtered in (False, True) if extra is not None or not filtered}


def _page_params(user_id, request) -> dict:
    params = {"u": user_id, "n": request.limit + 1}
    if request.after is not None:
        params["after_t"], params["after_id"] = request.after
    return params


# --- blobs
_BLOB = sa.select(b.id, b.user_id, b.storage_key, b.category, b.content_type, b.size_bytes, b.filename, b.sha256,
                  b.created_at)
BLOB_OWNED = _BLOB.where(b.id == sa.bindparam("id"), b.user_id == sa.bindparam("u"))
BLOB_ANY = _BLOB.where(b.id == sa.bindparam("id"))
BLOB_INSERT = blobs.insert().values(
    id=sa.bindparam("id"), user_id=sa.bindparam("u"), storage_key=sa.bindparam("b_key"),
    category=sa.bindparam("b_category"), content_type=sa.bindparam("b_type"), size_bytes=sa.bindparam("b_size"),
    filename=sa.bindparam("b_filename"), sha256=sa.bindparam("b_sha256"), created_at=sa.bindparam("b_created_at"))
BLOB_DELETE = blobs.delete().where(b.id == sa.bindparam("id"), b.user_id == sa.bindparam("u"))
BLOB_PAGES = _pages(_BLOB, b.created_at, b.id, b.user_id == sa.bindparam("u"), b.category == sa.bindparam("category"))
BLOB_KEYS = sa.select(b.storage_key)
BLOB_EXISTING = sa.select(b.storage_key).where(b.storage_key == sa.any_(_KEYS))
BLOB_DELETE_KEYS = blobs.delete().where(b.storage_key == sa.any_(_KEYS)).returning(b.id)


def _blob(row) -> Blob:
    return Blob(id=row.id, user_id=row.user_id, key=row.storage_key, category=row.category,
                content_type=row.content_type, size=row.size_bytes, filename=row.filename or "file",
                sha256=row.sha256, created_at=row.created_at)


class PgBlobRepository(BlobRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, blob):
        self.connection.execute(BLOB_INSERT, {
            "id": blob.id, "u": blob.user_id, "b_key": blob.key, "b_category": blob.category,
            "b_type": blob.content_type, "b_size": blob.size, "b_filename": blob.filename, "b_sha256": blob.sha256,
            "b_created_at": blob.created_at})

    def get_owned(self, blob_id, user_id):
        row = self.connection.execute(BLOB_OWNED, {"id": blob_id, "u": user_id}).first()
        return _blob(row) if row else None

    def get_any(self, blob_id):
        row = self.connection.execute(BLOB_ANY, {"id": blob_id}).first()
        return _blob(row) if row else None

    def remove(self, blob):
        self.connection.execute(BLOB_DELETE, {"id": blob.id, "u": blob.user_id})

    def page(self, user_id, request, category=None):
        params = _page_params(user_id, request)
        if category is not None:
            params["category"] = category
        statement = BLOB_PAGES[(request.after is not None, category is not None)]
        return [_blob(row) for row in self.connection.execute(statement, params)]

    def storage_keys(self):
        return set(self.connection.execute(BLOB_KEYS).scalars())

    def existing_keys(self, keys):
        return set(self.connection.execute(BLOB_EXISTING, {"keys": list(keys)}).scalars()) if keys else set()

    def remove_by_keys(self, keys):
        return len(self.connection.execute(BLOB_DELETE_KEYS, {"keys": list(keys)}).all()) if keys else 0


# --- tracks
_TRACK = sa.select(
    t.id, t.user_id, t.title, sa.func.coalesce(t.storage_key, b.storage_key).label("key"),
    t.storage_key.is_not(None).label("owns_key"), t.content_type, t.size_bytes, t.filename, t.sha256,
    t.created_at, t.updated_at, t.blob_id,
).select_from(reference_tracks.outerjoin(blobs, b.id == t.blob_id))
TRACK_OWNED = _TRACK.where(t.id == sa.bindparam("id"), t.user_id == sa.bindparam("u"))
# FOR UPDATE OF: the blob sits on the nullable side of the outer join and cannot be locked there.
TRACK_OWNED_LOCKED = TRACK_OWNED.with_for_update(of=reference_tracks)
TRACK_ANY = _TRACK.where(t.id == sa.bindparam("id"))
TRACK_INSERT = reference_tracks.insert().values(
    id=sa.bindparam("id"), user_id=sa.bindparam("u"), storage_key=sa.bindparam("b_key"),
    blob_id=sa.bindparam("b_blob_id"), title=sa.bindparam("b_title"), filename=sa.bindparam("b_filename"),
    content_type=sa.bindparam("b_type"), size_bytes=sa.bindparam("b_size"), sha256=sa.bindparam("b_sha256"),
    created_at=sa.bindparam("b_created_at"), updated_at=sa.bindparam("b_updated_at"))
TRACK_UPDATE = reference_tracks.update().where(t.id == sa.bindparam("tid"), t.user_id == sa.bindparam("u")).values(
    title=sa.bindparam("b_title"), updated_at=sa.bindparam("b_updated_at"))
TRACK_DELETE = reference_tracks.delete().where(t.id == sa.bindparam("id"), t.user_id == sa.bindparam("u"))
TRACK_PAGES = _pages(_TRACK, t.created_at, t.id, t.user_id == sa.bindparam("u"))
TRACK_KEYS = sa.select(t.storage_key).where(t.storage_key.is_not(None))
TRACK_EXISTING = sa.select(t.storage_key).where(t.storage_key == sa.any_(_KEYS))
TRACK_DELETE_KEYS = reference_tracks.delete().where(t.storage_key == sa.any_(_KEYS)).returning(t.id)

# --- analyses
_ANALYSIS = (a.track_id, a.bpm, a.key, a.loudness_lufs, a.duration_seconds, a.waveform, a.analyzer_version,
             a.updated_at)
WITH_ANALYSIS = TRACK_OWNED.outerjoin(track_analysis_cache, a.track_id == t.id).add_columns(
    *(column.label(f"a_{column.name}") for column in _ANALYSIS))
_ANALYSIS_VALUES = ("bpm", "key", "loudness_lufs", "duration_seconds", "waveform", "analyzer_version", "updated_at")
_UPSERT = insert(track_analysis_cache).values(
    track_id=sa.bindparam("id"), user_id=sa.bindparam("u"),
    **{name: sa.bindparam(f"b_{name}") for name in _ANALYSIS_VALUES}, created_at=sa.bindparam("b_updated_at"))
PUT_ANALYSIS = _UPSERT.on_conflict_do_update(
    index_elements=[a.track_id], set_={name: getattr(_UPSERT.excluded, name) for name in _ANALYSIS_VALUES})


def _track(row) -> Track:
    return Track(id=row.id, user_id=row.user_id, title=row.title, key=row.key, owns_key=row.owns_key,
                 content_type=row.content_type, size=row.size_bytes, filename=row.filename, sha256=row.sha256,
                 created_at=row.created_at, updated_at=row.updated_at, blob_id=row.blob_id)


class PgTrackRepository(TrackRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, track):
        self.connection.execute(TRACK_INSERT, {
            "id": track.id, "u": track.user_id, "b_key": track.key if track.owns_key else None,
            "b_blob_id": track.blob_id, "b_title": track.title,
            "b_filename": track.filename, "b_type": track.content_type, "b_size": track.size,
            "b_sha256": track.sha256, "b_created_at": track.created_at, "b_updated_at": track.updated_at})

    def get_owned(self, track_id, user_id, *, lock=False):
        statement = TRACK_OWNED_LOCKED if lock else TRACK_OWNED
        row = self.connection.execute(statement, {"id": track_id, "u": user_id}).first()
        return _track(row) if row else None

    def get_any(self, track_id):
        row = self.connection.execute(TRACK_ANY, {"id": track_id}).first()
        return _track(row) if row else None

    def save(self, track):
        self.connection.execute(TRACK_UPDATE, {"tid": track.id, "u": track.user_id, "b_title": track.title,
                                               "b_updated_at": track.updated_at})

    def remove(self, track):
        self.connection.execute(TRACK_DELETE, {"id": track.id, "u": track.user_id})  # the analysis cascades

    def page(self, user_id, request):
        statement = TRACK_PAGES[(request.after is not None, False)]
        return [_track(row) for row in self.connection.execute(statement, _page_params(user_id, request))]

    def storage_keys(self):
        return set(self.connection.execute(TRACK_KEYS).scalars())

    def existing_keys(self, keys):
        return set(self.connection.execute(TRACK_EXISTING, {"keys": list(keys)}).scalars()) if keys else set()

    def remove_by_keys(self, keys):
        return len(self.connection.execute(TRACK_DELETE_KEYS, {"keys": list(keys)}).all()) if keys else 0

    def with_analysis(self, track_id, user_id):
        row = self.connection.execute(WITH_ANALYSIS, {"id": track_id, "u": user_id}).first()
        if row is None:
            return None
        if row.a_track_id is None:
            return _track(row), None
        return _track(row), TrackAnalysis(
            track_id=row.a_track_id, user_id=row.user_id, bpm=row.a_bpm, key=row.a_key,
            loudness_lufs=row.a_loudness_lufs, duration_seconds=row.a_duration_seconds, waveform=list(row.a_waveform),
            analyzer_version=row.a_analyzer_version, updated_at=row.a_updated_at)

    def put_analysis(self, x):
        self.connection.execute(PUT_ANALYSIS, {
            "id": x.track_id, "u": x.user_id, "b_bpm": x.bpm, "b_key": x.key, "b_loudness_lufs": x.loudness_lufs,
            "b_duration_seconds": x.duration_seconds, "b_waveform": x.waveform,
            "b_analyzer_version": x.analyzer_version, "b_updated_at": x.updated_at})
