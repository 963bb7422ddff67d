"""Lists: `?limit=` (1–200, default 50) and an opaque `?cursor=`; answers `{items, next_cursor}`.

The cursor is the sort key of the last row served, typed and base64url-encoded; it means
nothing to clients and is checked on the way back in against the list's key shape, so a
forged or foreign cursor is a 400, never a query error.
"""
from __future__ import annotations

import base64
import binascii
import json
from datetime import date, datetime
from uuid import UUID

from marshmallow import Schema, ValidationError, fields, validate

from domain.paging import DEFAULT_LIMIT, MAX_LIMIT, Page, PageRequest

_ENCODE = {datetime: ("t", datetime.isoformat), date: ("d", date.isoformat), UUID: ("u", str), int: ("i", str),
           str: ("s", str)}
_DECODE = {"t": datetime.fromisoformat, "d": date.fromisoformat, "u": UUID, "i": int, "s": str}


class PageQuery(Schema):
    limit = fields.Integer(load_default=DEFAULT_LIMIT, validate=validate.Range(min=1, max=MAX_LIMIT))
    cursor = fields.String(load_default=None, validate=validate.Length(max=500))


def page_list_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """The `{items: [...], next_cursor}` envelope of a list of `item_schema`."""
    return Schema.from_dict({"items": fields.List(fields.Nested(item_schema), required=True),
                             "next_cursor": fields.String(allow_none=True, required=True)}, name=name)


def encode_cursor(key: tuple) -> str:
    parts = []
    for value in key:
        tag, text = _ENCODE[type(value) if type(value) in _ENCODE else _base(value)]
        parts.append([tag, text(value)])
    return base64.urlsafe_b64encode(json.dumps(parts, separators=(",", ":")).encode()).rstrip(b"=").decode()


def decode_cursor(cursor: str, shape: tuple[type, ...]) -> tuple:
    """The sort key in `cursor`, which must have exactly the types of `shape`."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = tuple(_DECODE[tag](text) for tag, text in json.loads(raw))
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        key = None
    if key is None or len(key) != len(shape) or not all(type(v) is t for v, t in zip(key, shape)):
        raise ValidationError({"cursor": ["Not a cursor this list gave out."]})
    return key


BY_TIME = (datetime, UUID)  # the usual sort key: (created_at, id), (started_at, id)


def page_request(query: dict, shape: tuple[type, ...] = BY_TIME) -> PageRequest:
    """From validated PageQuery arguments; `shape` is the types of the list's sort key
    (default (datetime, UUID)); a cursor of another shape is a 400."""
    cursor = query.get("cursor")
    return PageRequest(limit=query["limit"], after=decode_cursor(cursor, shape) if cursor else None)


def page_body(page: Page) -> dict:
    return {"items": page.items, "next_cursor": encode_cursor(page.next_after) if page.next_after else None}


def _base(value) -> type:
    for kind in _ENCODE:
        if isinstance(value, kind):
            return kind
    raise TypeError(f"cannot put {type(value).__name__} in a cursor")
