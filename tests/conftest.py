"""Session-wide test infrastructure: one private PostgreSQL cluster, one migrated template.

The cluster starts lazily (unit tests never pay for it), runs as the `postgres` user when
the suite runs as root, listens on a free port of 127.0.0.1, and is removed at the end.
pytest-postgresql's no-process fixture points at it; its janitor migrates a template
database once and clones it for every test that asks for `database_url`.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_postgresql import factories

from ignition.localpg import LocalCluster, free_port


@dataclass(frozen=True)
class ServerInfo:
    """What pytest-postgresql's `depends_on` needs to know about a running server."""

    host: str
    port: int
    user: str
    password: str | None = None
    options: str = ""
    maintenance_dbname: str = "postgres"
    template_dbname: str | None = None


@pytest.fixture(scope="session")
def pg_cluster():
    root = Path(tempfile.mkdtemp(prefix="ignition-pg-"))
    cluster = LocalCluster(root / "data", free_port())
    cluster.start(fast=True)
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server(pg_cluster) -> ServerInfo:
    return ServerInfo(host=pg_cluster.host, port=pg_cluster.port, user=pg_cluster.user)


def migrate_template(host, port, user, dbname, password=None, **_):
    """Bring the template database to the newest schema (runs once per session)."""
    from adapters.postgres.migrate import upgrade

    upgrade(f"postgresql+psycopg://{user}@{host}:{port}/{dbname}")


postgresql_template = factories.postgresql_noproc(depends_on="pg_server", load=[migrate_template])
postgresql = factories.postgresql("postgresql_template")


@pytest.fixture
def database_url(postgresql) -> str:
    """A fresh, migrated database of this test's own (SQLAlchemy URL, psycopg 3 driver)."""
    info = postgresql.info
    return f"postgresql+psycopg://{info.user}@{info.host}:{info.port}/{info.dbname}"
