"""Processes the benchmarks start on 127.0.0.1 and always stop: gunicorn serving a WSGI app with
the repository's gunicorn.conf.py, and redis-server. Each runs in its own process group.
Imported through harness, which puts the repository on sys.path."""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from ignition.localpg import free_port

ROOT = Path(__file__).resolve().parents[1]


def children(pid: int) -> list[int]:
    """The pids of the processes whose parent is `pid` (a gunicorn arbiter's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


# Every setting the app reads but the benchmark chooses; tuning knobs (WEB_CONCURRENCY, GUNICORN_*,
# DB_POOL_SIZE, DB_*_TIMEOUT*) pass through from the caller's environment.
CHOSEN_SETTINGS = ("IGNITION_", "DATABASE_", "AUTH_", "DEV_", "COOKIE_", "BLOB_", "PROMETHEUS_", "RATELIMIT_",
                   "TRUST_PROXY", "METRICS_", "PUBLIC_URL", "ALLOWED_ORIGINS", "ADMIN_EMAILS", "GOOGLE_", "AZURE_",
                   "MICROSOFT_", "R2_", "TRACKS_", "BACKUP_", "OAUTHLIB_")


def production_env(root: Path, database_url: str, **settings: str) -> dict[str, str]:
    """The caller's environment without app settings, plus production ones (overridden by `settings`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(CHOSEN_SETTINGS)}
    (root / "tmp").mkdir(exist_ok=True)
    env.update({"IGNITION_ENV": "production", "DATABASE_URL": database_url, "AUTH_SECRET": secrets.token_urlsafe(48),
                "BLOB_STORE": "filesystem", "BLOB_DIR": str(root / "blobs"),
                "METRICS_TOKEN": secrets.token_urlsafe(16), "TMPDIR": str(root / "tmp"), **settings})
    return env


@dataclass(frozen=True)
class Server:
    base: str
    pid: int
    log: Path

    def workers(self) -> list[int]:
        return children(self.pid)


@contextmanager
def gunicorn(root: Path, app: str, env: dict[str, str], *, name: str = "server", port: int | None = None,
             args: tuple[str, ...] = ()):
    """`app` under gunicorn with the repository's gunicorn.conf.py on 127.0.0.1 (a free port unless given),
    once /health/live answers 200; stopped (SIGTERM, then SIGKILL) however the block ends."""
    port = port or free_port()
    log_path = root / f"{name}.log"
    command = [str(Path(sys.executable).with_name("gunicorn")), app, "-c", str(ROOT / "gunicorn.conf.py"),
               "--bind", f"127.0.0.1:{port}", *args]
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{name} did not start:\n" + log_path.read_text()[-3000:])
                try:
                    if requests.get(base + "/health/live", timeout=5).status_code == 200:
                        break
                except requests.RequestException:
                    time.sleep(0.2)
            yield Server(base, server.pid, log_path)
        finally:
            stop_group(server)


def stop_group(process: subprocess.Popen) -> None:
    """SIGTERM to the process group started with `start_new_session`, SIGKILL after 30 s."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextmanager
def redis_server(root: Path):
    """redis-server on a free port of 127.0.0.1 without persistence; yields its redis:// URL."""
    import redis

    if not shutil.which("redis-server"):
        raise RuntimeError("redis-server is not installed (make system-deps installs it)")
    port = free_port()
    with (root / "redis.log").open("w") as log:
        process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                    "--appendonly", "no", "--dir", str(root)],
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=1)
            deadline = time.monotonic() + 20
            while True:
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("redis did not start:\n" + (root / "redis.log").read_text()[-2000:])
                    time.sleep(0.1)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            stop_group(process)
