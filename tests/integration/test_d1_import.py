"""`ignition d1 import` and `d1 verify` on real Postgres, from generated D1 dumps."""
from __future__ import annotations

import json
import random
from datetime import datetime, timezone
from uuid import UUID

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from adapters.d1.dump import SqliteDump
from adapters.postgres.d1_target import PostgresD1Target
from adapters.postgres.engine import make_engine
from domain import d1
from entrypoints.cli.d1 import d1_group
from ports.inbound import d1_import
from tests.support.d1_generator import generate


@pytest.fixture(scope="module")
def dump():
    return generate(rows=30, seed=11)


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url, pool_size=2, statement_timeout_ms=0)
    yield engine
    engine.dispose()


def run_import(dump_sql, engine, **options):
    rejects = []
    report = d1_import.import_dump(SqliteDump(dump_sql), PostgresD1Target(engine), on_reject=rejects.append,
                                   **options)
    return report, rejects


def count(engine, table):
    with engine.connect() as conn:
        return conn.execute(sa.text(f'SELECT count(*) FROM "{table}"')).scalar_one()


def test_every_row_of_the_dump_is_imported_rejected_or_skipped(dump, engine):
    report, rejects = run_import(dump.sql, engine)
    for table in report.tables:
        assert table.balanced, table
        assert table.read == dump.rows[table.table]
        if table.target:
            expected = table.imported + (report.opening_ledger_rows if table.target == "points_ledger" else 0)
            assert count(engine, table.target) == expected, table.table
    assert report.table("sessions").skipped == 3
    assert report.table("verification_tokens").skipped == 3
    assert len(rejects) == report.totals["rejected"]


def test_each_edge_case_lands_in_the_rejects_with_its_reason_and_the_rest_of_its_table_imports(dump, engine):
    report, rejects = run_import(dump.sql, engine)
    found = {(reject.table, reject.rowid): reject.reason for reject in rejects}
    for table, rowid, reason in dump.edge_cases:
        assert found.get((table, rowid)) == reason, (table, rowid)
    assert {reason for *_, reason in dump.edge_cases} >= {
        d1.INVALID_UUID, d1.UNPARSEABLE_DATE, d1.BROKEN_JSON, d1.ORPHAN_FOREIGN_KEY, d1.DUPLICATE,
        d1.MISSING_VALUE, d1.NEGATIVE_BALANCE}
    assert set(found) == {(table, rowid) for table, rowid, _ in dump.edge_cases}  # nothing else rejected
    assert report.table("goals").imported == dump.rows["goals"] - 4


def test_values_are_converted_field_by_field_for_a_sample_of_every_table(dump, engine):
    run_import(dump.sql, engine)
    source = SqliteDump(dump.sql)
    target = PostgresD1Target(engine)
    rejected = {(table, rowid) for table, rowid, _ in dump.edge_cases}
    checked = 0
    for table in target.tables():
        if table.name not in source.tables() or table.name in d1.SKIPPED_TABLES | {"users", "accounts"}:
            continue
        sample = [(rowid, row) for rowid, row in source.rows(table.name) if (table.name, rowid) not in rejected]
        for rowid, row in random.Random(3).sample(sample, min(3, len(sample))):
            key = table.primary_key
            expected = {name: d1.convert(table.column(name).kind, row[name]) for name in row
                        if table.column(name) is not None}
            with engine.connect() as conn:
                stored = conn.execute(sa.text(f'SELECT * FROM "{table.name}" WHERE ' + " AND ".join(
                    f"{column} = :{column}" for column in key)), {column: expected[column] for column in key}
                ).mappings().one_or_none()
            assert stored is not None, (table.name, rowid, row)
            for name, value in expected.items():
                assert d1.canonical(stored[name]) == d1.canonical(value), (table.name, name)
            checked += 1
    assert checked > 100


def test_booleans_timestamps_with_zones_and_json_arrive_as_postgres_values(engine):
    sql = generate(rows=3, seed=5, edge_cases=False).sql
    source = SqliteDump(sql)
    _, idea = next(source.rows("ideas"))
    run_import(sql, engine)
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT pinned, created_at, tags FROM ideas WHERE id = :id"),
                              {"id": UUID(idea["id"])}).one()
        settings = conn.execute(sa.text("SELECT settings FROM user_settings LIMIT 1")).scalar_one()
    assert stored.pinned is bool(idea["pinned"])
    assert stored.created_at == d1.to_timestamptz(idea["created_at"])
    assert stored.created_at.tzinfo is not None
    assert stored.tags == json.loads(idea["tags"])
    assert settings["nested"] == {"x": [1, 2]}


def test_authjs_users_and_accounts_are_mapped_and_tokens_are_not_carried_over(dump, engine):
    run_import(dump.sql, engine)
    source = SqliteDump(dump.sql)
    users = {row["id"]: row for _, row in source.rows("users")}
    with engine.connect() as conn:
        stored = {str(row.id): row for row in conn.execute(sa.text("SELECT id, email_verified, role FROM users"))}
        providers = set(conn.execute(sa.text("SELECT DISTINCT provider FROM accounts")).scalars())
        subs = set(conn.execute(sa.text("SELECT provider_account_id FROM accounts")).scalars())
    assert all(row.role == "user" for row in stored.values())  # the old admin allow-list is gone
    for user_id, row in stored.items():
        assert row.email_verified is (users[user_id]["emailVerified"] is not None)
    assert providers == {"google", "microsoft"}
    assert "sub-1" in subs


