"""pg_dump / pg_restore in custom format, run as subprocesses with the URL's credentials."""
from __future__ import annotations

import subprocess
from pathlib import Path

from ports.outbound.database_dump import DatabaseDump


def libpq_url(url: str) -> str:
    """pg_dump speaks libpq URLs: postgresql://…, not SQLAlchemy's postgresql+psycopg://…"""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


class PgDump(DatabaseDump):
    def __init__(self, database_url: str, timeout_s: int = 3600) -> None:
        self.database_url, self.timeout_s = libpq_url(database_url), timeout_s

    def dump(self, target):
        self._run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target),
                   "--dbname", self.database_url])

    def restore(self, source, database_url):
        self._run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                   "--dbname", libpq_url(database_url), str(source)])

    def _run(self, argv: list[str]) -> None:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=self.timeout_s)
        if done.returncode != 0:
            # The URL may hold a password: name the program, never the command line.
            raise RuntimeError(f"{argv[0]} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
