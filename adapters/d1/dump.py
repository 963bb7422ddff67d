"""A D1 export loaded into an in-memory SQLite database (standard library sqlite3).

`wrangler d1 export` writes CREATE TABLE and INSERT statements, sometimes wrapped in
`PRAGMA defer_foreign_keys`/`BEGIN TRANSACTION`/`COMMIT`; executescript runs them as they
are (foreign keys are off in a fresh connection, so the dump's order does not matter).
Rows come back as dicts in rowid order, one at a time.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ports.outbound.d1 import D1Source


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class SqliteDump(D1Source):
    def __init__(self, sql: str) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("PRAGMA foreign_keys = OFF")
        self.db.executescript(sql)
        if self.db.in_transaction:  # a dump cut before its COMMIT
            self.db.commit()

    @classmethod
    def from_path(cls, path: str | Path) -> SqliteDump:
        return cls(Path(path).read_text(encoding="utf-8"))

    def tables(self) -> list[str]:
        rows = self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                               "AND name NOT LIKE 'sqlite_%' ORDER BY name")
        return [name for (name,) in rows]

    def columns(self, table: str) -> list[str]:
        return [row[1] for row in self.db.execute(f"PRAGMA table_info({_quote(table)})")]

    def count(self, table: str) -> int:
        return self.db.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0]

    def _has_rowid(self, table: str) -> bool:
        try:
            self.db.execute(f"SELECT rowid FROM {_quote(table)} LIMIT 0")
            return True
        except sqlite3.OperationalError:  # a WITHOUT ROWID table
            return False

    def rows(self, table: str) -> Iterator[tuple[int, dict]]:
        columns = self.columns(table)
        select = ", ".join(_quote(column) for column in columns)
        if self._has_rowid(table):
            cursor = self.db.execute(f"SELECT rowid, {select} FROM {_quote(table)} ORDER BY rowid")
            for row in cursor:
                yield row[0], dict(zip(columns, row[1:]))
        else:
            cursor = self.db.execute(f"SELECT {select} FROM {_quote(table)}")
            for number, row in enumerate(cursor, 1):
                yield number, dict(zip(columns, row))
