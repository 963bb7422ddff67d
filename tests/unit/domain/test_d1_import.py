"""The D1 import use case on plain in-memory source and target objects (no SQLite, no Postgres)."""
from __future__ import annotations

import pytest

from domain import d1
from ports.inbound import d1_import
from ports.outbound.d1 import (Check, D1Source, D1Target, ForeignKey, TargetColumn, TargetTable,
                               UniqueKey)

U1 = "11111111-1111-4111-8111-111111111111"
U2 = "22222222-2222-4222-8222-222222222222"
G1 = "33333333-3333-4333-8333-333333333333"
G2 = "44444444-4444-4444-8444-444444444444"

USERS = TargetTable("users", (
    TargetColumn("id", d1.UUID_KIND, False, True), TargetColumn("email", d1.CITEXT, True, False),
    TargetColumn("email_verified", d1.BOOLEAN, False, True), TargetColumn("role", d1.TEXT, False, True),
), ("id",), (UniqueKey(("email",), "email_verified"),))
GOALS = TargetTable("goals", (
    TargetColumn("id", d1.UUID_KIND, False, True), TargetColumn("user_id", d1.UUID_KIND, False, False),
    TargetColumn("title", d1.TEXT, False, False), TargetColumn("status", d1.TEXT, False, True),
    TargetColumn("created_at", d1.TIMESTAMPTZ, False, True),
), ("id",), (), (ForeignKey(("user_id",), "users", ("id",)),),
    (Check("status", ("status",), lambda status: status in ("active", "done")),))
MILESTONES = TargetTable("goal_milestones", (
    TargetColumn("id", d1.UUID_KIND, False, True), TargetColumn("goal_id", d1.UUID_KIND, False, False),
), ("id",), (), (ForeignKey(("goal_id",), "goals", ("id",)),))
WALLET = TargetTable("user_wallet", (
    TargetColumn("user_id", d1.UUID_KIND, False, False), TargetColumn("balance", d1.BIGINT, False, True),
    TargetColumn("xp", d1.BIGINT, False, True),
), ("user_id",), (), (ForeignKey(("user_id",), "users", ("id",)),))
LEDGER = TargetTable("points_ledger", (
    TargetColumn("id", d1.UUID_KIND, False, True), TargetColumn("user_id", d1.UUID_KIND, False, False),
    TargetColumn("delta", d1.BIGINT, False, False), TargetColumn("xp_delta", d1.BIGINT, False, True),
), ("id",), (), (ForeignKey(("user_id",), "users", ("id",)),))
TABLES = [USERS, GOALS, MILESTONES, WALLET, LEDGER]


class Source(D1Source):
    def __init__(self, tables: dict[str, list[dict]]) -> None:
        self.data = tables

    def tables(self):
        return list(self.data)

    def columns(self, table):
        return list(self.data[table][0]) if self.data[table] else []

    def count(self, table):
        return len(self.data[table])

    def rows(self, table):
        yield from enumerate(self.data[table], 1)


class Target(D1Target):
    def __init__(self, rows: dict | None = None, fail_on: str | None = None) -> None:
        self.rows = rows or {}
        self.pending: dict = {}
        self.fail_on = fail_on
        self.cleared = False

    def tables(self):
        return TABLES

    def begin(self):
        self.pending = {name: list(rows) for name, rows in self.rows.items()}

    def is_empty(self):
        return not any(self.pending.values())

    def clear(self):
        self.pending, self.cleared = {}, True

    def copy(self, table, columns, rows):
        if table == self.fail_on:
            raise RuntimeError("boom")
        written = [dict(zip(columns, row)) for row in rows]
        self.pending.setdefault(table, []).extend(written)
        return len(written)

    def commit(self):
        self.rows = self.pending

    def rollback(self):
        self.pending = {}

    def read(self, table, columns):
        return iter([tuple(row.get(column) for column in columns) for row in self.rows.get(table, [])])

    def orphans(self):
        return {}


def dump(**tables):
    base = {"users": [{"id": U1, "email": "a@example.com", "emailVerified": "2024-01-01 00:00:00", "role": "admin"},
                      {"id": U2, "email": "b@example.com", "emailVerified": None, "role": "user"}],
            "goals": [{"id": G1, "user_id": U1, "title": "Run", "status": "active", "created_at": 1704067200}],
            "goal_milestones": [{"id": G2, "goal_id": G1}],
            "sessions": [{"id": "s", "sessionToken": "t", "userId": U1, "expires": "2024-01-01"}]}
    base.update(tables)
    return Source(base)


def run(source, target=None, **options):
    rejects = []
    target = target or Target()
    report = d1_import.import_dump(source, target, on_reject=rejects.append, **options)
    return report, rejects, target


def test_rows_are_imported_in_foreign_key_order_with_converted_values():
    report, rejects, target = run(dump())
    assert not rejects
    assert [row["email_verified"] for row in target.rows["users"]] == [True, False]
    assert "role" not in target.rows["users"][0]  # the old allow-list role is not carried over
    assert target.rows["goals"][0]["created_at"].isoformat() == "2024-01-01T00:00:00+00:00"
    assert report.table("goals").imported == 1


