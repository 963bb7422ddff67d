"""Keyset pages: a page never repeats or skips a row when rows are added meanwhile."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generic, TypeVar

T = TypeVar("T")
DEFAULT_LIMIT, MAX_LIMIT = 50, 200


@dataclass(frozen=True)
class PageRequest:
    """At most `limit` rows after the row whose sort key is `after` (None: from the start)."""

    limit: int = DEFAULT_LIMIT
    after: tuple | None = None


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_after: tuple | None  # the sort key to continue after, or None on the last page


def page_of(rows: list[T], request: PageRequest, key: Callable[[T], tuple]) -> Page[T]:
    """Cut `rows` (fetched with limit + 1) into a page and the key to continue from."""
    items = rows[:request.limit]
    more = len(rows) > request.limit
    return Page(items=items, next_after=key(items[-1]) if more and items else None)
