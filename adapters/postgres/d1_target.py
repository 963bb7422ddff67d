"""The Postgres side of the D1 import: the schema as the importer sees it, and COPY.

Tables come from `adapters.postgres.schema.metadata` in foreign-key order; each column's
SQLAlchemy type becomes a `domain.d1` kind. Generated columns (infobase search_vector) are
left out: Postgres computes them. Everything happens on one connection in one transaction
(`begin` … `commit`); `copy` streams rows with psycopg 3's `COPY … FROM STDIN`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import sqlalchemy as sa
from psycopg import sql
from psycopg.types.json import Jsonb
from sqlalchemy.dialects import postgresql as pg

from adapters.postgres.schema import metadata
from domain import d1
from ports.outbound.d1 import Check, D1Target, ForeignKey, TargetColumn, TargetTable, UniqueKey

_ANY_ARRAY = re.compile(r"^\(?\s*(\w+)\s*=\s*ANY\s*\(ARRAY\[(.*)\]\)\s*\)?$", re.S)
_QUOTED = re.compile(r"'((?:[^']|'')*)'")


def kind_of(column: sa.Column) -> str:
    """The domain.d1 kind of one column, from its SQLAlchemy type."""
    kind = column.type
    if isinstance(kind, sa.ARRAY):
        return d1.SMALLINT_ARRAY if isinstance(kind.item_type, sa.SmallInteger) else d1.TEXT_ARRAY
    checks = [
        (sa.Uuid, d1.UUID_KIND), (sa.Boolean, d1.BOOLEAN), (sa.DateTime, d1.TIMESTAMPTZ), (sa.Date, d1.DATE),
        (pg.JSONB, d1.JSONB), (sa.JSON, d1.JSONB), (sa.SmallInteger, d1.SMALLINT),
        (sa.BigInteger, d1.BIGINT), (sa.Integer, d1.INTEGER), (sa.Float, d1.FLOAT), (sa.Numeric, d1.NUMERIC),
        (pg.CITEXT, d1.CITEXT), (pg.INET, d1.INET), (sa.Text, d1.TEXT), (sa.String, d1.TEXT),
    ]
    for cls, name in checks:
        if isinstance(kind, cls):
            return name
    return type(kind).__name__.lower()  # unsupported: every value of it is rejected


_CHECK_REWRITES = [
    (re.compile(r"jsonb_typeof\((\w+)\) = 'array'"), r"isinstance(\1, list)"),
    (re.compile(r"jsonb_array_length\((\w+)\)"), r"len(\1)"),
    (re.compile(r"(\w+) BETWEEN (\S+) AND (\S+)"), r"(\2 <= \1 <= \3)"),
    (re.compile(r"(\w+) IN \(([^)]*)\)"), r"(\1 in (\2,))"),
    (re.compile(r"(\w+) ~ '([^']*)'"), r"bool(_re.fullmatch(r'\2', \1))"),
    (re.compile(r"(\w+) <@ ARRAY\[([^\]]*)\]::\w+\[\]"), r"(set(\1) <= {\2})"),
    (re.compile(r"::\w+(\[\])?"), ""),
    (re.compile(r"\bIS NOT NULL\b"), "is not None"),
    (re.compile(r"\bIS NULL\b"), "is None"),
    (re.compile(r"<>"), "!="),
    (re.compile(r"(?<![<>!=])=(?!=)"), "=="),
    (re.compile(r"\bOR\b"), "or"),
    (re.compile(r"\bAND\b"), "and"),
    (re.compile(r"\bNOT\b"), "not"),
]
_PYTHON_WORDS = {"is", "not", "None", "or", "and", "in", "isinstance", "list", "len", "set", "bool", "_re",
                 "fullmatch", "r"}


def check_of(constraint: sa.CheckConstraint, table: sa.Table) -> Check | None:
    """A CHECK constraint as a Python test over its columns (None: not understood, Postgres decides)."""
    expression = str(constraint.sqltext)
    for pattern, replacement in _CHECK_REWRITES:
        expression = pattern.sub(replacement, expression)
    unquoted = re.sub(r"'[^']*'", "", expression)
    names = [name for name in dict.fromkeys(re.findall(r"[A-Za-z_]\w*", unquoted)) if name not in _PYTHON_WORDS]
    if not names or any(name not in table.c for name in names):
        return None
    try:
        test = eval(f"lambda {', '.join(names)}: {expression}", {"_re": re})  # noqa: S307 - schema text
    except SyntaxError:
        return None
    return Check(str(constraint.name), tuple(names), test, null_passes="None" not in expression)


def _checks(table: sa.Table) -> tuple[Check, ...]:
    found = (check_of(constraint, table) for constraint in table.constraints
             if isinstance(constraint, sa.CheckConstraint))
    return tuple(check for check in found if check is not None)


def _unique(table: sa.Table) -> tuple[UniqueKey, ...]:
    keys = [UniqueKey(tuple(column.name for column in constraint.columns))
            for constraint in table.constraints if isinstance(constraint, sa.UniqueConstraint)]
    for index in table.indexes:
        if not index.unique:
            continue
        columns = tuple(column.name for column in index.columns)
        where = index.dialect_options["postgresql"].get("where")
        if where is None:
            keys.append(UniqueKey(columns))
            continue
        text = str(where)
        if re.fullmatch(r"\w+", text.strip()):
            keys.append(UniqueKey(columns, text.strip()))
        elif match := _ANY_ARRAY.match(text.strip()):
            keys.append(UniqueKey(columns, match.group(1), frozenset(_QUOTED.findall(match.group(2)))))
    return tuple(keys)


def describe(table: sa.Table) -> TargetTable:
    columns = tuple(
        TargetColumn(column.name, kind_of(column), bool(column.nullable), column.server_default is not None)
        for column in table.columns if column.computed is None)
    fks = tuple(ForeignKey(tuple(element.parent.name for element in fk.elements), fk.referred_table.name,
                           tuple(element.column.name for element in fk.elements))
                for fk in table.foreign_key_constraints)
    return TargetTable(table.name, columns, tuple(column.name for column in table.primary_key.columns),
                       _unique(table), fks, _checks(table))


TABLES = [describe(table) for table in metadata.sorted_tables]
_SA_TABLES = {table.name: table for table in metadata.sorted_tables}


_PG_TYPES = {  # psycopg's dumpers; COPY's text format lets Postgres parse uuid and citext from text
    d1.UUID_KIND: "text", d1.BOOLEAN: "bool", d1.TIMESTAMPTZ: "timestamptz", d1.DATE: "date", d1.JSONB: "jsonb",
    d1.TEXT_ARRAY: "text[]", d1.SMALLINT_ARRAY: "int2[]", d1.SMALLINT: "int2", d1.INTEGER: "int4",
    d1.BIGINT: "int8", d1.FLOAT: "float8", d1.NUMERIC: "numeric", d1.TEXT: "text", d1.CITEXT: "text",
    d1.INET: "inet",
}


def _pg_type(column: sa.Column) -> str:
    return _PG_TYPES.get(kind_of(column), "text")


class PostgresD1Target(D1Target):
    """One connection, one transaction: the import commits at the end or not at all."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.connection: sa.Connection | None = None

    def tables(self) -> list[TargetTable]:
        return TABLES

    def _conn(self) -> sa.Connection:
        if self.connection is None:
            self.connection = self.engine.connect()
        return self.connection

    def begin(self) -> None:
        conn = self._conn()
        if not conn.in_transaction():
            conn.begin()

    def is_empty(self) -> bool:
        conn = self._conn()
        return not any(conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first()
                       for table in metadata.sorted_tables)

    def clear(self) -> None:
        names = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
        self._conn().exec_driver_sql(f"TRUNCATE {names} CASCADE")

    def copy(self, table: str, columns: list[str], rows: Iterable[tuple]) -> int:
        sa_table = _SA_TABLES[table]
        types = [_pg_type(sa_table.c[column]) for column in columns]
        jsonb = [position for position, column in enumerate(columns)
                 if isinstance(sa_table.c[column].type, pg.JSONB)]
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(column) for column in columns))
        raw = self._conn().connection.driver_connection
        written = 0
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            copy.set_types(types)
            if jsonb:
                for row in rows:
                    row = list(row)
                    for position in jsonb:
                        if row[position] is not None:
                            row[position] = Jsonb(row[position])
                    copy.write_row(row)
                    written += 1
            else:
                for row in rows:
                    copy.write_row(row)
                    written += 1
        return written

    def commit(self) -> None:
        if self.connection is not None:
            self.connection.commit()
            self.connection.close()
            self.connection = None

    def rollback(self) -> None:
        if self.connection is not None:
            self.connection.rollback()
            self.connection.close()
            self.connection = None

    def read(self, table: str, columns: list[str]) -> Iterator[tuple]:
        sa_table = _SA_TABLES[table]
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=5000).execute(
                sa.select(*(sa_table.c[column] for column in columns)))
            for row in result:
                yield tuple(row)

    def orphans(self) -> dict[str, int]:
        found = {}
        with self.engine.connect() as conn:
            for table in metadata.sorted_tables:
                for fk in table.foreign_key_constraints:
                    child = [element.parent for element in fk.elements]
                    parent = fk.referred_table
                    condition = sa.and_(*(element.parent == element.column for element in fk.elements))
                    orphan = sa.select(sa.func.count()).select_from(table.outerjoin(parent, condition)).where(
                        sa.and_(*(column.isnot(None) for column in child)),
                        sa.and_(*(element.column.is_(None) for element in fk.elements)))
                    found[f"{table.name}.{','.join(column.name for column in child)}"] = \
                        conn.execute(orphan).scalar_one()
        return found
