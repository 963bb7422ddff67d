"""The Alembic migrations and the SQLAlchemy metadata describe the same schema."""
from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from adapters.postgres import migrate
from adapters.postgres.schema import metadata

DESIGN_TABLES = """
users accounts sessions oauth_states user_settings focus_sessions focus_pause_state quests
universal_quests user_quest_progress habits habit_logs user_streaks goals goal_milestones
calendar_events exercises workouts workout_sessions personal_records training_programs
program_weeks books reading_sessions learn_topics learn_lessons user_lesson_progress
market_items user_wallet user_purchases points_ledger onboarding_flows onboarding_steps
user_onboarding_state achievement_definitions user_achievements infobase_entries ideas
daily_plans feedback blobs reference_tracks track_analysis_cache activity_events
admin_audit_log
""".split()


@pytest.fixture
def empty_database_url(pg_cluster) -> str:
    name = f"migrations_{uuid.uuid4().hex[:12]}"
    pg_cluster.ensure_database(name)
    return pg_cluster.url(name, driver="postgresql+psycopg")


@pytest.fixture
def engine(database_url):
    engine = sa.create_engine(database_url)
    yield engine
    engine.dispose()


def head_revision() -> str:
    return ScriptDirectory.from_config(migrate.alembic_config("postgresql://unused")).get_current_head()


def table_names(url: str) -> set[str]:
    engine = sa.create_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_to_head_on_an_empty_database_matches_the_metadata(empty_database_url):
    assert migrate.current(empty_database_url) is None

    migrate.upgrade(empty_database_url)

    assert migrate.current(empty_database_url) == head_revision()
    assert migrate.drift(empty_database_url) == []


def test_downgrade_to_base_removes_everything_and_upgrade_builds_it_again(empty_database_url):
    migrate.upgrade(empty_database_url)

    migrate.downgrade(empty_database_url, "base")
    assert migrate.current(empty_database_url) is None
    assert table_names(empty_database_url) == set()

    migrate.upgrade(empty_database_url)
    assert migrate.drift(empty_database_url) == []


def test_every_table_named_in_the_design_exists(database_url):
    assert set(DESIGN_TABLES) <= table_names(database_url)
    assert set(DESIGN_TABLES) <= set(metadata.tables)


def test_drift_notices_what_autogenerate_alone_would_miss(database_url, engine):
    with engine.begin() as connection:
        connection.execute(sa.text("ALTER TABLE users ALTER COLUMN role SET DEFAULT 'admin'"))
        connection.execute(sa.text("ALTER TABLE users DROP CONSTRAINT ck_users_role"))
        connection.execute(sa.text("DROP INDEX ix_ideas_tags"))
        connection.execute(sa.text("CREATE INDEX ix_ideas_tags ON ideas (tags)"))

    # Alembic groups the changes of one column in a list; the other entries are tuples.
    kinds = {entry[0][0] if isinstance(entry, list) else entry[0] for entry in migrate.drift(database_url)}

    assert kinds == {"modify_default", "add_check", "modify_index"}


def test_a_verified_email_belongs_to_one_user_while_unverified_copies_are_free(engine):
    insert = sa.text("INSERT INTO users (email, email_verified) VALUES (:email, :verified)")
    with engine.begin() as connection:
        connection.execute(insert, [{"email": "Ada@example.com", "verified": True},
                                    {"email": "ada@example.com", "verified": False}])
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as connection:
        connection.execute(insert, {"email": "ADA@example.com", "verified": True})


def test_a_user_has_at_most_one_open_focus_session(engine):
    with engine.begin() as connection:
        user_id = connection.scalar(sa.text("INSERT INTO users DEFAULT VALUES RETURNING id"))
        start = sa.text("INSERT INTO focus_sessions (user_id, mode, duration, status)"
                        " VALUES (:user_id, 'focus', 1500, :status)")
        connection.execute(start, {"user_id": user_id, "status": "active"})
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as connection:
        connection.execute(start, {"user_id": user_id, "status": "paused"})


def test_deleting_a_user_deletes_their_rows_but_not_the_audit_log(engine):
    with engine.begin() as connection:
        user_id = connection.scalar(sa.text("INSERT INTO users DEFAULT VALUES RETURNING id"))
        connection.execute(sa.text("INSERT INTO user_wallet (user_id, balance) VALUES (:u, 5)"), {"u": user_id})
        connection.execute(sa.text("INSERT INTO admin_audit_log (actor_id, action, target_type, target_id)"
                                   " VALUES (:u, 'user.update', 'user', :u)"), {"u": user_id})
        connection.execute(sa.text("DELETE FROM users WHERE id = :u"), {"u": user_id})

        assert connection.scalar(sa.text("SELECT count(*) FROM user_wallet")) == 0
        assert connection.scalar(sa.text("SELECT count(*) FROM admin_audit_log")) == 1


def test_a_balance_can_never_go_negative(engine):
    with engine.begin() as connection:
        user_id = connection.scalar(sa.text("INSERT INTO users DEFAULT VALUES RETURNING id"))
        connection.execute(sa.text("INSERT INTO user_wallet (user_id, balance) VALUES (:u, 5)"), {"u": user_id})
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as connection:
        connection.execute(sa.text("UPDATE user_wallet SET balance = balance - 6 WHERE user_id = :u"), {"u": user_id})