def test_rows_read_always_equal_imported_plus_rejected_plus_skipped():
    report, _, _ = run(dump(goals=[{"id": G1, "user_id": U1, "title": "Run", "status": "active", "created_at": 1},
                                   {"id": "nope", "user_id": U1, "title": "x", "status": "active", "created_at": 1}]))
    assert all(table.balanced for table in report.tables)
    assert report.table("sessions").skipped == 1
    assert report.table("goals").rejected == 1


def test_a_rejected_parent_makes_its_children_orphans():
    _, rejects, target = run(dump(goals=[{"id": G1, "user_id": U1, "title": "Run", "status": "active",
                                          "created_at": "never"}]))
    assert [(reject.table, reject.column, reject.reason) for reject in rejects] == [
        ("goals", "created_at", d1.UNPARSEABLE_DATE), ("goal_milestones", "goal_id", d1.ORPHAN_FOREIGN_KEY)]
    assert "goal_milestones" not in target.rows or not target.rows["goal_milestones"]


def test_duplicates_of_a_key_or_of_a_verified_email_are_rejected():
    users = [{"id": U1, "email": "a@example.com", "emailVerified": "2024-01-01", "role": "user"},
             {"id": U1, "email": "c@example.com", "emailVerified": None, "role": "user"},
             {"id": U2, "email": "a@example.com", "emailVerified": "2024-01-02", "role": "user"}]
    _, rejects, _ = run(dump(users=users, goals=[], goal_milestones=[]))
    assert [(reject.rowid, reject.reason) for reject in rejects] == [(2, d1.DUPLICATE), (3, d1.DUPLICATE)]


def test_an_unverified_email_may_repeat():
    users = [{"id": U1, "email": "a@example.com", "emailVerified": None, "role": "user"},
             {"id": U2, "email": "a@example.com", "emailVerified": None, "role": "user"}]
    _, rejects, _ = run(dump(users=users, goals=[], goal_milestones=[]))
    assert not rejects


def test_null_in_a_required_column_and_a_check_violation_are_rejected():
    goals = [{"id": G1, "user_id": U1, "title": None, "status": "active", "created_at": 1},
             {"id": G2, "user_id": U1, "title": "x", "status": "weird", "created_at": 1}]
    _, rejects, _ = run(dump(goals=goals, goal_milestones=[]))
    assert [(reject.column, reject.reason) for reject in rejects] == [
        ("title", d1.MISSING_VALUE), ("status", d1.CHECK_VIOLATION)]


def test_a_missing_column_takes_the_server_default_or_rejects_the_row_without_one():
    _, rejects, target = run(dump(goals=[{"id": G1, "user_id": U1, "title": "Run"}], goal_milestones=[]))
    assert not rejects and "status" not in target.rows["goals"][0]
    _, rejects, _ = run(dump(goals=[{"id": G1, "user_id": U1}], goal_milestones=[]))
    assert [(reject.column, reject.reason) for reject in rejects] == [("title", d1.MISSING_VALUE)]


def test_each_wallet_gets_an_opening_ledger_row_and_a_negative_one_is_rejected():
    wallets = [{"user_id": U1, "balance": 50, "xp": 7}, {"user_id": U2, "balance": -1, "xp": 0}]
    ledger = [{"id": G2, "user_id": U1, "delta": 30, "xp_delta": 2}]
    report, rejects, target = run(dump(user_wallet=wallets, points_ledger=ledger))
    assert [(reject.table, reject.reason) for reject in rejects] == [("user_wallet", d1.NEGATIVE_BALANCE)]
    assert report.opening_ledger_rows == 1
    rows = target.rows["points_ledger"]
    assert sum(row["delta"] for row in rows) == 50 and sum(row["xp_delta"] for row in rows) == 7


def test_a_non_empty_target_is_refused_unless_replace():
    full = Target({"users": [{"id": U1}]})
    with pytest.raises(d1_import.TargetNotEmpty):
        run(dump(), full)
    assert full.rows == {"users": [{"id": U1}]}
    report, _, full = run(dump(), full, replace=True)
    assert full.cleared and report.replaced and len(full.rows["users"]) == 2


def test_a_failure_rolls_everything_back():
    target = Target(fail_on="goals")
    with pytest.raises(RuntimeError):
        run(dump(), target)
    assert target.rows == {}


def test_progress_is_reported_per_table():
    seen = []
    d1_import.import_dump(dump(), Target(), on_progress=lambda report: seen.append(report.table))
    assert {"users", "goals", "goal_milestones", "sessions"} <= set(seen)


def test_verify_matches_after_an_import_and_notices_a_changed_value():
    source = dump()
    _, _, target = run(source)
    assert d1_import.verify_dump(source, target).ok
    target.rows["goals"][0]["title"] = "Walk"
    result = d1_import.verify_dump(source, target)
    assert [check.table for check in result.tables if not check.ok] == ["goals"]
