"""Blobs: upload (the object first, then its row), download (owner or admin), list, delete
(the row first, then the object). Whatever a failure leaves behind is an object without a
row, which the orphan sweep (`ports.inbound.cleanup`) removes.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Iterator
from uuid import UUID

from domain.activity import Event
from domain.blobs import Blob, Upload, downloads_any
from domain.errors import NotFound
from domain.paging import Page, PageRequest, page_of
from domain.users import User
from ports.outbound.blob_store import BlobMissing, BlobStore
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

log = logging.getLogger("ignition.files")


@dataclass(frozen=True)
class Download:
    """A blob and its bytes, read lazily from the store."""

    blob: Blob
    chunks: Iterator[bytes]


def upload_blob(uow: UnitOfWork, store: BlobStore, clock: Clock, *, user: User, category: str,
                upload: Upload) -> Blob:
    """Store an upload: the object first, then its row; if the row cannot be written, the object goes again."""
    now = clock.now()
    blob = Blob.create(user.id, category, upload, now)
    store.put(blob.key, upload.data, size=upload.size, content_type=blob.content_type)
    try:
        with uow:
            uow.blobs.add(blob)
            uow.activity.append(event(user, "file.uploaded", "blob", blob.id, now, category=category, size=blob.size))
            uow.commit()
    except BaseException:
        discard(store, blob.key)
        raise
    return blob


def open_blob(uow: UnitOfWork, store: BlobStore, *, user: User, blob_id: UUID) -> Download:
    """The bytes of the user's blob — or of anyone's for an admin; others get NotFound."""
    with uow.read_only():
        blob = uow.blobs.get_any(blob_id) if downloads_any(user) else uow.blobs.get_owned(blob_id, user.id)
    if blob is None:
        raise NotFound("File not found.")
    return Download(blob, open_object(store, blob.key, "File not found."))


def list_blobs(uow: UnitOfWork, *, user: User, request: PageRequest, category: str | None = None) -> Page[Blob]:
    """The user's files, newest first, a keyset page at a time."""
    with uow.read_only():
        rows = uow.blobs.page(user.id, request, category)
    return page_of(rows, request, key=lambda b: (b.created_at, b.id))


def delete_blob(uow: UnitOfWork, store: BlobStore, clock: Clock, *, user: User, blob_id: UUID) -> None:
    """Delete the user's blob: the row (committed), then the object — a failure there is left to the sweep."""
    with uow:
        blob = uow.blobs.get_owned(blob_id, user.id)
        if blob is None:
            raise NotFound("File not found.")
        now = clock.now()
        uow.blobs.remove(blob)
        uow.activity.append(event(user, "file.deleted", "blob", blob.id, now, category=blob.category))
        uow.commit()
    discard(store, blob.key)


def open_object(store: BlobStore, key: str, missing: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
    """The object's chunks; a row whose object is gone reads as NotFound (the sweep removes such rows)."""
    try:
        return store.open(key, start, end)
    except BlobMissing:
        log.warning("object %s is missing; its row is left for the orphan sweep", key)
        raise NotFound(missing) from None


def discard(store: BlobStore, key: str) -> bool:
    """Remove an object whose row is gone or never came; if that fails, the orphan sweep removes it later."""
    try:
        store.delete(key)
    except Exception:  # noqa: BLE001 — never mask the error that brought us here
        log.warning("could not delete object %s; left for the orphan sweep", key, exc_info=True)
        return False
    return True


def event(user: User, kind: str, subject_type: str, subject_id: UUID, now: datetime, **data) -> Event:
    return Event(user_id=user.id, type=kind, occurred_at=now, local_date=user.day.local_date(now),
                 subject_type=subject_type, subject_id=str(subject_id), data=data)
