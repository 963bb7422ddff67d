"""Counting the SQL statements one request sends, through SQLAlchemy's cursor events."""
from __future__ import annotations

import threading
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy import event


class StatementCounter:
    """Records each statement the engine hands to a DBAPI cursor on the counting thread.

    `before_cursor_execute` fires once per `cursor.execute()` / `executemany()`: every SELECT,
    INSERT, UPDATE, DELETE and SET the application sends. Transaction control does not go
    through a cursor (psycopg's BEGIN is implicit, COMMIT/ROLLBACK and SAVEPOINTs are
    connection calls), so it is not counted. Other threads (a background backup) are ignored.
    """

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.statements: list[str] = []
        self._thread: int | None = None
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if threading.get_ident() == self._thread:
            self.statements.append(" ".join(statement.split()))

    @contextmanager
    def counting(self):
        """Count from a clean slate while the block runs; yields the growing list of statements."""
        self.statements = []
        self._thread = threading.get_ident()
        try:
            yield self.statements
        finally:
            self._thread = None

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)
