"""Does GET /api/v1/me/export stream with flat memory? (`make bench-export`)

In a temporary folder: a private Postgres cluster, the service under gunicorn with production
settings (one sync worker) on 127.0.0.1, a user signed in through a session row, and 100,000
rows of theirs (activity events, ideas, ledger entries). The export is downloaded whole by a
client that discards the bytes while a thread samples the worker's RSS. Prints rows, bytes,
time and the peak RSS growth (target: flat — under 30 MB whatever the row count); exits 1 if
the export is incomplete or misses the target. Bounded in time; removes what it made.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import psycopg

from harness import MB, Sampler, database, mb, rss_kb, run_bounded, service, signed_in

ROWS = {"activity_events": 60_000, "ideas": 20_000, "points_ledger": 20_000}
TARGET_MB = 30
TIME_LIMIT_S = 600


def fill(database_url: str) -> None:
    """100,000 rows for the one user, inserted by the server with generate_series."""
    with psycopg.connect(database_url.replace("+psycopg", "")) as conn:
        user = conn.execute("SELECT id FROM users").fetchone()[0]
        conn.execute("INSERT INTO activity_events (user_id, event_type, data, local_date)"
                     " SELECT %s, 'bench.event', jsonb_build_object('n', n, 'metrics', '{}'::jsonb), current_date"
                     " FROM generate_series(1, %s) n", (user, ROWS["activity_events"]))
        conn.execute("INSERT INTO ideas (user_id, title, body, tags) SELECT %s, 'Idea ' || n,"
                     " repeat('lorem ipsum ', 20), ARRAY['bench', 'n' || (n %% 10)] FROM generate_series(1, %s) n",
                     (user, ROWS["ideas"]))
        conn.execute("INSERT INTO points_ledger (user_id, delta, balance_after, reason, source_type, source_id)"
                     " SELECT %s, 1, n, 'bench', 'bench', n::text FROM generate_series(1, %s) n",
                     (user, ROWS["points_ledger"]))


def bench(root: Path) -> bool:
    with database(root) as database_url, service(root, database_url) as (base, worker):
        session, headers = signed_in(base, database_url)
        fill(database_url)
        before = rss_kb(worker)
        received, started = 0, time.monotonic()
        out = root / "export.json"
        with Sampler(worker) as sampler, out.open("wb") as sink:
            with session.get(base + "/api/v1/me/export", headers=headers, stream=True, timeout=120) as reply:
                reply.raise_for_status()
                for chunk in reply.iter_content(chunk_size=256 * 1024):
                    received += len(chunk)
                    sink.write(chunk)
        seconds = time.monotonic() - started
    document = json.loads(out.read_bytes())
    counted = {table: len(document["tables"].get(table, [])) for table in ROWS}
    total = sum(len(rows) for rows in document["tables"].values())
    growth = mb(sampler.peak_kb - before)
    print(f"export: {total} rows ({counted}), {received / MB:.1f} MB in {seconds:.1f} s "
          f"({total / seconds:,.0f} rows/s)")
    print(f"worker RSS {mb(before):.1f} MB → peak {mb(sampler.peak_kb):.1f} MB ({sampler.samples} samples)")
    print(f"peak RSS growth while exporting: {growth:.1f} MB (target < {TARGET_MB} MB): "
          f"{'ok' if growth < TARGET_MB else 'MISSED'}")
    return counted == ROWS and growth < TARGET_MB


def main() -> int:
    return run_bounded(bench, prefix="ignition-bench-export-", limit_s=TIME_LIMIT_S)


if __name__ == "__main__":
    sys.exit(main())
