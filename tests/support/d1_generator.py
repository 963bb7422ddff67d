"""The old D1 schema, reconstructed, and synthetic D1 dumps of any size.

`d1_schema_sql()` rebuilds the D1 schema from the new metadata in D1 style: TEXT ids,
INTEGER 0/1 booleans, TEXT datetimes, TEXT JSON (arrays too), REAL numbers; the Auth.js
tables (`users`, `accounts`, `sessions`, `verification_tokens`) with their camelCase
columns. Like the old schema it enforces no keys, so the dump may hold what D1 let through.
`python -m tests.support.d1_generator --schema tests/support/d1_schema.sql` rewrites the
committed copy.

`generate(rows, seed)` fills every table (about `rows` rows each; the built-in content
tables fewer) with valid rows whose datetimes come in every form the importer reads (SQLite
`datetime('now')` text, ISO with Z, ISO with an offset, epoch milliseconds), then adds the
edge cases on purpose and answers the dump text (`iterdump()`, as wrangler writes it) and
the list of edge cases: (table, rowid, reason).
"""
from __future__ import annotations

import json
import random
import re
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa

from adapters.postgres.schema import metadata
from domain import d1

NOT_IN_D1 = {"oauth_states", "idempotency_keys", "sessions"}
AUTHJS = {
    "users": [("id", "TEXT"), ("name", "TEXT"), ("email", "TEXT"), ("emailVerified", "TEXT"), ("image", "TEXT")],
    "accounts": [("id", "TEXT"), ("userId", "TEXT"), ("type", "TEXT"), ("provider", "TEXT"),
                 ("providerAccountId", "TEXT"), ("refresh_token", "TEXT"), ("access_token", "TEXT"),
                 ("expires_at", "INTEGER"), ("token_type", "TEXT"), ("scope", "TEXT"), ("id_token", "TEXT"),
                 ("session_state", "TEXT")],
    "sessions": [("id", "TEXT"), ("sessionToken", "TEXT"), ("userId", "TEXT"), ("expires", "TEXT")],
    "verification_tokens": [("identifier", "TEXT"), ("token", "TEXT"), ("expires", "TEXT")],
}
CONTENT = {"achievement_definitions", "universal_quests", "learn_topics", "learn_lessons", "onboarding_flows",
           "onboarding_steps", "market_items", "exercises"}
_IN_LIST = re.compile(r"^\s*(\w+)\s+IN\s+\((.*)\)\s*$")


def _d1_type(column: sa.Column) -> str:
    if isinstance(column.type, (sa.Boolean, sa.Integer)):
        return "INTEGER"
    if isinstance(column.type, (sa.Float, sa.Numeric)):
        return "REAL"
    return "TEXT"


def d1_columns(table: sa.Table) -> list[tuple[str, str]]:
    if table.name == "users":
        extra = [(column.name, _d1_type(column)) for column in table.columns
                 if column.name not in {"id", "name", "email", "email_verified", "image", "role_source"}]
        return AUTHJS["users"] + extra
    if table.name in AUTHJS:
        return AUTHJS[table.name]
    return [(column.name, _d1_type(column)) for column in table.columns if column.computed is None]


def d1_tables() -> list[sa.Table]:
    return [table for table in metadata.sorted_tables if table.name not in NOT_IN_D1]


def d1_schema_sql() -> str:
    statements = []
    for name, columns in [(table.name, d1_columns(table)) for table in d1_tables()] + [
            ("sessions", AUTHJS["sessions"]), ("verification_tokens", AUTHJS["verification_tokens"])]:
        body = ",\n  ".join(f'"{column}" {kind}' for column, kind in columns)
        statements.append(f'CREATE TABLE "{name}" (\n  {body}\n);')
    return "\n".join(statements) + "\n"


def _allowed(table: sa.Table) -> dict[str, list[str]]:
    found = {}
    for constraint in table.constraints:
        if isinstance(constraint, sa.CheckConstraint) and (match := _IN_LIST.match(str(constraint.sqltext))):
            found[match.group(1)] = re.findall(r"'([^']*)'", match.group(2))
    return found


def _when(moment: datetime, form: int):
    """One instant in one of the forms D1 rows hold."""
    form %= 4
    if form == 0:
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    if form == 1:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    if form == 2:
        return moment.astimezone(timezone(timedelta(hours=-5))).isoformat(timespec="milliseconds")
    return int(moment.timestamp() * 1000)


