"""Backups: a pg_dump of the whole database into the blob store (under backups/) or a path,
keeping the newest BACKUP_RETENTION; and restoring one into an empty database."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ports.outbound.blob_store import BlobStore
from ports.outbound.clock import Clock
from ports.outbound.database_dump import DatabaseDump

PREFIX = "backups/"


@dataclass(frozen=True)
class Backup:
    location: str  # a blob-store key or a file path
    size: int
    pruned: list[str]


def backup(dumper: DatabaseDump, store: BlobStore, clock: Clock, *, retention: int,
           path: Path | None = None) -> Backup:
    """Dump the database; into the store with retention, or to `path` when one is given."""
    name = f"ignition-{clock.now():%Y%m%dT%H%M%S%fZ}.dump"  # sorts by time; unique per run
    if path is not None:
        target = path / name if path.is_dir() else path
        dumper.dump(target)
        return Backup(location=str(target), size=target.stat().st_size, pruned=[])
    with tempfile.TemporaryDirectory(prefix="ignition-backup-") as folder:
        local = Path(folder) / name
        dumper.dump(local)
        size = local.stat().st_size
        with local.open("rb") as data:
            store.put(PREFIX + name, data, size=size, content_type="application/octet-stream")
    return Backup(location=PREFIX + name, size=size, pruned=_prune(store, retention))


def restore(dumper: DatabaseDump, store: BlobStore, *, source: str, database_url: str) -> None:
    """Load a backup (a file path, or a key under backups/ in the store) into `database_url`."""
    if not source.startswith(PREFIX):
        dumper.restore(Path(source), database_url)
        return
    with tempfile.TemporaryDirectory(prefix="ignition-restore-") as folder:
        local = Path(folder) / "backup.dump"
        with local.open("wb") as out:
            for chunk in store.open(source):
                out.write(chunk)
        dumper.restore(local, database_url)


def list_backups(store: BlobStore) -> list[str]:
    """Backup keys, oldest first (their names sort by time)."""
    return sorted(found.key for found in store.list(PREFIX))


def _prune(store: BlobStore, retention: int) -> list[str]:
    stale = list_backups(store)[:-retention] if retention > 0 else []
    for key in stale:
        store.delete(key)
    return stale
