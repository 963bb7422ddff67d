"""What the D1 import needs from the world: the dump it reads and the database it fills."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TargetColumn:
    name: str
    kind: str  # one of domain.d1's kinds
    nullable: bool
    has_default: bool


@dataclass(frozen=True)
class UniqueKey:
    """Columns unique together; a partial unique index applies only `when` column ∈ values."""

    columns: tuple[str, ...]
    when_column: str | None = None
    when_values: frozenset | None = None  # None with a when_column: the column is true


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    referred: tuple[str, ...]


@dataclass(frozen=True)
class Check:
    """A CHECK constraint the importer evaluates per row: `test(*values of columns)`.

    SQL semantics: the row passes when the test cannot decide (a NULL compared).
    """

    name: str
    columns: tuple[str, ...]
    test: Callable[..., bool]
    null_passes: bool = True  # False when the test itself handles NULLs (IS NULL …)


@dataclass(frozen=True)
class TargetTable:
    name: str
    columns: tuple[TargetColumn, ...]
    primary_key: tuple[str, ...]
    unique: tuple[UniqueKey, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    checks: tuple[Check, ...] = field(default=())

    def column(self, name: str) -> TargetColumn | None:
        return next((column for column in self.columns if column.name == name), None)


class D1Source(ABC):
    """A D1 export (`wrangler d1 export`), read table by table."""

    @abstractmethod
    def tables(self) -> list[str]: ...

    @abstractmethod
    def columns(self, table: str) -> list[str]: ...

    @abstractmethod
    def count(self, table: str) -> int: ...

    @abstractmethod
    def rows(self, table: str) -> Iterator[tuple[int, dict]]:
        """(rowid, {column: SQLite value}) in rowid order, lazily."""


class D1Target(ABC):
    """The Postgres database the import fills: one transaction from `begin` to `commit`."""

    @abstractmethod
    def tables(self) -> list[TargetTable]:
        """Every table in foreign-key order (parents first)."""

    @abstractmethod
    def begin(self) -> None: ...

    @abstractmethod
    def is_empty(self) -> bool: ...

    @abstractmethod
    def clear(self) -> None:
        """Empty every table the import writes (for --replace), inside the transaction."""

    @abstractmethod
    def copy(self, table: str, columns: list[str], rows: Iterable[tuple]) -> int:
        """Load rows (converted values in `columns` order); answers how many were written."""

    @abstractmethod
    def commit(self) -> None: ...

    @abstractmethod
    def rollback(self) -> None: ...

    @abstractmethod
    def read(self, table: str, columns: list[str]) -> Iterator[tuple]:
        """Every row of `table` as Python values (for verify)."""

    @abstractmethod
    def orphans(self) -> dict[str, int]:
        """Per `table.column`, the rows whose foreign key points at nothing (SQL checks)."""
