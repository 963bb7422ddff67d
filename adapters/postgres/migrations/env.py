"""Alembic environment. The database URL comes from the Config object (set by
adapters.postgres.migrate), never from the environment. A caller may also hand over an open
connection as `config.attributes["connection"]`."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from adapters.postgres.schema import metadata

config = context.config

OPTIONS = dict(target_metadata=metadata, compare_type=True, compare_server_default=True)


def run_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def run_on(connection) -> None:
    context.configure(connection=connection, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            run_on(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
