"""The seed fills every content table once, and running it again changes nothing."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from adapters.postgres.schema import metadata
from adapters.postgres.seed import SEEDED, apply_seed
from ignition.seed import load_seed_data


@pytest.fixture
def engine(database_url):
    engine = sa.create_engine(database_url)
    yield engine
    engine.dispose()


def row_counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {name: connection.scalar(sa.select(sa.func.count()).select_from(metadata.tables[name]))
                for name in SEEDED}


def seed(engine) -> dict[str, int]:
    with engine.begin() as connection:
        return apply_seed(connection, load_seed_data())


def test_seeding_twice_leaves_the_same_rows(engine):
    first = seed(engine)
    counts = row_counts(engine)

    second = seed(engine)

    assert row_counts(engine) == counts == first
    assert set(second.values()) == {0}


def test_every_seeded_table_gets_rows(engine):
    seed(engine)

    assert all(count > 0 for count in row_counts(engine).values()), row_counts(engine)


def test_the_seed_files_cover_every_seeded_table():
    data = load_seed_data()

    assert set(data) == set(SEEDED)
    assert len(data["onboarding_steps"]) >= 5
    assert len(data["achievement_definitions"]) >= 10
    assert len(data["exercises"]) >= 25


def test_a_changed_seed_value_updates_the_row_in_place(engine):
    seed(engine)
    data = load_seed_data()
    data["market_items"][0]["cost"] += 1

    with engine.begin() as connection:
        written = apply_seed(connection, data)
        cost = connection.scalar(sa.text("SELECT cost FROM market_items WHERE key = :key"),
                                 {"key": data["market_items"][0]["key"]})

    assert written["market_items"] == 1 and sum(written.values()) == 1
    assert cost == data["market_items"][0]["cost"]


def test_lessons_and_steps_belong_to_their_seeded_parents(engine):
    seed(engine)
    with engine.connect() as connection:
        orphans = connection.scalar(sa.text(
            "SELECT count(*) FROM learn_lessons l JOIN learn_topics t ON t.id = l.topic_id"
            " WHERE t.key IS NULL OR split_part(l.key, '.', 1) <> t.key"))
        steps = connection.scalar(sa.text(
            "SELECT count(*) FROM onboarding_steps s JOIN onboarding_flows f ON f.id = s.flow_id"
            " WHERE f.key = 'welcome'"))

    assert orphans == 0
    assert steps == len(load_seed_data()["onboarding_steps"])
