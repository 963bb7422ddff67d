"""Seed data: JSON files, one per area, shipped inside the package."""
from __future__ import annotations

import json
from collections import defaultdict
from importlib import resources


def load_seed_data() -> dict[str, list[dict]]:
    """Every JSON file of this package, merged into {table name: rows}."""
    data: dict[str, list[dict]] = defaultdict(list)
    for entry in sorted(resources.files(__name__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            for table, rows in json.loads(entry.read_text(encoding="utf-8")).items():
                data[table].extend(rows)
    return dict(data)


def seed_database(database_url: str) -> dict[str, int]:
    """Load the seed content into the database at this SQLAlchemy URL, in one transaction
    (idempotent: `ignition db seed`, the benchmarks and the test suites share it)."""
    import sqlalchemy as sa

    from adapters.postgres.seed import apply_seed

    engine = sa.create_engine(database_url)
    try:
        with engine.begin() as connection:
            return apply_seed(connection, load_seed_data())
    finally:
        engine.dispose()
