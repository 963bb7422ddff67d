"""Rows with their children in one statement: each parent joined LATERAL to its child rows.

`parents` is any select of rows with an `id` column (a page, or one row by key, even a locked
one); `children(parent)` selects one parent's child rows (it may order and limit them). A
parent comes back once per child, or once with NULL children, in `order`; `split` pairs
them up again. One round trip instead of two: reads stay at one statement.

Not for locking reads: a statement that waits for a row lock sees the locked row as it is
after the wait, but the rest of the statement (the children) as they were before it. Lock
the parent alone first, then read it with its children.
"""
from __future__ import annotations

from typing import Callable, Iterable

import sqlalchemy as sa

CHILD = "c_"


def with_children(parents: sa.Select, children: Callable[[sa.Subquery], sa.Select],
                  order: Callable[[sa.Subquery, sa.Subquery], Iterable]) -> sa.Select:
    """`order(parent, child)` orders the joined rows: the parents' order, then the children's."""
    parent = parents.subquery("parent")
    child = children(parent).lateral("child")
    return (sa.select(parent, *(column.label(CHILD + column.name) for column in child.c))
            .select_from(parent.outerjoin(child, sa.true()))
            .order_by(*order(parent, child)))


def split(rows: Iterable, present: str = "id") -> list[tuple[object, list[dict]]]:
    """(parent row, [child mapping, …]) pairs in order; a child exists when its `present` column is set."""
    pairs: list[tuple[object, list[dict]]] = []
    for row in rows:
        if not pairs or pairs[-1][0].id != row.id:
            pairs.append((row, []))
        mapping = row._mapping
        if mapping[CHILD + present] is not None:
            pairs[-1][1].append({key[len(CHILD):]: value for key, value in mapping.items() if key.startswith(CHILD)})
    return pairs
