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
