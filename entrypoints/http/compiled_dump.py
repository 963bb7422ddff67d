"""Response schemas dumped by a plan compiled once, instead of marshmallow's field walk.

Every answer of a list or a summary went through marshmallow's generic `dump`, which costs
several microseconds per field (a 20-item page of focus sessions: about a third of the
request's CPU). For a schema made only of plain fields, the dump is always the same recipe:
read an attribute or key, turn a UUID, date or datetime into its ISO text, nest. `compile_dump`
builds that recipe once and returns a function with the output of `Schema.dump`, or None when
the schema uses anything else (hooks, method fields, dump defaults, other field kinds), which
keeps marshmallow's own dump. The schemas stay the single definition: the OpenAPI document
and the compiled plan both come from them.
"""
from __future__ import annotations

import uuid
from typing import Any, Callable

from marshmallow import Schema, fields
from marshmallow.utils import missing

Convert = Callable[[Any], Any]


def _iso(value: Any) -> Any:
    return value.isoformat()


def _uuid(value: Any) -> Any:
    return str(value) if isinstance(value, uuid.UUID) else str(uuid.UUID(str(value)))


def _as_is(value: Any) -> Any:
    return value


SCALARS: dict[type, Convert] = {
    fields.String: str,
    fields.Integer: int,
    fields.Float: float,
    fields.Boolean: bool,
    fields.UUID: _uuid,
    fields.DateTime: _iso,
    fields.AwareDateTime: _iso,
    fields.Date: _iso,
    fields.Raw: _as_is,
}


def _converter(field: fields.Field) -> Convert | None:
    kind = type(field)
    if kind in SCALARS:
        if kind in (fields.DateTime, fields.AwareDateTime) and field.format not in (None, "iso"):
            return None
        if getattr(field, "as_string", False):
            return None
        return SCALARS[kind]
    if kind is fields.Nested and not field.only and not field.exclude:
        inner = compile_dump(field.schema)
        return None if inner is None else (lambda value, dump=inner: dump(value))
    if kind is fields.List:
        inner = _converter(field.inner)
        return None if inner is None else (lambda value, convert=inner: [convert(item) for item in value])
    if kind is fields.Dict and field.key_field is None and field.value_field is None:
        return dict
    return None


def _getter(path: str) -> Callable[[Any], Any]:
    """marshmallow's get_value: a key of a dict or an attribute, along a dotted path."""
    def get(obj: Any, key: str) -> Any:
        return obj.get(key, missing) if isinstance(obj, dict) else getattr(obj, key, missing)

    if "." not in path:
        return lambda obj: get(obj, path)
    keys = path.split(".")

    def get_path(obj: Any) -> Any:
        for key in keys:
            obj = get(obj, key)
            if obj is missing:
                break
        return obj
    return get_path


def _plan(schema: Schema) -> list[tuple[str, Callable[[Any], Any], Convert]] | None:
    if schema._hooks and any(schema._hooks.values()):  # noqa: SLF001 — marshmallow keeps hooks there
        return None
    plan = []
    for name, field in schema.dump_fields.items():
        if field.dump_default is not missing:
            return None
        if type(field) is fields.Function and field.serialize_func is not None:
            plan.append((field.data_key or name, field.serialize_func, _as_is))
            continue
        convert = _converter(field)
        if convert is None:
            return None
        plan.append((field.data_key or name, _getter(field.attribute or name), convert))
    return plan


def compile_dump(schema: Schema) -> Callable[[Any], Any] | None:
    """`schema.dump` as a compiled function, or None when the schema is beyond plain fields."""
    plan = _plan(schema)
    if plan is None:
        return None

    def dump_one(obj: Any) -> dict:
        out = {}
        for key, get, convert in plan:
            value = get(obj)
            if value is not missing:
                out[key] = None if value is None else convert(value)
        return out

    if schema.many:
        return lambda objs: [dump_one(obj) for obj in objs]
    return dump_one

