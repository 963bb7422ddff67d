"""`ignition admin backup` then `restore` into an empty database: same rows, same checksums."""
from __future__ import annotations

import psycopg
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from adapters.postgres.schema import metadata
from adapters.postgres.seed import apply_seed
from ignition.cli import main
from ignition.seed import load_seed_data

TABLES = sorted(metadata.tables) + ["alembic_version"]


def fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent checksum of every table."""
    found = {}
    with psycopg.connect(url.replace("+psycopg", "")) as conn:
        for table in TABLES:
            found[table] = conn.execute(
                f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t"
            ).fetchone()
    return found


@pytest.fixture
def env(monkeypatch, database_url, tmp_path):
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        apply_seed(connection, load_seed_data())
        connection.execute(sa.text("INSERT INTO users (email, email_verified, name) VALUES ('a@example.com', true, 'A')"))
        connection.execute(sa.text("INSERT INTO ideas (user_id, title, tags) SELECT id, 'Idea', '{x,y}' FROM users"))
    engine.dispose()
    for name, value in {"IGNITION_ENV": "test", "DATABASE_URL": database_url, "BLOB_STORE": "filesystem",
                        "BLOB_DIR": str(tmp_path / "blobs"), "BACKUP_RETENTION": "2"}.items():
        monkeypatch.setenv(name, value)
    return tmp_path


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def test_a_backup_restored_into_an_empty_database_is_identical(env, database_url, pg_cluster):
    done = run("admin", "backup", "--to", str(env / "dump"))
    assert done.exit_code == 0, done.output
    dump = env / "dump"
    assert dump.stat().st_size > 0
    pg_cluster.ensure_database("restored")
    target = pg_cluster.url("restored", driver="postgresql+psycopg")
    restored = run("admin", "restore", str(dump), "--database-url", target)
    assert restored.exit_code == 0, restored.output
    original, copy = fingerprint(database_url), fingerprint(target)
    assert copy == original
    assert original["users"][0] == 1 and original["ideas"][0] == 1 and original["exercises"][0] > 0


def test_backups_go_to_the_blob_store_and_only_the_newest_are_kept(env):
    outputs = [run("admin", "backup") for _ in range(3)]
    assert all(o.exit_code == 0 for o in outputs), [o.output for o in outputs]
    kept = sorted(p.name for p in (env / "blobs" / "backups").iterdir() if p.suffix == ".dump")
    assert len(kept) == 2
    assert "pruned: backups/" in outputs[2].output


def test_restore_refuses_a_database_that_is_not_empty(env, database_url, tmp_path):
    run("admin", "backup", "--to", str(tmp_path / "again"))
    refused = run("admin", "restore", str(tmp_path / "again"), "--database-url", database_url)
    assert refused.exit_code == 1 and "restore failed" in refused.output


def test_grant_admin_makes_a_verified_user_admin_and_audits_it(env, database_url):
    assert run("admin", "grant-admin", "A@example.com").exit_code == 0
    with psycopg.connect(database_url.replace("+psycopg", "")) as conn:
        assert conn.execute("SELECT role, role_source FROM users").fetchone() == ("admin", "manual")
        assert conn.execute("SELECT action FROM admin_audit_log").fetchone() == ("user.grant_admin",)
    missing = run("admin", "grant-admin", "nobody@example.com")
    assert missing.exit_code == 1 and "No user" in missing.output
