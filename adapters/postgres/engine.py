"""The SQLAlchemy engine: psycopg 3 driver, a bounded pool per process, a statement timeout."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres import pool_metrics


def make_engine(url: str, *, pool_size: int = 4, pool_timeout_s: float = 2.0,
                statement_timeout_ms: int = 5000, connect_timeout_s: int = 2) -> sa.Engine:
    """Create the engine lazily in each worker (after gunicorn forks), never at import time.

    No pre-ping: a dead connection raises a disconnect error, SQLAlchemy then invalidates the
    pool, and the next request connects afresh — one round trip saved on every request.
    """
    engine = sa.create_engine(
        url,
        pool_size=pool_size,
        max_overflow=0,
        pool_timeout=pool_timeout_s,
        pool_recycle=1800,
        connect_args={
            "connect_timeout": connect_timeout_s,
            "options": f"-c statement_timeout={statement_timeout_ms} -c timezone=UTC",
            "application_name": "ignition",
        },
    )
    pool_metrics.instrument(engine, pool_size)
    return engine