def test_every_migrated_wallet_has_a_ledger_summing_to_its_balance(dump, engine):
    run_import(dump.sql, engine)
    with engine.connect() as conn:
        wallets = conn.execute(sa.text(
            "SELECT w.balance, w.xp, sum(l.delta) AS delta, sum(l.xp_delta) AS xp_delta, "
            "count(*) FILTER (WHERE l.source_type = 'd1_import') AS openings "
            "FROM user_wallet w JOIN points_ledger l USING (user_id) GROUP BY w.user_id, w.balance, w.xp")).all()
    assert wallets and len(wallets) == count(engine, "user_wallet")
    for wallet in wallets:
        assert (wallet.delta, wallet.xp_delta, wallet.openings) == (wallet.balance, wallet.xp, 1)


def test_a_non_empty_target_is_refused_without_replace_and_left_as_it_was(dump, engine):
    run_import(dump.sql, engine)
    before = count(engine, "goals")
    with pytest.raises(d1_import.TargetNotEmpty):
        run_import(dump.sql, engine)
    assert count(engine, "goals") == before


def test_replace_empties_the_target_first_so_a_second_run_gives_the_same_rows(dump, engine):
    run_import(dump.sql, engine)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO users (email) VALUES ('stranger@example.com')"))
    report, _ = run_import(dump.sql, engine, replace=True)
    assert report.replaced
    assert count(engine, "users") == report.table("users").imported
    assert count(engine, "goals") == report.table("goals").imported


def test_a_failure_midway_leaves_the_target_as_it_was(dump, engine):
    class Exploding(PostgresD1Target):
        def copy(self, table, columns, rows):
            if table == "goals":
                raise RuntimeError("disk full")
            return super().copy(table, columns, rows)

    with pytest.raises(RuntimeError):
        d1_import.import_dump(SqliteDump(dump.sql), Exploding(engine))
    assert count(engine, "users") == 0


def test_verify_passes_after_the_import_and_fails_once_a_row_changes(dump, engine):
    run_import(dump.sql, engine)
    result = d1_import.verify_dump(SqliteDump(dump.sql), PostgresD1Target(engine))
    assert result.ok, result.to_dict()
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE goals SET title = title || '!' WHERE id = "
                             "(SELECT id FROM goals ORDER BY id LIMIT 1)"))
    result = d1_import.verify_dump(SqliteDump(dump.sql), PostgresD1Target(engine))
    assert not result.ok
    assert [check.table for check in result.tables if not check.ok] == ["goals"]


def test_verify_notices_a_missing_row(dump, engine):
    run_import(dump.sql, engine)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM ideas WHERE id = (SELECT id FROM ideas ORDER BY id LIMIT 1)"))
    result = d1_import.verify_dump(SqliteDump(dump.sql), PostgresD1Target(engine))
    assert [check.table for check in result.tables if not check.ok] == ["ideas"]


def test_the_cli_writes_the_report_and_rejects_next_to_the_dump_and_refuses_a_second_run(dump, engine, tmp_path):
    path = tmp_path / "export.sql"
    path.write_text(dump.sql)
    group = d1_group(lambda dump_path: (SqliteDump.from_path(dump_path), PostgresD1Target(engine)))
    result = CliRunner().invoke(group, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "total" in result.output
    report = json.loads((tmp_path / "d1-import-report.json").read_text())
    rejects = [json.loads(line) for line in (tmp_path / "d1-rejects.jsonl").read_text().splitlines()]
    assert report["totals"]["rejected"] == len(rejects) == len(dump.edge_cases)
    assert {"table", "rowid", "column", "reason", "row"} <= set(rejects[0])
    again = CliRunner().invoke(group, ["import", str(path)])
    assert again.exit_code == 1
    verified = CliRunner().invoke(group, ["verify", str(path)])
    assert verified.exit_code == 0, verified.output
    replaced = CliRunner().invoke(group, ["import", str(path), "--replace", "--report", str(tmp_path / "r.json"),
                                          "--rejects", str(tmp_path / "x.jsonl")])
    assert replaced.exit_code == 0, replaced.output
    assert (tmp_path / "r.json").exists() and (tmp_path / "x.jsonl").exists()


def test_a_dump_with_pragmas_and_a_transaction_reads_like_any_other(engine):
    sql = ("PRAGMA defer_foreign_keys=TRUE;\nBEGIN TRANSACTION;\n"
           "CREATE TABLE users (id TEXT, name TEXT, email TEXT, emailVerified TEXT, image TEXT);\n"
           "INSERT INTO users VALUES('3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b','Ann','a@example.com',"
           "'2024-01-01 10:00:00',NULL);\nCOMMIT;\n")
    report, rejects = run_import(sql, engine)
    assert report.table("users").imported == 1 and not rejects
    with engine.connect() as conn:
        created = conn.execute(sa.text("SELECT created_at FROM users")).scalar_one()
    assert created.tzinfo is not None and created <= datetime.now(timezone.utc)


def test_ignition_d1_is_wired_to_database_url(dump, database_url, tmp_path, monkeypatch):
    from ignition.cli import create_cli

    path = tmp_path / "export.sql"
    path.write_text(dump.sql)
    monkeypatch.setenv("DATABASE_URL", database_url.replace("postgresql+psycopg://", "postgresql://"))
    cli = create_cli()
    imported = CliRunner().invoke(cli, ["d1", "import", str(path)])
    assert imported.exit_code == 0, imported.output
    verified = CliRunner().invoke(cli, ["d1", "verify", str(path)])
    assert verified.exit_code == 0, verified.output
    assert "everything matches" in verified.output
