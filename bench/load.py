"""Requests per second and p50/p99 latency of the hot endpoints, beside the ceiling (`make bench-load`).

In a temporary folder: a private Postgres cluster (fsync on, as in production), migrated and
seeded; a Redis on 127.0.0.1 for the rate-limit counters; the service under gunicorn with the
repository's gunicorn.conf.py and production settings (JSON logs to a file, /metrics on,
rate limits on and shared through Redis, TRUST_PROXY=cloudflare); and bench/ceiling_app.py
under the same gunicorn settings. 16 users with 20 completed focus sessions each are signed
in through session rows. wrk (-t16 -c16: one user per connection, a random CF-Connecting-IP
per request) then measures each endpoint for BENCH_WARMUP_SECONDS (discarded) and
BENCH_SECONDS: the ceiling, the list's and the summary's own ceilings, the five endpoints, the
ceiling again (the ratio uses the mean of the two ceiling runs, so a machine that got busier
meanwhile shows as a gap between them).

Prints the machine, the settings and the table, and writes them as JSON (.data/bench-load.json
or --out). Fails loudly (exit 1) when any response had another status than expected, wrk saw
a socket error, the log holds a session or CSRF token, or the service logged a 5xx; exits 1
too when an authenticated read misses its target (0.8 of the ceiling, p99 < 50 ms).
"""
from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import time
import uuid
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import redis

from harness import ROOT, cpu_seconds, database, run_bounded
from load_data import bench_users, write_users_file
from load_report import (TARGET_P99_MS, TARGET_RATIO, code_version, describe, machine, scan_log,
                         statuses_from_metrics, table, verdict, worker_class, write_json)
from load_wrk import Endpoint, Measurement, run_wrk, wrk_version
from servers import Server, gunicorn, production_env, redis_server

from ignition.seed import seed_database  # noqa: E402
from ignition.settings import Settings  # noqa: E402  (harness puts the repository on sys.path)

CONNECTIONS = USERS = 16
PUBLIC_URL = "https://ignition.bench.example"
LOOPBACK_DISCOVERY = "https://127.0.0.1:9/.well-known/openid-configuration"  # configured, never fetched here
ME = Endpoint("GET /api/v1/me", "read.lua", ("/api/v1/me",), authenticated_read=True)
ENDPOINTS = (
    Endpoint("GET /health/live", "read.lua", ("/health/live",)),
    ME,
    Endpoint("GET /api/v1/focus", "read.lua", ("/api/v1/focus",), authenticated_read=True),
    Endpoint("GET /api/v1/gamification/summary", "read.lua", ("/api/v1/gamification/summary",),
             authenticated_read=True),
    Endpoint("POST /api/v1/focus + /complete", "focus_cycle.lua"),
)
CEILING = Endpoint("ceiling: /me, raw psycopg", "read.lua", ("/api/v1/me",))
# The list and the summary beside a ceiling of their own: the session check and the service's own
# statement for that read (bench/ceiling_app.py). /me's own ceiling is CEILING.
OWN_CEILINGS = {
    "GET /api/v1/focus": Endpoint("ceiling: /focus, raw psycopg", "read.lua", ("/api/v1/focus",)),
    "GET /api/v1/gamification/summary": Endpoint("ceiling: /summary, raw psycopg", "read.lua",
                                                 ("/api/v1/gamification/summary",)),
}
STARTED = time.monotonic()
SERVICE_SUMMARY = ("IGNITION_ENV=production, rate limits on (Redis on loopback), TRUST_PROXY=cloudflare, "
                   "JSON logs to a file, /metrics on; Postgres fsync on")


def service_env(root: Path, database_url: str, redis_url: str) -> dict[str, str]:
    """Production settings as a deployment behind Cloudflare would have them."""
    return production_env(
        root, database_url, PUBLIC_URL=PUBLIC_URL, RATELIMIT_STORAGE_URI=redis_url, TRUST_PROXY="cloudflare",
        GOOGLE_CLIENT_ID="bench-google", GOOGLE_CLIENT_SECRET=secrets.token_urlsafe(24),
        GOOGLE_DISCOVERY_URL=LOOPBACK_DISCOVERY, AZURE_AD_CLIENT_ID="bench-microsoft",
        AZURE_AD_CLIENT_SECRET=secrets.token_urlsafe(24), AZURE_AD_TENANT_ID=str(uuid.uuid4()),
        MICROSOFT_DISCOVERY_URL=LOOPBACK_DISCOVERY)


