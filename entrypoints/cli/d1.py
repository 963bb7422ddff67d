"""`ignition d1 …`: move the old D1 (SQLite) data into Postgres, and prove it arrived.

Exit codes: 0 done (import) or everything matches (verify); 1 refused or a difference found;
2 a usage or configuration error. Progress per table goes to stderr, the summary to stdout.
The composition root passes `connect(dump_path)` → (source, target), built when a command runs.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click

from ports.inbound import d1_import
from ports.outbound.d1 import D1Source, D1Target

Connect = Callable[[Path], tuple[D1Source, D1Target]]


def d1_group(connect: Connect) -> click.Group:
    group = click.Group("d1", help="Import the old D1 (SQLite) export into Postgres; verify it.",
                        context_settings={"obj": connect})
    group.add_command(import_command)
    group.add_command(verify_command)
    return group


def _progress(report: d1_import.TableReport) -> None:
    if report.target is None:
        click.echo(f"… {report.table}: skipped {report.skipped} ({report.note})", err=True)
    elif report.read == 0 and report.imported == 0:
        click.echo(f"… {report.table} → {report.target}", err=True)
    else:
        click.echo(f"  {report.table}: {report.read} read, {report.imported} imported, "
                   f"{report.rejected} rejected", err=True)


def summary(report: d1_import.ImportReport) -> str:
    lines = [f"{'table':<28}{'read':>10}{'imported':>10}{'rejected':>10}{'skipped':>10}"]
    for table in report.tables:
        lines.append(f"{table.table:<28}{table.read:>10}{table.imported:>10}{table.rejected:>10}"
                     f"{table.skipped:>10}")
        for reason, count in sorted(table.reasons.items()):
            lines.append(f"    {reason}: {count}")
    totals = report.totals
    lines.append(f"{'total':<28}{totals['read']:>10}{totals['imported']:>10}{totals['rejected']:>10}"
                 f"{totals['skipped']:>10}")
    lines.append(f"opening ledger rows: {report.opening_ledger_rows}")
    return "\n".join(lines)


@click.command("import")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Empty every table of the target first.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="JSON report (default: d1-import-report.json next to the dump).")
@click.option("--rejects", "rejects_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Rejected rows, one JSON object a line (default: d1-rejects.jsonl next to the dump).")
@click.pass_obj
def import_command(connect: Connect, dump: Path, replace: bool, report_path: Path | None,
                   rejects_path: Path | None) -> None:
    """Load DUMP.sql (a `wrangler d1 export`) into the database at DATABASE_URL."""
    report_path = report_path or dump.with_name("d1-import-report.json")
    rejects_path = rejects_path or dump.with_name("d1-rejects.jsonl")
    source, target = connect(dump)
    with rejects_path.open("w", encoding="utf-8") as rejects:
        def on_reject(reject: d1_import.Reject) -> None:
            rejects.write(json.dumps(reject.to_dict(), default=str) + "\n")

        try:
            report = d1_import.import_dump(source, target, replace=replace, on_reject=on_reject,
                                           on_progress=_progress)
        except d1_import.TargetNotEmpty as exc:
            click.echo(f"Error: {exc.message}", err=True)
            raise SystemExit(1) from None
    report_path.write_text(json.dumps(report.to_dict(), indent=2, default=str), encoding="utf-8")
    click.echo(summary(report))
    click.echo(f"report: {report_path}\nrejects: {rejects_path}")


@click.command("verify")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def verify_command(connect: Connect, dump: Path) -> None:
    """Compare DUMP.sql with the database: counts, referential integrity, checksums."""
    source, target = connect(dump)
    result = d1_import.verify_dump(source, target)
    for check in result.tables:
        state = "ok" if check.ok else "DIFFERS"
        click.echo(f"{check.table:<44}{check.expected_rows:>10}{check.actual_rows:>10}  {state}")
    for key, count in result.orphans.items():
        if count:
            click.echo(f"orphans in {key}: {count}")
    click.echo("verify: everything matches" if result.ok else "verify: differences found")
    if not result.ok:
        raise SystemExit(1)
