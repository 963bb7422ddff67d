"""What the benchmarks share: a private Postgres, Redis, the service (or any WSGI app) under
gunicorn with production settings on 127.0.0.1, signed-in sessions, an RSS sampler, and a
time limit."""
from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ignition.localpg import LocalCluster, free_port  # noqa: E402
from servers import gunicorn, production_env  # noqa: E402

if TYPE_CHECKING:
    from domain.users import User

MB = 1_000_000


class TimeLimit(Exception):
    pass


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time the processes have used so far."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of proc(5)
    return ticks / os.sysconf("SC_CLK_TCK")


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


def sign_in_users(database_url: str, emails: list[str]) -> list[tuple["User", str]]:
    """Users with a live session each, inserted through the Postgres unit of work; returns (user, token) pairs."""
    from adapters.postgres.engine import make_engine
    from adapters.postgres.unit_of_work import PgUnitOfWork
    from domain.sessions import Session
    from domain.users import User

    engine = make_engine(database_url, pool_size=1, pool_timeout_s=5, statement_timeout_ms=10_000)
    signed = []
    try:
        for email in emails:
            now = datetime.now(timezone.utc)
            user = User.register(email=email, email_verified=True, name=email.split("@")[0].title(), now=now)
            session, token = Session.start(user.id, now, user_agent="bench", ip="127.0.0.1")
            uow = PgUnitOfWork(engine)
            with uow:
                uow.users.add(user)
                uow.sessions.add(session)
                uow.commit()
            signed.append((user, token))
    finally:
        engine.dispose()
    return signed


def sign_in(database_url: str) -> str:
    """One user and a live session; returns the session token."""
    return sign_in_users(database_url, ["bench@example.com"])[0][1]


@contextmanager
def database(root: Path, *, fast: bool = True):
    """A migrated database `bench` in a private cluster; `fast` turns fsync off (not for write figures)."""
    cluster = LocalCluster(root / "pg", free_port())
    cluster.start(fast=fast)
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
    """The service with production settings and one sync worker; yields its URL and the worker's pid."""
    port = free_port()
    env = production_env(root, database_url, WEB_CONCURRENCY="1", PUBLIC_URL=f"http://127.0.0.1:{port}")
    with gunicorn(root, "ignition.wsgi:app", env, port=port, args=("--workers", "1", "--timeout", "120")) as server:
        workers = server.workers()
        if len(workers) != 1:
            raise RuntimeError(f"expected one worker, found {workers}")
        yield server.base, workers[0]


def mb(kb: int) -> float:
    return kb * 1024 / MB


def csrf_token(session: requests.Session, base: str, token: str, headers: dict[str, str] | None = None) -> str:
    """The CSRF token the service hands the session `token` (GET /auth/session)."""
    reply = session.get(base + "/auth/session", headers={"Cookie": f"ignition_session={token}", **(headers or {})},
                        timeout=10)
    if reply.status_code != 200:
        raise RuntimeError(f"/auth/session answered {reply.status_code}: {reply.text[:300]}")
    return reply.headers["X-CSRF-Token"]


def signed_in(base: str, database_url: str) -> tuple[requests.Session, dict[str, str]]:
    """A client session with the cookies and CSRF header of a user made for the benchmark."""
    token = sign_in(database_url)
    session = requests.Session()
    csrf = csrf_token(session, base, token)
    return session, {"Cookie": f"ignition_session={token}; ignition_csrf={csrf}", "X-CSRF-Token": csrf}


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
