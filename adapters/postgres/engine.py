"""The SQLAlchemy engine: psycopg 3 driver, a bounded pool per process, a statement timeout."""
from __future__ import annotations

import select

import sqlalchemy as sa
from psycopg import OperationalError
from sqlalchemy import exc as sa_exc

from adapters.postgres import pool_metrics


def make_engine(url: str, *, pool_size: int = 4, pool_timeout_s: float = 2.0,
                statement_timeout_ms: int = 5000, connect_timeout_s: int = 2) -> sa.Engine:
    """Create the engine lazily in each worker (after gunicorn forks), never at import time.

    No pre-ping round trip: `drop_dead_connection` finds, on checkout and without asking the
    server, a pooled connection that the server has closed. A connection that dies while in
    use raises a disconnect error (a 503); SQLAlchemy then invalidates the pool.
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
    sa.event.listen(engine, "checkout", drop_dead_connection)
    pool_metrics.instrument(engine, pool_size)
    return engine


def drop_dead_connection(dbapi_connection, connection_record, connection_proxy) -> None:
    """Refuse a pooled connection whose server is ending it (a restart, a failover, an idle timeout).

    An idle connection receives nothing unless the server is ending it (an error, then EOF; the
    EOF may still be on its way), so a readable socket at checkout means dead. The check is one
    poll(2), no round trip; DisconnectionError makes the pool replace this one connection before
    a request runs on it and answers 503 although the database is back. Each of the others is
    checked at its own checkout, so live ones are kept.
    """
    try:
        if dbapi_connection.closed or _readable(dbapi_connection.pgconn.socket):
            raise sa_exc.DisconnectionError("the server is ending this idle connection")
    except OperationalError as error:  # libpq has no socket for it any more
        raise sa_exc.DisconnectionError(f"the connection is lost: {error}") from error


def _readable(fd: int) -> bool:
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))
