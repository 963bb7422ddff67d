"""Steering generated path parameters onto rows that exist.

Generated ids are random UUIDs that match nothing, so every id-taking route would only ever
answer 404. The seed (tests/fuzz/seed.py) fills `pools`: per OpenAPI path, parameter sets
that name real rows (all of one path's parameters together, so a milestone goes with its
own goal). The schema is loaded when the test module is imported, before any database
exists: the hook holds the dict that the fixture fills later.
"""
from __future__ import annotations

import uuid
from datetime import date

from hypothesis import strategies as st

Pools = dict[str, list[dict[str, str]]]


def onto_real_rows(pools: Pools):
    """A `flatmap_path_parameters` hook: keep the generated parameters, or (more often) put in a
    set from `pools` that names existing rows — only over values of the same shape (a UUID for a UUID,
    a date for a date), so that a case generated to be invalid stays invalid."""
    def flatmap_path_parameters(context, generated: dict):
        known = pools.get(context.operation.path)
        if not known or not all(_same_shape(value, generated.get(name)) for name, value in known[0].items()):
            return st.just(generated)
        return st.sampled_from([generated, *({**generated, **real} for real in known)])
    return flatmap_path_parameters


def _same_shape(real: str, generated) -> bool:
    if not isinstance(generated, str) or not generated or "/" in generated or len(generated) > 100:
        return False
    for parse in (lambda v: str(uuid.UUID(v)) == v, lambda v: date.fromisoformat(v).isoformat() == v):
        if _parses(parse, real):
            return _parses(parse, generated)
    return True


def _parses(parse, value: str) -> bool:
    try:
        return parse(value)
    except ValueError:
        return False
