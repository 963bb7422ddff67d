"""Maintenance started from the admin API: the same cleanup and backup as the CLI, audited."""
from __future__ import annotations

from dataclasses import asdict

from domain.audit import Actor, AuditEntry
from ports.inbound import backups, housekeeping
from ports.inbound.cleanup import sweep_files
from ports.outbound.blob_store import BlobStore
from ports.outbound.clock import Clock
from ports.outbound.database_dump import DatabaseDump
from ports.outbound.unit_of_work import UnitOfWork


def cleanup(uow: UnitOfWork, store: BlobStore, clock: Clock, *, actor: Actor, dry_run: bool) -> dict:
    """Run both sweeps now; the report is what `ignition admin cleanup` prints."""
    rows = housekeeping.sweep_rows(uow, store, clock, dry_run=dry_run)
    files = sweep_files(uow, store, dry_run=dry_run)
    report = {"dry_run": dry_run, "rows": rows,
              "files": {k: v for k, v in asdict(files).items() if k != "dry_run"}}
    _audit(uow, clock, actor, "maintenance.cleanup", {"dry_run": dry_run, "rows": rows,
                                                      "objects": len(files.objects_without_rows),
                                                      "orphan_rows": len(files.rows_without_objects)})
    return report


def record_backup_start(uow: UnitOfWork, clock: Clock, *, actor: Actor) -> None:
    """Note in the audit log that an admin started a backup."""
    _audit(uow, clock, actor, "maintenance.backup", None)


def run_backup(dumper: DatabaseDump, store: BlobStore, clock: Clock, *, retention: int) -> backups.Backup:
    """The backup itself (the admin API runs it in the background)."""
    return backups.backup(dumper, store, clock, retention=retention)


def _audit(uow: UnitOfWork, clock: Clock, actor: Actor, action: str, after: dict | None) -> None:
    with uow:
        uow.audit.append(AuditEntry(actor_id=actor.user_id, actor_email=actor.email, action=action,
                                    target_type="system", target_id=None, before=None, after=after,
                                    request_id=actor.request_id, ip=actor.ip, created_at=clock.now()))
        uow.commit()
