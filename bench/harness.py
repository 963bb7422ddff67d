"""What the benchmarks share: a private Postgres, the service under gunicorn with production
settings on 127.0.0.1, a signed-in session, an RSS sampler, and a time limit."""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ignition.localpg import LocalCluster, free_port  # noqa: E402

MB = 1_000_000


class TimeLimit(Exception):
    pass


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def children(pid: int) -> list[int]:
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


class Sampler:
    """Samples one process's RSS every few milliseconds while active."""

    def __init__(self, pid: int, every_s: float = 0.005) -> None:
        self.pid, self.every_s, self.peak_kb, self.samples = pid, every_s, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, rss_kb(self.pid))
            self.samples += 1
            time.sleep(self.every_s)

    def __enter__(self) -> "Sampler":
        self.peak_kb = rss_kb(self.pid)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_kb = max(self.peak_kb, rss_kb(self.pid))


def sign_in(database_url: str) -> str:
    """A user and a live session, inserted through the Postgres unit of work; returns the session token."""
    from adapters.postgres.engine import make_engine
    from adapters.postgres.unit_of_work import PgUnitOfWork
    from domain.sessions import Session
    from domain.users import User

    engine = make_engine(database_url, pool_size=1, pool_timeout_s=5, statement_timeout_ms=10_000)
    try:
        now = datetime.now(timezone.utc)
        user = User.register(email="bench@example.com", email_verified=True, name="Bench", now=now)
        session, token = Session.start(user.id, now, user_agent="bench", ip="127.0.0.1")
        uow = PgUnitOfWork(engine)
        with uow:
            uow.users.add(user)
            uow.sessions.add(session)
            uow.commit()
    finally:
        engine.dispose()
    return token


@contextmanager
def database(root: Path):
    cluster = LocalCluster(root / "pg", free_port())
    cluster.start(fast=True)
    try:
        cluster.ensure_database("bench")
        url = cluster.url("bench", driver="postgresql+psycopg")
        from adapters.postgres.migrate import upgrade

        upgrade(url)
        yield url
    finally:
        cluster.stop()


@contextmanager
def service(root: Path, database_url: str):
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("IGNITION_", "DATABASE_", "AUTH_", "DEV_", "COOKIE_", "BLOB_", "PROMETHEUS_"))}
    env.update({"IGNITION_ENV": "production", "DATABASE_URL": database_url, "AUTH_SECRET": secrets.token_urlsafe(48),
                "PUBLIC_URL": f"http://127.0.0.1:{port}", "BLOB_STORE": "filesystem", "BLOB_DIR": str(root / "blobs"),
                "METRICS_TOKEN": secrets.token_urlsafe(16), "WEB_CONCURRENCY": "1", "TMPDIR": str(root / "tmp")})
    (root / "tmp").mkdir()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = (root / "server.log").open("w")
    server = subprocess.Popen([str(gunicorn), "ignition.wsgi:app", "-c", str(ROOT / "gunicorn.conf.py"),
                               "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "120"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the service did not start:\n" + (root / "server.log").read_text()[-3000:])
            try:
                if requests.get(base + "/health/live", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        workers = children(server.pid)
        if len(workers) != 1:
            raise RuntimeError(f"expected one worker, found {workers}")
        yield base, workers[0]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def mb(kb: int) -> float:
    return kb * 1024 / MB


def signed_in(base: str, database_url: str) -> tuple[requests.Session, dict[str, str]]:
    """A client session with the cookies and CSRF header of a user made for the benchmark."""
    token = sign_in(database_url)
    session = requests.Session()
    cookie = f"ignition_session={token}"
    csrf = session.get(base + "/auth/session", headers={"Cookie": cookie}, timeout=10).headers["X-CSRF-Token"]
    return session, {"Cookie": f"{cookie}; ignition_csrf={csrf}", "X-CSRF-Token": csrf}


def run_bounded(bench: Callable[[Path], bool], *, prefix: str, limit_s: int) -> int:
    """Run `bench` in a fresh folder within `limit_s`; 0 when it met its target, 1 otherwise."""
    def out_of_time(*_):
        raise TimeLimit(f"the benchmark took longer than {limit_s} s")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(limit_s)
    root = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        return 0 if bench(root) else 1
    except (TimeLimit, RuntimeError, requests.RequestException) as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        signal.alarm(0)
        shutil.rmtree(root, ignore_errors=True)
