"""`ignition admin …`: maintenance commands for operators and cron.

Exit codes cron can act on: 0 when everything went, 1 when something failed (the failures
are printed), 2 for a usage or configuration error. Progress goes to stderr, the summary to
stdout. The composition root passes a `connect()` that builds the services on first use, so
`--help` needs no database.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import click

from domain.audit import Actor
from domain.errors import NotFound
from ports.inbound import admin, backups, housekeeping
from ports.inbound.cleanup import SweepReport, sweep_files
from ports.outbound.blob_store import BlobStore, BlobStoreUnavailable
from ports.outbound.clock import Clock
from ports.outbound.database_dump import DatabaseDump
from ports.outbound.unit_of_work import StoreUnavailable, UnitOfWork

SHOWN = 20  # keys listed per kind in the summary; the counts are always complete


@dataclass(frozen=True)
class AdminServices:
    uow: Callable[[], UnitOfWork]
    blob_store: BlobStore
    clock: Clock
    dumper: DatabaseDump
    database_url: str
    retention: int


def _progress(message: str) -> None:
    click.echo(f"… {message}", err=True)


def admin_group(connect: Callable[[], AdminServices]) -> click.Group:
    """The `admin` group; its commands call `connect()` for the adapters when they run."""
    group = click.Group("admin", help="Maintenance: cleanup, backup, restore, grant-admin.",
                        context_settings={"obj": connect})
    for command in (cleanup, backup, restore, grant_admin):
        group.add_command(command)
    return group


@click.command("cleanup")
@click.option("--dry-run", is_flag=True, help="Only report what would be removed.")
@click.pass_obj
def cleanup(connect: Callable[[], AdminServices], dry_run: bool) -> None:
    """Remove expired sessions and logins, stale pause states, half-deleted accounts, stored
    files without rows and rows without files (never anything under backups/)."""
    services = connect()
    try:
        _progress("rows: expired sessions and logins, stale pauses, half-deleted accounts")
        rows = housekeeping.sweep_rows(services.uow(), services.blob_store, services.clock, dry_run=dry_run)
        _progress("files: listing the store, then the rows")
        report = sweep_files(services.uow(), services.blob_store, dry_run=dry_run, progress=_progress)
    except (BlobStoreUnavailable, StoreUnavailable) as error:
        raise click.ClickException(f"cleanup stopped: {error}") from None
    verb = "would remove" if dry_run else "removed"
    for kind, count in rows.items():
        click.echo(f"{kind.replace('_', ' ')}: {count} {verb}")
    _summarise_files(report, verb)
    if not report.ok:
        raise click.exceptions.Exit(1)


def _summarise_files(report: SweepReport, verb: str) -> None:
    for kind, keys, done in (("objects without a row", report.objects_without_rows, report.removed_objects),
                             ("rows without an object", report.rows_without_objects, report.removed_rows)):
        click.echo(f"{kind}: {len(keys)} found, {len(keys) if report.dry_run else done} {verb}")
        for key in keys[:SHOWN]:
            click.echo(f"  {key}")
        if len(keys) > SHOWN:
            click.echo(f"  … and {len(keys) - SHOWN} more")
    for failure in report.failures:
        click.echo(f"failed: {failure}", err=True)


@click.command("backup")
@click.option("--to", "path", type=click.Path(path_type=Path, dir_okay=True, writable=True),
              help="Write the dump to this file or folder instead of the blob store (no retention there).")
@click.pass_obj
def backup(connect: Callable[[], AdminServices], path: Path | None) -> None:
    """Dump the whole database (pg_dump, custom format) into the blob store under backups/,
    keeping the newest BACKUP_RETENTION, or to a path."""
    services = connect()
    _progress("dumping the database")
    try:
        done = backups.backup(services.dumper, services.blob_store, services.clock, retention=services.retention,
                              path=path)
    except (RuntimeError, OSError, BlobStoreUnavailable) as error:
        raise click.ClickException(f"backup failed: {error}") from None
    click.echo(f"backup: {done.location} ({done.size} bytes)")
    for key in done.pruned:
        click.echo(f"pruned: {key}")


@click.command("restore")
@click.argument("source")
@click.option("--database-url", help="The EMPTY database to load into (default: DATABASE_URL).")
@click.pass_obj
def restore(connect: Callable[[], AdminServices], source: str, database_url: str | None) -> None:
    """Load a backup (a file, or a key under backups/ in the blob store) into an empty database."""
    services = connect()
    _progress(f"restoring {source}")
    try:
        backups.restore(services.dumper, services.blob_store, source=source,
                        database_url=database_url or services.database_url)
    except (RuntimeError, OSError, BlobStoreUnavailable) as error:
        raise click.ClickException(f"restore failed: {error}") from None
    click.echo(f"restored {source}")


@click.command("grant-admin")
@click.argument("email")
@click.pass_obj
def grant_admin(connect: Callable[[], AdminServices], email: str) -> None:
    """Make the owner of this verified email an admin (audited; kept whatever ADMIN_EMAILS says)."""
    services = connect()
    try:
        user = admin.grant_admin(services.uow(), services.clock, actor=Actor(user_id=None, email=None), email=email)
    except NotFound as error:
        raise click.ClickException(error.message) from None
    click.echo(f"{user.email} is now an admin ({user.id})")
