"""A private PostgreSQL cluster in a folder, for development and the test suite.

It runs the system's `initdb` and `pg_ctl`. PostgreSQL refuses to run as root, so when this
process is root the server runs as the `postgres` user (`runuser`) and owns its folder.
The cluster listens on 127.0.0.1 only, with no Unix socket, and trusts local connections:
it is for one machine's tests and development, never for production.
"""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
from pathlib import Path

import psycopg
from psycopg import sql

SERVER_USER = "postgres"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalCluster:
    """One PostgreSQL server: data in `datadir`, listening on 127.0.0.1:`port`."""

    def __init__(self, datadir: Path, port: int) -> None:
        self.datadir = Path(datadir).resolve()
        self.port = port
        self.user = SERVER_USER
        self.host = "127.0.0.1"

    def _as_server(self, *argv: str) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", SERVER_USER, "--", *argv]
        return list(argv)

    def _run(self, *argv: str) -> None:
        done = subprocess.run(self._as_server(*argv), capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")

    @property
    def initialized(self) -> bool:
        return (self.datadir / "PG_VERSION").exists()

    def init(self) -> None:
        """Create the cluster's folder and files unless they exist."""
        if self.initialized:
            return
        self.datadir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            owner = pwd.getpwnam(SERVER_USER)
            for folder in (self.datadir, *self.datadir.parents):
                if folder == Path("/"):
                    break
                folder.chmod(folder.stat().st_mode | 0o011)  # let the server user pass through
            shutil.chown(self.datadir, owner.pw_uid, owner.pw_gid)
        self._run("initdb", "-D", str(self.datadir), "-U", SERVER_USER, "--auth=trust",
                  "-E", "UTF8", "--no-instructions", "--locale=C.UTF-8")

    @property
    def running(self) -> bool:
        done = subprocess.run(self._as_server("pg_ctl", "-D", str(self.datadir), "status"),
                              capture_output=True)
        return done.returncode == 0

    def start(self, *, fast: bool = False) -> None:
        """Start the server (init first if needed) and wait until it accepts connections.

        `fast` turns off fsync: for throwaway test clusters only.
        """
        self.init()
        if self.running:
            return
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        if fast:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.datadir), "-o", options,
                  "-l", str(self.datadir / "server.log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        if self.initialized and self.running:
            self._run("pg_ctl", "-D", str(self.datadir), "-m", "fast", "-w", "stop")

    def url(self, dbname: str, *, driver: str = "postgresql") -> str:
        return f"{driver}://{self.user}@{self.host}:{self.port}/{dbname}"

    def ensure_database(self, dbname: str) -> None:
        """Create `dbname` unless it exists."""
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone()
            if not found:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
