"""Moving off D1: `import_dump` loads a D1 export into Postgres; `verify_dump` proves it.

Tables go in foreign-key order (the target's), each value converted by its target column's
kind (domain.d1). A row that cannot go in is rejected with its table, rowid, column and
reason — never dropped silently: per table, rows read = imported + rejected (+ skipped for
the tables not carried over: old sessions, verification tokens). A rejected row's key is not
remembered, so its children become orphans in turn. Every migrated wallet gets an opening
ledger row so that the ledger sums to the balance. One transaction: a failure leaves the
target as it was.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from domain import d1
from domain.errors import Conflict
from ports.outbound.d1 import D1Source, D1Target, TargetTable

LEDGER = "points_ledger"
WALLET = "user_wallet"
OPENING_COLUMNS = ["id", "user_id", "delta", "balance_after", "xp_delta", "reason", "source_type", "source_id"]


class TargetNotEmpty(Conflict):
    """The target database already holds data; run again with --replace to empty it first."""

    code = "target_not_empty"


@dataclass
class Reject:
    table: str
    rowid: int
    column: str | None
    reason: str
    row: dict

    def to_dict(self) -> dict:
        return {"table": self.table, "rowid": self.rowid, "column": self.column, "reason": self.reason,
                "row": {key: (value if isinstance(value, (int, float, str)) or value is None else repr(value))
                        for key, value in self.row.items()}}


@dataclass
class TableReport:
    table: str  # the D1 table
    target: str | None
    read: int = 0
    imported: int = 0
    rejected: int = 0
    skipped: int = 0
    reasons: Counter = field(default_factory=Counter)
    dropped_columns: list[str] = field(default_factory=list)
    note: str | None = None

    @property
    def balanced(self) -> bool:
        return self.read == self.imported + self.rejected + self.skipped

    def to_dict(self) -> dict:
        return {"table": self.table, "target": self.target, "read": self.read, "imported": self.imported,
                "rejected": self.rejected, "skipped": self.skipped, "reasons": dict(self.reasons),
                "dropped_columns": self.dropped_columns, "note": self.note}


@dataclass
class ImportReport:
    tables: list[TableReport]
    opening_ledger_rows: int = 0
    replaced: bool = False

    def table(self, name: str) -> TableReport:
        return next(report for report in self.tables if report.table == name)

    @property
    def totals(self) -> dict[str, int]:
        return {key: sum(getattr(report, key) for report in self.tables)
                for key in ("read", "imported", "rejected", "skipped")}

    def to_dict(self) -> dict:
        return {"tables": [report.to_dict() for report in self.tables], "totals": self.totals,
                "opening_ledger_rows": self.opening_ledger_rows, "replaced": self.replaced,
                "notes": ["OAuth tokens of accounts are not carried over: people log in again, "
                          "their provider account id links them to their migrated user.",
                          "Old sessions and verification tokens are skipped (counted, not rejected).",
                          "The old role (an e-mail allow-list) is not carried over: every user is 'user'."]}


@dataclass
class _Plan:
    """One D1 table → one target table: which source column fills which target column, how."""

    source: str
    target: TargetTable
    columns: list[str]  # target columns written, in order
    steps: list[tuple[str, str, Callable, str | None, bool]]  # (source col, target col, convert, rule, nullable)
    missing: str | None  # a NOT NULL target column without default that the dump lacks
    dropped: list[str]


def _plan(source: D1Source, table: str, target: TargetTable) -> _Plan:
    mapping = d1.table_map(table)
    derived = dict(mapping.derived)
    steps, dropped, written = [], [], set()
    for column in source.columns(table):
        name = mapping.columns.get(column, column)
        target_column = target.column(name)
        if column in mapping.dropped or target_column is None or name in written:
            dropped.append(column)
            continue
        written.add(name)
        steps.append((column, name, d1.converter(target_column.kind), derived.get(name), target_column.nullable))
    missing = next((column.name for column in target.columns
                    if not column.nullable and not column.has_default and column.name not in written), None)
    return _Plan(table, target, [step[1] for step in steps], steps, missing, dropped)


def _getter(positions: tuple[int, ...]) -> Callable[[tuple], object]:
    """The key of a row: the value itself for one column, a tuple for several."""
    if len(positions) == 1:
        position = positions[0]
        return lambda values: values[position]
    return lambda values: tuple(values[position] for position in positions)


def _has_null(key) -> bool:
    return key is None or (isinstance(key, tuple) and None in key)


class _Loader:
    """The state of one run: keys imported so far, wallets and ledger sums, rejects."""

    def __init__(self, on_reject: Callable[[Reject], None]) -> None:
        self.on_reject = on_reject
        self.keys: dict[tuple[str, tuple[str, ...]], set] = defaultdict(set)
        self.wallets: dict = {}
        self.ledger: dict = defaultdict(lambda: [0, 0])

    def rows(self, source: D1Source, plan: _Plan, report: TableReport) -> Iterator[tuple]:
        target = plan.target
        index = {name: position for position, name in enumerate(plan.columns)}
        checks = [(tuple(index[column] for column in check.columns), check) for check in target.checks
                  if all(column in index for column in check.columns)]
        if target.name == WALLET and "balance" in index:
            balance_at = index["balance"]

            def wallet(values):
                if values[balance_at] is not None:
                    d1.check_wallet(values[balance_at])
        else:
            wallet = None
        # (key getter, the set of parent keys, the columns) per foreign key the dump fills
        parents = [(_getter(tuple(index[column] for column in fk.columns)), self.keys[(fk.table, fk.referred)],
                    ",".join(fk.columns)) for fk in target.foreign_keys if all(column in index for column in fk.columns)]
        # (key getter, the set of keys seen, the columns, the partial index's condition) per unique key
        uniques = []
        if all(column in index for column in target.primary_key):
            uniques.append((_getter(tuple(index[column] for column in target.primary_key)),
                            self.keys[(target.name, target.primary_key)], ",".join(target.primary_key), None))
        for key in target.unique:
            if all(column in index for column in key.columns) and (key.when_column is None or key.when_column in index):
                when = None
                if key.when_column is not None:
                    at, allowed = index[key.when_column], key.when_values
                    when = (lambda values, at=at: bool(values[at])) if allowed is None else (
                        lambda values, at=at, allowed=allowed: values[at] in allowed)
                uniques.append((_getter(tuple(index[column] for column in key.columns)),
                                self.keys[(target.name, key.columns + (key.when_column or "",))],
                                ",".join(key.columns), when))
        convert = self._converter(plan)
        remember = self._rememberer(target, index)
        on_reject = self.on_reject
        read = imported = 0
        try:
            for rowid, raw in source.rows(plan.source):
                read += 1
                try:
                    values = convert(raw)
                    if wallet is not None:
                        wallet(values)
                    for positions, check in checks:
                        args = [values[position] for position in positions]
                        if check.null_passes and None in args:
                            continue
                        try:
                            passed = check.test(*args)
                        except TypeError:  # a NULL compared: SQL calls it unknown, a CHECK lets it pass
                            continue
                        if not passed:
                            raise d1.Rejected(d1.CHECK_VIOLATION, ",".join(check.columns))
                    for get, known, columns in parents:
                        key = get(values)
                        if not _has_null(key) and key not in known:
                            raise d1.Rejected(d1.ORPHAN_FOREIGN_KEY, columns)
                    keys = []
                    for get, seen, columns, when in uniques:
                        if when is not None and not when(values):
                            continue
                        key = get(values)
                        if _has_null(key):
                            continue
                        if key in seen:
                            raise d1.Rejected(d1.DUPLICATE, columns)
                        keys.append((seen, key))
                except d1.Rejected as rejected:
                    report.rejected += 1
                    report.reasons[rejected.reason] += 1
                    on_reject(Reject(plan.source, rowid, rejected.column, rejected.reason, raw))
                    continue
                for seen, key in keys:
                    seen.add(key)
                if remember is not None:
                    remember(values)
                imported += 1
                yield values
        finally:
            report.read += read
            report.imported += imported

    @staticmethod
    def _converter(plan: _Plan) -> Callable[[dict], tuple]:
        missing = plan.missing
        steps = plan.steps

        def convert(raw: dict) -> tuple:
            if missing:
                raise d1.Rejected(d1.MISSING_VALUE, missing)
            values = []
            append = values.append
            for source_column, name, to_kind, rule, nullable in steps:
                value = raw[source_column]
                try:
                    if rule:
                        value = d1.derive(rule, value)
                    if value is None:
                        if not nullable:
                            raise d1.Rejected(d1.MISSING_VALUE)
                        append(None)
                    else:
                        append(to_kind(value))
                except d1.Rejected as rejected:
                    raise d1.Rejected(rejected.reason, name) from None
            return tuple(values)
        return convert

    def _rememberer(self, target: TargetTable, index: dict[str, int]) -> Callable[[tuple], None] | None:
        if target.name == WALLET and "user_id" in index:
            user_at, balance_at, xp_at = index["user_id"], index.get("balance"), index.get("xp")

            def remember(values):
                self.wallets[values[user_at]] = (values[balance_at] if balance_at is not None else 0,
                                                 values[xp_at] if xp_at is not None else 0)
            return remember
        if target.name == LEDGER and "user_id" in index and "delta" in index:
            user_at, delta_at, xp_at = index["user_id"], index["delta"], index.get("xp_delta")

            def remember(values):
                sums = self.ledger[values[user_at]]
                sums[0] += values[delta_at]
                sums[1] += (values[xp_at] or 0) if xp_at is not None else 0
            return remember
        return None

    def openings(self) -> list[tuple]:
        rows = []
        for user_id, (balance, xp) in self.wallets.items():
            delta, xp_delta = self.ledger.get(user_id, (0, 0))
            row = d1.opening_ledger_row(user_id, balance or 0, xp or 0, delta, xp_delta)
            rows.append(tuple(row[column] for column in OPENING_COLUMNS))
        return rows


def _targets_by_source(source: D1Source, targets: list[TargetTable]) -> tuple[list, list[TableReport]]:
    """(D1 table, target table) pairs in the target's foreign-key order, and the reports of the rest."""
    by_name = {table.name: table for table in targets}
    order = {table.name: position for position, table in enumerate(targets)}
    pairs, others = [], []
    for table in source.tables():
        target = d1.table_map(table).target
        if table in d1.SKIPPED_TABLES:
            others.append(TableReport(table, None, note="not carried over"))
        elif target not in by_name:
            others.append(TableReport(table, None, note="no such table in the new schema"))
        else:
            pairs.append((table, by_name[target]))
    pairs.sort(key=lambda pair: order[pair[1].name])
    for report in others:
        count = source.count(report.table)
        report.read = report.skipped = count
    return pairs, others


