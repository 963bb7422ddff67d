"""The orphan sweep of stored files: objects without a row and rows without an object.

Order matters, because an upload writes its object before its row and a delete removes the
row before the object: the store is listed first, the rows are read after, and every
candidate is checked again just before it goes (a row committed meanwhile saves its object;
an object that appeared meanwhile saves its row). Keys under `backups/` are never touched.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from domain.blobs import protected, sweep_plan
from ports.outbound.blob_store import BlobStore
from ports.outbound.unit_of_work import UnitOfWork

BATCH = 500
PROGRESS_EVERY = 1000


@dataclass
class SweepReport:
    dry_run: bool
    objects_without_rows: list[str]
    rows_without_objects: list[str]
    removed_objects: int = 0
    removed_rows: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def sweep_files(uow: UnitOfWork, store: BlobStore, *, dry_run: bool = False,
                progress: Callable[[str], None] = lambda message: None) -> SweepReport:
    """Find (and unless `dry_run`, remove) stored objects without a row and rows without an object."""
    stored = _stored_keys(store, progress)
    with uow.read_only():
        rows = uow.blobs.storage_keys() | uow.tracks.storage_keys()
    progress(f"{len(stored)} objects, {len(rows)} rows with keys")
    plan = sweep_plan(stored, rows)
    report = SweepReport(dry_run, _still_without_rows(uow, plan.objects_without_rows),
                         [key for key in plan.rows_without_objects if store.head(key) is None])
    progress(f"{len(report.objects_without_rows)} objects without a row, "
             f"{len(report.rows_without_objects)} rows without an object")
    if not dry_run:
        _remove_objects(store, report, progress)
        _remove_rows(uow, report)
    return report


def _stored_keys(store: BlobStore, progress: Callable[[str], None]) -> set[str]:
    keys = set()
    for count, stored in enumerate(store.list(""), start=1):
        if not protected(stored.key):
            keys.add(stored.key)
        if count % PROGRESS_EVERY == 0:
            progress(f"listed {count} objects")
    return keys


def _still_without_rows(uow: UnitOfWork, keys: list[str]) -> list[str]:
    """Check the candidates again, a batch per query: an upload may have committed its row meanwhile."""
    left = []
    with uow.read_only():
        for i in range(0, len(keys), BATCH):
            batch = keys[i:i + BATCH]
            named = uow.blobs.existing_keys(batch) | uow.tracks.existing_keys(batch)
            left += [key for key in batch if key not in named]
    return left


def _remove_objects(store: BlobStore, report: SweepReport, progress: Callable[[str], None]) -> None:
    for count, key in enumerate(report.objects_without_rows, start=1):
        try:
            store.delete(key)
            report.removed_objects += 1
        except Exception as error:  # noqa: BLE001 — one failure must not stop the sweep; it is reported
            report.failures.append(f"delete object {key}: {error}")
        if count % PROGRESS_EVERY == 0:
            progress(f"removed {report.removed_objects} of {len(report.objects_without_rows)} objects")


def _remove_rows(uow: UnitOfWork, report: SweepReport) -> None:
    keys = report.rows_without_objects
    with uow:
        for i in range(0, len(keys), BATCH):
            batch = keys[i:i + BATCH]
            report.removed_rows += uow.blobs.remove_by_keys(batch) + uow.tracks.remove_by_keys(batch)
        uow.commit()