@dataclass
class Dump:
    sql: str
    edge_cases: list[tuple[str, int, str]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # rows per D1 table


class _Generator:
    def __init__(self, rows: int, seed: int) -> None:
        self.random = random.Random(seed)
        self.size = rows
        self.db = sqlite3.connect(":memory:")
        self.db.executescript(d1_schema_sql())
        self.ids: dict[str, list[str]] = {}
        self.base = datetime(2024, 1, 1, tzinfo=timezone.utc)

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.random.getrandbits(128), version=4))

    def insert(self, table: str, row: dict) -> int:
        columns = ", ".join(f'"{column}"' for column in row)
        marks = ", ".join("?" for _ in row)
        return self.db.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values())).lastrowid

    def value(self, table: sa.Table, column: sa.Column, n: int, moment: datetime, allowed: dict):
        name, kind = column.name, column.type
        if column.foreign_keys:
            parents = self.ids[next(iter(column.foreign_keys)).column.table.name]
            single = any(len(key) == 1 for key in self._unique_sets(table) if name in key)
            return parents[n % len(parents)] if single else self.random.choice(parents)
        if name in allowed:
            values = allowed[name]
            if name == "kind" and "habit" in values:
                return "habit"
            return "completed" if "completed" in values else values[n % len(values)]
        if isinstance(kind, sa.Uuid):
            return self.uuid()
        if isinstance(kind, sa.Boolean):
            return n % 2 if name != "done" else 1
        if isinstance(kind, sa.DateTime):
            return _when(moment, n + len(name))
        if isinstance(kind, sa.Date):
            return (date(2020, 1, 1) + timedelta(days=n)).isoformat()
        if isinstance(kind, sa.ARRAY):
            return "[1, 3, 5]" if isinstance(kind.item_type, sa.SmallInteger) else json.dumps(["focus", f"t{n % 7}"])
        if isinstance(kind, sa.JSON):
            if name in {"settings", "data", "before", "after"}:
                return json.dumps({"n": n, "ok": n % 2 == 0, "when": "2024-01-01T00:00:00Z", "nested": {"x": [1, 2]}})
            return json.dumps([{"n": n, "done": n % 2 == 0}, "x", 1.5])
        overrides = {"duration": 1500, "longest_streak": 10, "end_page": 50, "total_pages": 300,
                     "day_start_hour": n % 24, "rpe": 7.5, "bpm": 120.5, "duration_seconds": 181.25,
                     "threshold": 5, "target": 5, "cost": 40, "balance": 100 + n % 50, "xp": 10 * (n % 9),
                     "delta": 5, "balance_after": 5, "xp_delta": 1, "size_bytes": 1024 + n}
        if name in overrides:
            return overrides[name]
        if isinstance(kind, (sa.Float, sa.Numeric)):
            return 2.5 + n % 10
        if isinstance(kind, sa.Integer):
            return 1 + n % 5
        if name in {"sha256"}:
            return f"{n:064x}"
        if name in {"email", "actor_email"}:
            return f"user{n}@example.com"
        if name == "ip":
            return f"10.0.{n % 250}.{n % 200 + 1}"
        if name == "key":
            return None if table.name in {"exercises", "market_items"} else f"{table.name}-{n}"
        if name in {"timezone"}:
            return "Europe/Berlin"
        return f"{name} {n} ünïcode ✓"

    @staticmethod
    def _unique_sets(table: sa.Table) -> list[tuple[str, ...]]:
        keys = [tuple(column.name for column in table.primary_key.columns)]
        keys += [tuple(column.name for column in constraint.columns) for constraint in table.constraints
                 if isinstance(constraint, sa.UniqueConstraint)]
        return keys

    def fill(self, table: sa.Table, count: int) -> None:
        allowed = _allowed(table)
        columns = [column for column in table.columns if column.computed is None]
        unique_sets = [key for key in self._unique_sets(table) if len(key) > 1 or any(
            table.c[name].foreign_keys for name in key)]
        seen = {key: set() for key in unique_sets}
        ids = self.ids.setdefault(table.name, [])
        for n in range(count):
            moment = self.base + timedelta(seconds=self.random.randrange(0, 60 * 86400))
            row = {column.name: self.value(table, column, n, moment, allowed) for column in columns}
            if any(tuple(row[name] for name in key) in seen[key] for key in unique_sets):
                continue  # a random parent drawn twice: D1 would have refused it too
            for key in unique_sets:
                seen[key].add(tuple(row[name] for name in key))
            if table.name == "users":
                row = self._authjs_user(row, n)
            elif table.name == "accounts":
                row = self._authjs_account(row, n)
            self.insert(table.name, row)
            pk = [column.name for column in table.primary_key.columns]
            if len(pk) == 1:
                ids.append(row[pk[0]] if table.name not in {"accounts"} else row["id"])

    def _authjs_user(self, row: dict, n: int) -> dict:
        row = {key: value for key, value in row.items() if key not in {"email_verified", "role_source"}}
        row["emailVerified"] = None if n % 3 == 0 else _when(self.base + timedelta(days=n % 30), n)
        row["role"] = "admin" if n == 0 else "user"
        return row

    def _authjs_account(self, row: dict, n: int) -> dict:
        return {"id": row["id"], "userId": row["user_id"], "type": "oidc",
                "provider": ("google", "microsoft-entra-id", "azure-ad")[n % 3],
                "providerAccountId": f"sub-{n}", "refresh_token": "r", "access_token": "a",
                "expires_at": 1700000000 + n, "token_type": "bearer", "scope": "openid email", "id_token": "x.y.z",
                "session_state": None}

    def sizes(self) -> dict[str, int]:
        sizes = {}
        for table in d1_tables():
            sizes[table.name] = min(self.size, 20) if table.name in CONTENT else self.size
        return sizes


