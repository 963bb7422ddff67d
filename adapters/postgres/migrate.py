"""Schema migrations in code: upgrade, downgrade, the current revision, and drift.

The Alembic Config is built here (no alembic.ini), with `script_location` pointing at the
`migrations` folder beside this file, so it works from any working directory after
`pip install .`.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
import warnings

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
import sqlalchemy as sa

from adapters.postgres.schema import metadata

MIGRATIONS = Path(__file__).resolve().with_name("migrations")


def alembic_config(database_url: str) -> Config:
    """An Alembic Config for `database_url`, built without an ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    # ConfigParser interpolates '%': escape it (URL-encoded passwords contain it).
    config.set_main_option("sqlalchemy.url", psycopg_url(database_url).replace("%", "%%"))
    return config


def psycopg_url(database_url: str) -> str:
    """postgresql://… and postgres://… name no driver; this package runs on psycopg 3."""
    for bare in ("postgresql://", "postgres://"):
        if database_url.startswith(bare):
            return "postgresql+psycopg://" + database_url[len(bare):]
    return database_url


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(database_url), revision)


def current(database_url: str) -> str | None:
    """The revision the database is at; None for a database never migrated."""
    with _connect(database_url) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def drift(database_url: str) -> list:
    """Differences between the live database and `metadata`; empty when they agree.

    Alembic's autogenerate diff, plus what autogenerate does not compare (see _blind_spots):
    CHECK constraints by name, index methods and partial-index predicates, and the
    expressions of generated columns.
    """
    with _connect(database_url) as connection, warnings.catch_warnings():
        # Alembic warns "Computed default ... cannot be modified" and moves on; the
        # difference is reported by _blind_spots instead.
        warnings.filterwarnings("ignore", message="Computed default on")
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "compare_server_default": True, "include_name": _ours,
        })
        return [*compare_metadata(context, metadata), *_blind_spots(sa.inspect(connection))]


@contextmanager
def _connect(database_url: str):
    engine = sa.create_engine(psycopg_url(database_url), poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def _ours(name, type_, parent_names) -> bool:
    """Alembic's bookkeeping table is not part of the schema."""
    return not (type_ == "table" and name == "alembic_version")


def _blind_spots(inspector) -> list:
    live_tables = set(inspector.get_table_names())
    found = []
    for table in metadata.sorted_tables:
        if table.name in live_tables:  # a missing table is already an add_table
            found += _check_drift(inspector, table) + _index_drift(inspector, table)
            found += _computed_drift(inspector, table)
    return found


def _check_drift(inspector, table) -> list:
    declared = {c.name for c in table.constraints if isinstance(c, sa.CheckConstraint)}
    live = {c["name"] for c in inspector.get_check_constraints(table.name)}
    return ([("add_check", table.name, name) for name in sorted(declared - live)]
            + [("remove_check", table.name, name) for name in sorted(live - declared)])


def _index_drift(inspector, table) -> list:
    """Index method and predicate, compared as text: metadata spells them as Postgres does."""
    live = {ix["name"]: ix.get("dialect_options", {}) for ix in inspector.get_indexes(table.name)}
    found = []
    for index in table.indexes:
        if index.name not in live:
            continue  # already an add_index
        options = index.dialect_options["postgresql"]
        where = options["where"]
        declared = (options["using"] or "btree", str(where) if where is not None else None)
        reflected = (live[index.name].get("postgresql_using", "btree"), live[index.name].get("postgresql_where"))
        if declared != reflected:
            found.append(("modify_index", table.name, index.name, reflected, declared))
    return found


def _computed_drift(inspector, table) -> list:
    live = {c["name"]: c.get("computed") for c in inspector.get_columns(table.name)}
    found = []
    for column in table.columns:
        declared = str(column.computed.sqltext) if column.computed is not None else None
        reflected = (live.get(column.name) or {}).get("sqltext")
        if column.name in live and declared != reflected:
            found.append(("modify_computed", table.name, column.name, reflected, declared))
    return found
