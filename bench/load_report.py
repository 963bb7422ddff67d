"""What the load benchmark reports besides wrk's figures: the machine, what the service itself
saw (its /metrics and its JSON log), the table, and the JSON document docs/performance.md is
filled from."""
from __future__ import annotations

import json
import os
import platform
import re
import subprocess
from collections import Counter
from importlib.metadata import version
from pathlib import Path

import psycopg
import requests

TARGET_RATIO, TARGET_P99_MS = 0.8, 50.0
REQUESTS_SAMPLE = re.compile(r'^ignition_http_requests_total\{(?P<labels>[^}]*)\} (?P<value>[0-9.e+]+)$')
STATUS_LABEL = re.compile(r'status="(\d+)"')


def machine(database_url: str, wrk: str) -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    memory_kb = int(re.search(r"^MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text(), re.M).group(1))
    with psycopg.connect(database_url.replace("+psycopg", "")) as conn:
        postgres = conn.execute("SHOW server_version").fetchone()[0]
    return {"nproc": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0)),
            "cpu_model": model.group(1).strip() if model else platform.processor() or "unknown",
            "memory_gb": round(memory_kb / 1024 / 1024, 1), "kernel": platform.release(),
            "python": platform.python_version(), "postgres": postgres, "gunicorn": version("gunicorn"),
            "flask": version("flask"), "psycopg": version("psycopg"), "wrk": wrk}


def code_version(root: Path) -> str:
    """The commit measured, and whether tracked files differed from it (a shared working tree)."""
    head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        return "not a git checkout"
    changed = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                             capture_output=True, text=True).stdout.strip()
    return head.stdout.strip() + (" with uncommitted changes" if changed else "")


def worker_class(log: Path) -> str:
    found = re.search(r"Using worker: (\w+)", log.read_text())
    return found.group(1) if found else "unknown"


def statuses_from_metrics(base: str, metrics_token: str) -> dict[str, int]:
    """Requests the service counted, by status, over the whole run (warm-ups included)."""
    reply = requests.get(base + "/metrics", headers={"Authorization": f"Bearer {metrics_token}"}, timeout=10)
    if reply.status_code != 200:
        raise RuntimeError(f"/metrics answered {reply.status_code}")
    counts: Counter[str] = Counter()
    for line in reply.text.splitlines():
        sample = REQUESTS_SAMPLE.match(line)
        if sample:
            counts[STATUS_LABEL.search(sample["labels"]).group(1)] += int(float(sample["value"]))
    return dict(sorted(counts.items()))


def scan_log(log: Path, secrets: list[str]) -> dict:
    """Error lines, request lines of 5xx, and whether any session or CSRF token was written."""
    text = log.read_text()
    levels: Counter[str] = Counter()
    server_errors = 0
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            levels["not-json"] += 1
            continue
        levels[record.get("level", "?")] += 1
        server_errors += isinstance(record.get("status"), int) and record["status"] >= 500
    return {"lines": sum(levels.values()), "bytes": len(text.encode()), "by_level": dict(levels),
            "request_lines_5xx": server_errors, "secrets_found": sum(secret in text for secret in secrets)}


def verdict(row: dict) -> str:
    if not row["authenticated_read"]:
        return ""
    met = row["ratio_to_ceiling"] >= TARGET_RATIO and row["p99_ms"] < TARGET_P99_MS
    return "ok" if met else "MISSED"


def table(rows: list[dict]) -> str:
    lines = [f"{'endpoint':<34} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'bad':>4} {'ratio':>6} {'own':>5} "
             f"{'CPU ms':>7} {'CPU ratio':>9}  target", "-" * 102]
    for row in rows:
        own = f"{row['ratio_to_own_ceiling']:>5.2f}" if row.get("ratio_to_own_ceiling") is not None else f"{'':>5}"
        lines.append(f"{row['endpoint']:<34} {row['rps']:>7,.0f} {row['p50_ms']:>7.2f} {row['p99_ms']:>7.2f} "
                     f"{row['unexpected_status']:>4} {row['ratio_to_ceiling']:>6.2f} {own} {row['app_cpu_ms']:>7.2f} "
                     f"{row['cpu_ratio_to_ceiling']:>9.2f}  {verdict(row)}")
    return "\n".join(lines)


def describe(document: dict) -> str:
    m, s = document["machine"], document["settings"]
    return "\n".join([
        f"machine: {m['nproc']} CPUs ({m['usable_cpus']} usable), {m['cpu_model']}, {m['memory_gb']} GB; "
        f"load average (1, 5, 15 min) at start {_load(document['load_average_at_start'])}, "
        f"at end {_load(document['load_average_at_end'])}",
        f"versions: Python {m['python']}, PostgreSQL {m['postgres']}, gunicorn {m['gunicorn']}, "
        f"Flask {m['flask']}, psycopg {m['psycopg']}, {m['wrk']}",
        f"settings: {s['worker_class']} workers × {s['workers']} (threads: {s['threads']}), DB pool "
        f"{s['db_pool_size']} per worker (ceiling: the same), {s['connections']} connections "
        f"({s['wrk_threads']} wrk threads), {s['warmup_seconds']} s warm-up + {s['seconds']} s per endpoint",
        f"service: {s['service']}; code: {document['code']}"])


def _load(average: tuple[float, float, float]) -> str:
    return ", ".join(f"{x:.2f}" for x in average)


def write_json(path: Path, document: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n")