def _run(source: D1Source, target: D1Target, on_reject: Callable[[Reject], None],
         on_progress: Callable[[TableReport], None], sink: Callable[[str, list[str], Iterator[tuple]], None]
         ) -> ImportReport:
    pairs, others = _targets_by_source(source, target.tables())
    loader = _Loader(on_reject)
    reports = []
    for table, target_table in pairs:
        plan = _plan(source, table, target_table)
        report = TableReport(table, target_table.name, dropped_columns=plan.dropped)
        on_progress(report)
        sink(target_table.name, plan.columns, loader.rows(source, plan, report))
        on_progress(report)
        reports.append(report)
    openings = loader.openings()
    if openings:
        sink(LEDGER, OPENING_COLUMNS, iter(openings))
    for report in others:
        on_progress(report)
    return ImportReport(reports + others, opening_ledger_rows=len(openings))


def _ignore(*_args) -> None:
    return None


def import_dump(source: D1Source, target: D1Target, *, replace: bool = False,
                on_reject: Callable[[Reject], None] = _ignore,
                on_progress: Callable[[TableReport], None] = _ignore) -> ImportReport:
    """Load the dump into the target in one transaction; refuses a non-empty target unless replace."""
    target.begin()
    try:
        if not target.is_empty():
            if not replace:
                raise TargetNotEmpty()
            target.clear()
        report = _run(source, target, on_reject, on_progress,
                      lambda table, columns, rows: target.copy(table, columns, rows))
        target.commit()
    except BaseException:
        target.rollback()
        raise
    report.replaced = replace
    return report


