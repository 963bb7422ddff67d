"""Starter content: onboarding, achievements, universal quests, the market catalog, learn
content and the exercise catalog, upserted by each table's natural `key`.

Running it again changes nothing that is already as the files say. Rows are never deleted:
a row dropped from the files stays (retire it with its `active`/`published` flag), and
rows admins create without a key are never touched.
"""
from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from adapters.postgres.schema import metadata

# Tables in foreign-key order. A child row names its parent by key in a pseudo column:
# {pseudo column: (real column, parent table)}.
SEEDED = {
    "onboarding_flows": {},
    "onboarding_steps": {"flow_key": ("flow_id", "onboarding_flows")},
    "achievement_definitions": {},
    "universal_quests": {},
    "market_items": {},
    "learn_topics": {},
    "learn_lessons": {"topic_key": ("topic_id", "learn_topics")},
    "exercises": {},
}


def apply_seed(connection: sa.Connection, data: dict[str, list[dict]]) -> dict[str, int]:
    """Upsert `data` by key; returns the rows inserted or changed per table (0: already so).

    Runs on the caller's connection and transaction; the caller commits.
    """
    unknown = set(data) - set(SEEDED)
    if unknown:
        raise ValueError(f"not a seeded table: {', '.join(sorted(unknown))}")
    written = {}
    for name, parents in SEEDED.items():
        rows = [_with_parent_ids(connection, row, parents) for row in data.get(name, [])]
        written[name] = sum(_upsert(connection, metadata.tables[name], group)
                            for group in _same_columns(rows))
    return written


def _with_parent_ids(connection, row: dict, parents: dict) -> dict:
    row = dict(row)
    for pseudo, (column, parent_name) in parents.items():
        parent = metadata.tables[parent_name]
        key = row.pop(pseudo)
        parent_id = connection.scalar(sa.select(parent.c.id).where(parent.c.key == key))
        if parent_id is None:
            raise ValueError(f"{parent_name} has no row with key {key!r}")
        row[column] = parent_id
    return row


def _same_columns(rows: list[dict]) -> list[list[dict]]:
    """One multi-row INSERT needs one column list: rows that omit a column go separately."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[tuple(sorted(row))].append(row)
    return list(groups.values())


def _upsert(connection, table: sa.Table, rows: list[dict]) -> int:
    """INSERT … ON CONFLICT (key) DO UPDATE, only where a value differs."""
    statement = insert(table).values(rows)
    columns = [table.c[name] for name in rows[0] if name != "key"]
    changed = sa.tuple_(*columns).is_distinct_from(sa.tuple_(*(statement.excluded[c.name] for c in columns)))
    updates = {c.name: statement.excluded[c.name] for c in columns}
    if "updated_at" in table.c:
        updates["updated_at"] = sa.func.now()
    statement = statement.on_conflict_do_update(index_elements=["key"], set_=updates, where=changed)
    return len(connection.execute(statement.returning(table.c.id)).all())
