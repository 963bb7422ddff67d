"""How fast is `ignition d1 import`? (`make bench-d1`; not a test)

In a temporary folder: a private Postgres cluster migrated to head, and a synthetic D1 dump
of about 1,000,000 rows (tests/support/d1_generator.py, edge cases included). Times the
whole import (reading the dump into SQLite, converting, checking, COPY, commit), then, on the
emptied database, a plain COPY of the very same converted rows into the same tables in one
transaction. Prints both in rows per second; the target is an import at least half as fast
as the plain COPY. Exits 1 when it misses the target.

    .venv/bin/python bench/d1_import.py [--rows 1000000]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from harness import ROOT, database, run_bounded

sys.path.insert(0, str(ROOT))

from adapters.d1.dump import SqliteDump  # noqa: E402
from adapters.postgres.d1_target import TABLES, PostgresD1Target  # noqa: E402
from adapters.postgres.engine import make_engine  # noqa: E402
from ports.inbound import d1_import  # noqa: E402
from tests.support.d1_generator import CONTENT, d1_tables, generate  # noqa: E402

TIME_LIMIT_S = 3600


def per_table(rows: int) -> int:
    """Rows per ordinary table so that the dump holds about `rows` rows."""
    ordinary = len([table for table in d1_tables() if table.name not in CONTENT])
    return max(1, (rows - 20 * len(CONTENT)) // ordinary)


def bench(root: Path, rows: int) -> bool:
    started = time.perf_counter()
    dump = generate(per_table(rows), seed=1)
    path = root / "export.sql"
    path.write_text(dump.sql)
    total = sum(dump.rows.values())
    print(f"dump: {total:,} rows, {path.stat().st_size / 1e6:.0f} MB, made in "
          f"{time.perf_counter() - started:.0f} s")
    with database(root) as url:
        engine = make_engine(url, pool_size=2, statement_timeout_ms=0, connect_timeout_s=10)
        try:
            started = time.perf_counter()
            source = SqliteDump.from_path(path)
            parsed = time.perf_counter() - started
            report = d1_import.import_dump(source, PostgresD1Target(engine))
            elapsed = time.perf_counter() - started
            imported = report.totals["imported"] + report.opening_ledger_rows
            print(f"import: {report.totals['read']:,} read, {imported:,} written, "
                  f"{report.totals['rejected']} rejected in {elapsed:.1f} s "
                  f"(of which {parsed:.1f} s reading the dump into SQLite)")

            converted: list[tuple[str, list[str], list[tuple]]] = []

            def keep(table, columns, rows_):
                converted.append((table, columns, list(rows_)))

            d1_import._run(source, PostgresD1Target(engine), d1_import._ignore, d1_import._ignore, keep)
            plain = PostgresD1Target(engine)
            plain.begin()
            plain.clear()
            plain.commit()
            started = time.perf_counter()
            plain.begin()
            copied = sum(plain.copy(table, columns, batch) for table, columns, batch in converted)
            plain.commit()
            copy_elapsed = time.perf_counter() - started
        finally:
            engine.dispose()
    import_rate = imported / elapsed
    copy_rate = copied / copy_elapsed
    print(f"plain COPY of the same {copied:,} converted rows: {copy_elapsed:.1f} s")
    print(f"import:     {import_rate:>12,.0f} rows/s")
    print(f"plain COPY: {copy_rate:>12,.0f} rows/s")
    ratio = import_rate / copy_rate
    met = ratio >= 0.5
    print(f"import / plain COPY = {ratio:.2f} (target ≥ 0.50): {'met' if met else 'MISSED'}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description="D1 import throughput against a plain COPY.")
    parser.add_argument("--rows", type=int, default=1_000_000)
    options = parser.parse_args()
    return run_bounded(lambda root: bench(root, options.rows), prefix="ignition-bench-d1-", limit_s=TIME_LIMIT_S)


if __name__ == "__main__":
    assert TABLES
    sys.exit(main())
