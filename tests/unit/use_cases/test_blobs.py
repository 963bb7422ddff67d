"""Blob use cases on the in-memory unit of work and blob store: object first then row, row first
then object, owner-or-admin downloads, and pages."""
from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from adapters.memory.blob_store import InMemoryBlobStore
from adapters.memory.files import InMemoryBlobRepository
from domain.blobs import Upload, UnsupportedMediaType
from domain.errors import Conflict, InvalidInput, NotFound
from domain.paging import PageRequest
from ports.inbound import files
from ports.outbound.blob_store import BlobStoreUnavailable
from tests.support.users import unstored_user

NOW = datetime(2026, 2, 1, 8, 0, tzinfo=timezone.utc)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 600  # several store chunks


def upload(data: bytes = PNG, filename: str = "pic.png") -> Upload:
    return Upload(filename, len(data), hashlib.sha256(data).hexdigest(), data[:64], io.BytesIO(data))


@pytest.fixture
def store():
    return InMemoryBlobStore()


def stored(uow, store, clock, user, data=PNG, category="image"):
    uow.committed = False
    return files.upload_blob(uow, store, clock, user=user, category=category, upload=upload(data))


def test_an_upload_writes_the_object_and_commits_the_row_and_an_event(uow, store, clock, ada):
    blob = stored(uow, store, clock, ada)
    assert uow.committed
    assert store.objects[blob.key] == (PNG, "image/png")
    assert uow.tables["blobs"][blob.id] == blob
    [event] = uow.tables["activity"].values()
    assert (event.type, event.subject_id, event.metrics) == ("file.uploaded", str(blob.id), {})


def test_a_refused_upload_touches_neither_store_nor_rows(uow, store, clock, ada):
    with pytest.raises(UnsupportedMediaType):
        stored(uow, store, clock, ada, b"%PDF-1.4 x", "image")
    with pytest.raises(InvalidInput):
        stored(uow, store, clock, ada, b"", "image")
    assert store.objects == {} and not uow.tables["blobs"] and not uow.committed


def test_a_store_outage_writes_no_row(uow, store, clock, ada):
    store.fail = True
    with pytest.raises(BlobStoreUnavailable):
        stored(uow, store, clock, ada)
    assert not uow.tables["blobs"] and not uow.committed


def test_a_row_that_cannot_be_written_takes_its_object_away_again(uow, store, clock, ada, monkeypatch):
    def refuse(self, blob):
        raise Conflict("no")

    monkeypatch.setattr(InMemoryBlobRepository, "add", refuse)
    with pytest.raises(Conflict):
        stored(uow, store, clock, ada)
    assert store.objects == {} and not uow.tables["blobs"]


def test_the_owner_downloads_the_bytes_lazily_in_chunks(uow, store, clock, ada):
    blob = stored(uow, store, clock, ada)
    found = files.open_blob(uow, store, user=ada, blob_id=blob.id)
    assert found.blob == blob
    chunks = list(found.chunks)
    assert len(chunks) > 1 and b"".join(chunks) == PNG


def test_strangers_get_not_found_and_admins_may_download(uow, store, clock, ada):
    blob = stored(uow, store, clock, ada)
    with pytest.raises(NotFound):
        files.open_blob(uow, store, user=unstored_user("eve@example.com"), blob_id=blob.id)
    with pytest.raises(NotFound):
        files.open_blob(uow, store, user=ada, blob_id=uuid4())
    admin = unstored_user("root@example.com", role="admin")
    assert b"".join(files.open_blob(uow, store, user=admin, blob_id=blob.id).chunks) == PNG
    with pytest.raises(NotFound):
        files.delete_blob(uow, store, clock, user=admin, blob_id=blob.id)


def test_a_row_whose_object_is_gone_is_not_found(uow, store, clock, ada):
    blob = stored(uow, store, clock, ada)
    store.objects.clear()
    with pytest.raises(NotFound):
        files.open_blob(uow, store, user=ada, blob_id=blob.id)


def test_a_delete_removes_the_row_then_the_object(uow, store, clock, ada):
    blob = stored(uow, store, clock, ada)
    uow.committed = False
    files.delete_blob(uow, store, clock, user=ada, blob_id=blob.id)
    assert uow.committed and not uow.tables["blobs"] and store.objects == {}
    assert [e.type for e in uow.tables["activity"].values()] == ["file.uploaded", "file.deleted"]
    with pytest.raises(NotFound):
        files.delete_blob(uow, store, clock, user=ada, blob_id=blob.id)


def test_a_delete_whose_object_cannot_be_removed_leaves_it_for_the_sweep(uow, store, clock, ada):
    blob = stored(uow, store, clock, ada)
    store.fail = True
    files.delete_blob(uow, store, clock, user=ada, blob_id=blob.id)
    assert not uow.tables["blobs"] and blob.key in store.objects


def test_pages_are_newest_first_and_filter_by_category(uow, store, clock, ada):
    made = []
    for n in range(3):
        made.append(stored(uow, store, clock, ada))
        clock.advance(timedelta(minutes=1))
    document = stored(uow, store, clock, ada, b"%PDF-1.7 doc", "document")
    first = files.list_blobs(uow, user=ada, request=PageRequest(limit=2))
    assert [b.id for b in first.items] == [document.id, made[2].id]
    rest = files.list_blobs(uow, user=ada, request=PageRequest(2, first.next_after))
    assert [b.id for b in rest.items] == [made[1].id, made[0].id] and rest.next_after is None
    images = files.list_blobs(uow, user=ada, request=PageRequest(10), category="image")
    assert [b.id for b in images.items] == [m.id for m in reversed(made)]
    assert files.list_blobs(uow, user=unstored_user("eve@example.com"), request=PageRequest(10)).items == []