def measure(server: Server, endpoint: Endpoint, *, seconds: int, warmup: int, env: dict[str, str]) -> Measurement:
    """A warm-up (discarded, but it must not fail), then the measured run and the workers' CPU time in it."""
    progress(f"{endpoint.name}: {warmup} s warm-up, {seconds} s measured")
    warm = run_wrk(server.base, endpoint, seconds=warmup, connections=CONNECTIONS, env=env)
    if warm.failed:
        raise RuntimeError(f"{endpoint.name} failed during warm-up: {warm.unexpected_status} unexpected statuses "
                           f"(first: {warm.first_unexpected}), wrk errors {warm.wrk_errors}")
    workers = server.workers()
    cpu_before = cpu_seconds(workers)
    result = run_wrk(server.base, endpoint, seconds=seconds, connections=CONNECTIONS, env=env)
    if server.workers() != workers:
        raise RuntimeError(f"a worker was replaced while {endpoint.name} was measured: {server.log.read_text()[-2000:]}")
    return replace(result, app_cpu_ms=(cpu_seconds(workers) - cpu_before) * 1000 / max(result.requests, 1))


def progress(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:5.1f} s] {message}", flush=True)


def row(endpoint: Endpoint, result: Measurement, ceiling: Measurement, own: Measurement | None = None) -> dict:
    """One line of the table; `ceiling` holds the mean of the two ceiling runs, `own` the read's own
    ceiling where it has one."""
    return {"endpoint": endpoint.name, "authenticated_read": endpoint.authenticated_read, **result.as_json(),
            "ratio_to_ceiling": round(result.rps / ceiling.rps, 3),
            "ratio_to_own_ceiling": round(result.rps / own.rps, 3) if own is not None else None,
            "cpu_ratio_to_ceiling": round(ceiling.app_cpu_ms / result.app_cpu_ms, 3) if result.app_cpu_ms else None}


def run(root: Path, seconds: int, warmup: int) -> dict:
    """Start everything, measure every row, and return what the report needs."""
    wrk = wrk_version()
    started, load_at_start = datetime.now(timezone.utc), os.getloadavg()
    progress("starting Postgres (fsync on), Redis, the service and the ceiling app")
    with database(root, fast=False) as database_url, redis_server(root) as redis_url:
        seed_database(database_url)
        env = service_env(root, database_url, redis_url)
        with gunicorn(root, "ignition.wsgi:app", env, name="service") as service, \
                gunicorn(root, "bench.ceiling_app:create_app()", env, name="ceiling") as ceiling:
            progress(f"signing in {USERS} users and giving each a history")
            users = bench_users(service.base, database_url, USERS, client_ip="10.255.255.254")
            wrk_env = {**os.environ, "BENCH_USERS": str(write_users_file(root / "users.txt", users)),
                       "BENCH_ORIGIN": PUBLIC_URL}
            options = {"seconds": seconds, "warmup": warmup, "env": wrk_env}
            ceiling_before = measure(ceiling, CEILING, **options)
            own = {name: (endpoint, measure(ceiling, endpoint, **options)) for name, endpoint in OWN_CEILINGS.items()}
            results = [(endpoint, measure(service, endpoint, **options)) for endpoint in ENDPOINTS]
            ceiling_after = measure(ceiling, CEILING, **options)
            return {
                "started_at": started.isoformat(), "code": code_version(ROOT),
                "load_average_at_start": load_at_start,
                "machine": machine(database_url, wrk),
                "settings": {"worker_class": worker_class(service.log), "workers": len(service.workers()),
                             "ceiling_workers": len(ceiling.workers()),
                             "threads": os.environ.get("GUNICORN_THREADS", "gunicorn.conf.py default"),
                             "db_pool_size": Settings.from_env(env).db_pool_size, "connections": CONNECTIONS,
                             "wrk_threads": CONNECTIONS, "users": USERS, "seconds": seconds,
                             "warmup_seconds": warmup, "service": SERVICE_SUMMARY},
                "results": results, "ceiling": (ceiling_before, ceiling_after), "own_ceilings": own,
                "server_statuses": statuses_from_metrics(service.base, env["METRICS_TOKEN"]),
                "server_log": scan_log(service.log, [u.token for u in users] + [u.csrf for u in users]),
                "redis_commands": redis.Redis.from_url(redis_url).info("stats")["total_commands_processed"],
            }


