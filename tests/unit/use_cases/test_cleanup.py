"""The orphan sweep on the in-memory unit of work and blob store, and `ignition admin cleanup`
driven through click with those fakes."""
from __future__ import annotations

import hashlib
import io
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner

from adapters.memory.blob_store import InMemoryBlobStore
from adapters.memory.clock import FixedClock
from adapters.memory.files import InMemoryBlobRepository
from domain.blobs import Upload
from domain.users import User
from entrypoints.cli.admin import AdminServices, admin_group
from ports.inbound import files, tracks
from ports.inbound.cleanup import sweep_files
from ports.outbound.blob_store import BlobStoreUnavailable

NOW = datetime(2026, 2, 1, 8, 0, tzinfo=timezone.utc)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 100
MP3 = b"ID3\x03\x00" + b"\x02" * 100


def upload(data: bytes, name: str = "f") -> Upload:
    return Upload(name, len(data), hashlib.sha256(data).hexdigest(), data[:64], io.BytesIO(data))


def put(store, key: str, data: bytes = b"x") -> None:
    store.put(key, io.BytesIO(data), size=len(data), content_type="application/octet-stream")


@pytest.fixture
def store():
    return InMemoryBlobStore()


@pytest.fixture
def ada():
    return User.register(email="ada@example.com", email_verified=True, name="Ada", now=NOW)


@pytest.fixture
def world(uow, store, ada):
    """A kept blob and track, an orphan object, a backup, and a blob row and a track row whose objects vanished."""
    clock = FixedClock(NOW)
    kept = files.upload_blob(uow, store, clock, user=ada, category="image", upload=upload(PNG))
    song = tracks.upload_track(uow, store, clock, user=ada, title="Song", upload=upload(MP3))
    lost_blob = files.upload_blob(uow, store, clock, user=ada, category="image", upload=upload(PNG))
    lost_track = tracks.upload_track(uow, store, clock, user=ada, title="Lost", upload=upload(MP3))
    store.delete(lost_blob.key)
    store.delete(lost_track.key)
    put(store, f"{ada.id}/image/orphan")
    put(store, "backups/2026-01-31.dump")
    return {"kept": kept, "song": song, "lost_blob": lost_blob, "lost_track": lost_track}


def test_the_sweep_removes_objects_without_rows_and_rows_without_objects(uow, store, ada, world):
    report = sweep_files(uow, store)
    assert report.ok and not report.dry_run
    assert report.objects_without_rows == [f"{ada.id}/image/orphan"]
    assert sorted(report.rows_without_objects) == sorted([world["lost_blob"].key, world["lost_track"].key])
    assert (report.removed_objects, report.removed_rows) == (1, 2)
    assert set(store.objects) == {world["kept"].key, world["song"].key, "backups/2026-01-31.dump"}
    assert set(uow.tables["blobs"]) == {world["kept"].id} and set(uow.tables["tracks"]) == {world["song"].id}
    again = sweep_files(uow, store)
    assert again.objects_without_rows == [] and again.rows_without_objects == []


def test_a_dry_run_only_reports(uow, store, ada, world):
    objects, rows = dict(store.objects), (dict(uow.tables["blobs"]), dict(uow.tables["tracks"]))
    report = sweep_files(uow, store, dry_run=True)
    assert report.dry_run and len(report.objects_without_rows) == 1 and len(report.rows_without_objects) == 2
    assert (report.removed_objects, report.removed_rows) == (0, 0)
    assert store.objects == objects and (uow.tables["blobs"], uow.tables["tracks"]) == rows


def test_keys_under_backups_are_never_touched(uow, store):
    put(store, "backups/a.dump")
    put(store, "backups/nested/b.dump")
    report = sweep_files(uow, store)
    assert report.objects_without_rows == [] and set(store.objects) == {"backups/a.dump", "backups/nested/b.dump"}


def test_an_object_whose_row_appears_during_the_sweep_is_kept(uow, store, ada, monkeypatch):
    """The rows were read before an upload committed; the check just before deleting sees the row."""
    blob = files.upload_blob(uow, store, FixedClock(NOW), user=ada, category="image", upload=upload(PNG))
    monkeypatch.setattr(InMemoryBlobRepository, "storage_keys", lambda self: set())
    report = sweep_files(uow, store)
    assert report.objects_without_rows == [] and blob.key in store.objects


def test_a_row_whose_object_appears_during_the_sweep_is_kept(uow, store, ada, world):
    """The store was listed before the object was written; the check just before deleting sees it."""
    listed = store.list

    def without_kept(prefix=""):
        return (found for found in listed(prefix) if found.key != world["kept"].key)

    store.list = without_kept
    report = sweep_files(uow, store)
    assert world["kept"].key not in report.rows_without_objects and world["kept"].id in uow.tables["blobs"]


class FlakyStore(InMemoryBlobStore):
    def delete(self, key):
        if "orphan" in key:
            raise BlobStoreUnavailable("the bucket said no")
        super().delete(key)


def test_a_failed_removal_is_reported_and_the_rest_goes_on(uow, ada):
    store = FlakyStore()
    put(store, f"{ada.id}/image/orphan")
    put(store, f"{ada.id}/image/other")
    report = sweep_files(uow, store)
    assert not report.ok and report.removed_objects == 1
    assert report.failures == [f"delete object {ada.id}/image/orphan: the bucket said no"]


def run(uow, store, *args):
    services = AdminServices(uow=lambda: uow, blob_store=store, clock=FixedClock(NOW), dumper=None,
                             database_url="", retention=1)
    return CliRunner().invoke(admin_group(lambda: services), ["cleanup", *args])


def test_the_command_reports_removes_and_exits_0(uow, store, ada, world):
    result = run(uow, store)
    assert result.exit_code == 0, result.output
    assert "objects without a row: 1 found, 1 removed" in result.output
    assert "rows without an object: 2 found, 2 removed" in result.output
    assert f"{ada.id}/image/orphan" in result.output and "… " in result.output  # progress lines
    assert "expired sessions: 0 removed" in result.output and "stale pause states: 0 removed" in result.output


def test_the_command_with_dry_run_changes_nothing(uow, store, ada, world):
    before = dict(store.objects)
    result = run(uow, store, "--dry-run")
    assert result.exit_code == 0 and "1 found, 1 would remove" in result.output
    assert store.objects == before


def test_the_command_exits_1_when_something_could_not_be_removed(uow, ada):
    store = FlakyStore()
    put(store, f"{ada.id}/image/orphan")
    result = run(uow, store)
    assert result.exit_code == 1 and "failed: delete object" in result.output


def test_the_command_exits_1_when_the_store_is_down(uow, store):
    store.fail = True
    result = run(uow, store)
    assert result.exit_code == 1 and "cleanup stopped" in result.output