@dataclass
class TableCheck:
    table: str
    expected_rows: int
    actual_rows: int
    expected_checksum: int
    actual_checksum: int

    @property
    def ok(self) -> bool:
        return self.expected_rows == self.actual_rows and self.expected_checksum == self.actual_checksum

    def to_dict(self) -> dict:
        return {"table": self.table, "expected_rows": self.expected_rows, "actual_rows": self.actual_rows,
                "checksums_match": self.expected_checksum == self.actual_checksum, "ok": self.ok}


@dataclass
class VerifyReport:
    tables: list[TableCheck]
    orphans: dict[str, int]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.tables) and not any(self.orphans.values())

    def to_dict(self) -> dict:
        return {"ok": self.ok, "tables": [check.to_dict() for check in self.tables], "orphans": self.orphans}


_MASK = 2 ** 64 - 1


def verify_dump(source: D1Source, target: D1Target) -> VerifyReport:
    """Convert the dump again (no writes) and compare counts and checksums with the target.

    Per target table: the imported rows' converted values in the columns the import wrote,
    summed as order-independent digests, against the same canonical form read back from
    Postgres. Referential integrity is checked with SQL by the target.
    """
    expected: dict[tuple[str, tuple[str, ...]], list[int]] = {}

    def sink(table: str, columns: list[str], rows: Iterator[tuple]) -> None:
        tally = expected.setdefault((table, tuple(columns)), [0, 0])
        for row in rows:
            tally[0] += 1
            tally[1] = (tally[1] + d1.row_digest(row)) & _MASK

    _run(source, target, _ignore, _ignore, sink)
    opening_key = (LEDGER, tuple(OPENING_COLUMNS))
    checks = []
    for (table, columns), (rows, checksum) in expected.items():
        actual_rows = actual_sum = 0
        is_opening = (table, columns) == opening_key
        filtered = table == LEDGER and opening_key in expected
        read_columns = list(dict.fromkeys([*columns, "source_type", "source_id"])) if filtered else list(columns)
        kind_at, id_at = (read_columns.index("source_type"), read_columns.index("source_id")) if filtered else (0, 0)
        for row in target.read(table, read_columns):
            opening = filtered and (row[kind_at], row[id_at]) == d1.OPENING_SOURCE
            if filtered and opening != is_opening:
                continue
            actual_rows += 1
            actual_sum = (actual_sum + d1.row_digest(row[:len(columns)])) & _MASK
        label = f"{table} (opening ledger rows)" if is_opening else table
        checks.append(TableCheck(label, rows, actual_rows, checksum, actual_sum))
    return VerifyReport(checks, target.orphans())
