"""Real processes for multi-instance tests: a Redis server and gunicorn instances on loopback."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from ignition.localpg import free_port

ROOT = Path(__file__).resolve().parents[2]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.2)
    pytest.fail(f"{url} did not come up:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


class Redis:
    """redis-server on a free port of 127.0.0.1, no persistence."""

    def __init__(self, folder: Path) -> None:
        if not shutil.which("redis-server"):
            pytest.skip("redis-server is not installed (make test installs it where it can)")
        self.port, self.log = free_port(), folder / "redis.log"
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(folder)], stdout=self.log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                import redis
                if redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1).ping():
                    return
            except Exception:  # not accepting yet
                time.sleep(0.1)
        stop(self.process)
        pytest.fail(f"redis did not start:\n{self.log.read_text()}")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


class Instance:
    """One gunicorn instance of the app with the given environment."""

    def __init__(self, folder: Path, env: dict[str, str], workers: int = 1, port: int | None = None) -> None:
        self.port = port or free_port()  # given when the environment must name it (PUBLIC_URL)
        self.log = folder / f"gunicorn-{self.port}.log"
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("IGNITION_", "DATABASE_", "PROMETHEUS_"))}
        command = [str(Path(sys.executable).with_name("gunicorn")), "ignition.wsgi:app", "-c",
                   str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers)]
        self.process = subprocess.Popen(command, env={**clean, **env, "WEB_CONCURRENCY": str(workers)},
                                        stdout=self.log.open("w"), stderr=subprocess.STDOUT,
                                        start_new_session=True, cwd=folder)
        self.url = f"http://127.0.0.1:{self.port}"
        try:
            wait_until_up(self.url + "/health/live", self.process, self.log)
        except BaseException:  # pytest.fail included: a server that never came up is not left running
            stop(self.process)
            raise

    def workers(self) -> list[int]:
        """The pids of gunicorn's worker processes (the master's children) right now."""
        return children(self.process.pid)


def children(pid: int) -> list[int]:
    """The pids of the processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended while we looked
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def owner_of_local_port(port: int, pids: list[int]) -> int | None:
    """Which of `pids` holds the IPv4 TCP socket whose local port is `port` (e.g. a client_port
    of pg_stat_activity), by the socket's inode in /proc/net/tcp and the processes' descriptors."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].rsplit(":", 1)[1], 16) == port:
            inodes.add(f"socket:[{fields[9]}]")
    return next((pid for pid in pids if _descriptors(pid) & inodes), None)


def _descriptors(pid: int) -> set[str]:
    """What the process's open descriptors point at ("socket:[inode]", paths); empty once it has ended."""
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return set()
    links = set()
    for fd in fds:
        try:
            links.add(os.readlink(fd))
        except OSError:  # closed while we looked
            pass
    return links
