"""A user's data across every table, found from the schema itself: each table with a user_id."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema import blobs, metadata, reference_tracks, sessions, users
from ports.outbound.account_data import AccountData

LEFT_OUT = {"oauth_states", "idempotency_keys"}  # login transactions and replay caches, not the user's data
SECRET_COLUMNS = {("sessions", "token_hash")}
BATCH = 1000


def _owned_tables() -> list[sa.Table]:
    return [t for t in metadata.sorted_tables if "user_id" in t.c and t.name not in LEFT_OUT]


class PgAccountData(AccountData):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def tables(self):
        return ["users", *(t.name for t in _owned_tables())]

    def rows(self, user_id, table):
        source = metadata.tables[table]
        if table not in self.tables():
            raise ValueError(f"not a table of the user's: {table}")
        columns = [c for c in source.c if (table, c.name) not in SECRET_COLUMNS]
        owner = source.c.id if table == "users" else source.c.user_id
        order = list(source.primary_key.columns)
        result = self.connection.execution_options(stream_results=True, yield_per=BATCH).execute(
            sa.select(*columns).where(owner == user_id).order_by(*order))
        names = [str(column.name) for column in columns]  # plain str keys (not quoted_name)
        for row in result:
            yield dict(zip(names, row))

    def storage_keys(self, user_id):
        keys = sa.union(
            sa.select(blobs.c.storage_key).where(blobs.c.user_id == user_id),
            sa.select(reference_tracks.c.storage_key).where(reference_tracks.c.user_id == user_id,
                                                            reference_tracks.c.storage_key.is_not(None)))
        return [key for (key,) in self.connection.execute(keys)]

    def mark_deleted(self, user_id, now):
        self.connection.execute(users.update().where(users.c.id == user_id, users.c.deleted_at.is_(None))
                                .values(deleted_at=now))
        self.connection.execute(sessions.delete().where(sessions.c.user_id == user_id))

    def purge(self, user_id):
        self.connection.execute(users.delete().where(users.c.id == user_id))

    def pending_deletions(self):
        return list(self.connection.execute(
            sa.select(users.c.id).where(users.c.deleted_at.is_not(None)).order_by(users.c.deleted_at)).scalars())