def bench(root: Path, out: Path, seconds: int, warmup: int) -> bool:
    """Run, write the JSON, print the report; raise when the run is not valid, False when a target is missed."""
    try:
        measured = run(root, seconds, warmup)
        results, (ceiling_before, ceiling_after) = measured.pop("results"), measured.pop("ceiling")
        own = measured.pop("own_ceilings")
        ceiling = mean(ceiling_before, ceiling_after)
        own_of = {ME.name: ceiling, **{name: result for name, (_, result) in own.items()}}
        rows = [row(endpoint, result, ceiling, own_of.get(endpoint.name)) for endpoint, result in results]
        rows.append(row(CEILING, ceiling_before, ceiling) | {"endpoint": "ceiling (before)"})
        rows.append(row(CEILING, ceiling_after, ceiling) | {"endpoint": "ceiling (after)"})
        rows += [row(endpoint, result, ceiling) for endpoint, result in own.values()]
        document = {**measured, "load_average_at_end": os.getloadavg(), "ceiling_rps": round(ceiling.rps, 1),
                    "ceiling_cpu_ms": round(ceiling.app_cpu_ms, 3),
                    "rows": rows, "targets": {"ratio_to_ceiling": TARGET_RATIO, "p99_ms": TARGET_P99_MS}}
        write_json(out, document)
        print(describe(document), table(rows), sep="\n\n")
        print(f"\nservice saw, by status: {document['server_statuses']}; rate-limit commands in Redis: "
              f"{document['redis_commands']:,}\nits log: {document['server_log']}\nwritten to {out}")
        problems = failures(results + [(CEILING, ceiling_before), (CEILING, ceiling_after), *own.values()],
                            document["server_statuses"], document["server_log"])
        if problems:
            raise RuntimeError("the run is not valid:\n  " + "\n  ".join(problems))
    except RuntimeError:
        keep_log(root / "service.log", out.with_suffix(".service.log"))
        raise
    missed = [r["endpoint"] for r in rows if verdict(r) == "MISSED"]
    print(f"targets (authenticated reads: ≥ {TARGET_RATIO} of the ceiling, p99 < {TARGET_P99_MS:.0f} ms): "
          + (f"MISSED by {', '.join(missed)}" if missed else "met"))
    return not missed


def mean(first: Measurement, second: Measurement) -> Measurement:
    """The two ceiling runs as one: their requests over their time, and their CPU per request."""
    requests = first.requests + second.requests
    cpu_ms = (first.app_cpu_ms * first.requests + second.app_cpu_ms * second.requests) / requests
    return replace(first, requests=requests, seconds=first.seconds + second.seconds, app_cpu_ms=cpu_ms)


def keep_log(log: Path, kept: Path) -> None:
    """The service's log outlives the temporary folder when the run failed."""
    if log.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(log, kept)
        print(f"the service's log is kept in {kept}", file=sys.stderr)


def failures(results: list[tuple[Endpoint, Measurement]], statuses: dict[str, int], log: dict) -> list[str]:
    problems = [f"{endpoint.name}: {result.unexpected_status} responses of an unexpected status "
                f"(first: {result.first_unexpected}); wrk errors {result.wrk_errors}"
                for endpoint, result in results if result.failed]
    if any(status.startswith("5") for status in statuses) or log["request_lines_5xx"]:
        problems.append(f"the service answered 5xx: {statuses}")
    if log["secrets_found"]:
        problems.append(f"{log['secrets_found']} session or CSRF tokens appear in the service's log")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / ".data" / "bench-load.json")
    options = parser.parse_args()
    seconds = int(os.environ.get("BENCH_SECONDS", "20"))
    warmup = int(os.environ.get("BENCH_WARMUP_SECONDS", "5"))
    limit = 240 + (len(ENDPOINTS) + 2 + len(OWN_CEILINGS)) * (seconds + warmup + 15)
    return run_bounded(lambda root: bench(root, options.out.resolve(), seconds, warmup),
                       prefix="ignition-bench-load-", limit_s=limit)


if __name__ == "__main__":
    sys.exit(main())