def _edge(gen: _Generator, cases: list, table: str, reason: str, **changes) -> str:
    """Insert one row like a valid one of `table` with `changes`; note its rowid and reason."""
    sa_table = metadata.tables[table]
    n = 200_000 + len(cases)
    moment = gen.base + timedelta(days=3)
    row = {column.name: gen.value(sa_table, column, n, moment, _allowed(sa_table))
           for column in sa_table.columns if column.computed is None}
    if table == "users":
        row = gen._authjs_user(row, n)
    elif table == "accounts":
        row = gen._authjs_account(row, n)
    row.update(changes)
    rowid = gen.insert(table, row)
    if reason:
        cases.append((table, rowid, reason))
    return row.get("id") or row.get("user_id")


def generate(rows: int = 20, seed: int = 7, edge_cases: bool = True) -> Dump:
    gen = _Generator(rows, seed)
    sizes = gen.sizes()
    for table in d1_tables():
        gen.fill(table, sizes[table.name])
    cases: list[tuple[str, int, str]] = []
    if edge_cases:
        user = gen.ids["users"][0]
        _edge(gen, cases, "goals", d1.INVALID_UUID, id="not-a-uuid", user_id=user)
        bad_goal = gen.uuid()
        _edge(gen, cases, "goals", d1.UNPARSEABLE_DATE, id=bad_goal, user_id=user, created_at="last tuesday")
        _edge(gen, cases, "goal_milestones", d1.ORPHAN_FOREIGN_KEY, goal_id=bad_goal, user_id=user)  # cascade
        _edge(gen, cases, "goals", d1.ORPHAN_FOREIGN_KEY, user_id=gen.uuid())
        _edge(gen, cases, "goals", d1.MISSING_VALUE, user_id=user, title=None)
        _edge(gen, cases, "daily_plans", d1.BROKEN_JSON, user_id=user, items="[{broken", plan_date="2031-01-01")
        _edge(gen, cases, "ideas", d1.DUPLICATE, id=gen.ids["ideas"][0], user_id=user)
        _edge(gen, cases, "books", d1.CHECK_VIOLATION, user_id=user, rating=9)
        _edge(gen, cases, "habits", d1.INVALID_BOOLEAN, user_id=user, archived="maybe")
        poor = _edge(gen, cases, "users", "", email="poor@example.com")
        _edge(gen, cases, "user_wallet", d1.NEGATIVE_BALANCE, user_id=poor, balance=-5)
        _edge(gen, cases, "accounts", d1.UNKNOWN_PROVIDER, userId=user, provider="github",
              providerAccountId="gh-1")
    for n in range(3):
        gen.insert("sessions", {"id": gen.uuid(), "sessionToken": f"token-{n}", "userId": gen.ids["users"][0],
                                "expires": "2024-02-01 00:00:00"})
        gen.insert("verification_tokens", {"identifier": "a@example.com", "token": f"v{n}",
                                           "expires": "2024-02-01 00:00:00"})
    gen.db.commit()
    counts = {name: gen.db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
              for (name,) in gen.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    sql = "\n".join(gen.db.iterdump()) + "\n"
    gen.db.close()
    return Dump(sql, cases, counts)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", help="write the reconstructed D1 schema to this path")
    parser.add_argument("--rows", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", help="write a dump of about ROWS rows per table here")
    options = parser.parse_args()
    if options.schema:
        with open(options.schema, "w", encoding="utf-8") as out:
            out.write(d1_schema_sql())
    if options.out:
        with open(options.out, "w", encoding="utf-8") as out:
            out.write(generate(options.rows, options.seed).sql)
