"""A compiled dump gives exactly marshmallow's output, and declines what it cannot compile."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from uuid import UUID

from marshmallow import Schema, fields, post_dump

from domain.focus import FocusView
from entrypoints.http.compiled_dump import compile_dump
from entrypoints.http.paging import page_list_schema
from entrypoints.http.schemas.focus import FocusSessionOut

NOW = datetime(2026, 11, 26, 9, 30, 15, 123456, tzinfo=timezone.utc)


def marshmallow(schema: Schema, obj):
    return Schema.dump(schema, obj)


def view(n: int, done: bool) -> FocusView:
    return FocusView(id=UUID(int=n), mode="focus", status="completed" if done else "active",
                     started_at=NOW - timedelta(hours=n), duration=1500, focused_seconds=1500 if done else 60,
                     paused_seconds=0, points_awarded=25 if done else 0, xp_awarded=25 if done else 0,
                     completed_at=NOW if done else None, abandoned_at=None, ends_at=None if done else NOW)


def test_a_page_of_focus_sessions_dumps_as_marshmallow_does():
    schema = page_list_schema(FocusSessionOut, "FocusPageForTest")()
    body = {"items": [view(1, True), view(2, False)], "next_cursor": None}
    dump = compile_dump(schema)
    assert dump is not None
    assert dump(body) == marshmallow(schema, body)


class Inner(Schema):
    at = fields.Date()
    tags = fields.List(fields.String())


class Outer(Schema):
    id = fields.UUID(required=True)
    name = fields.String(data_key="displayName")
    count = fields.Integer(attribute="total")
    ratio = fields.Float()
    ok = fields.Boolean()
    extra = fields.Dict()
    raw = fields.Raw()
    inner = fields.Nested(Inner)
    many = fields.Nested(Inner, many=True)
    ids = fields.List(fields.UUID())
    secret = fields.String(load_only=True)


@dataclass
class Thing:
    id: UUID
    name: str | None
    total: int
    ratio: float
    ok: bool
    extra: dict
    raw: object
    inner: dict
    many: list
    ids: list
    secret: str = "never shown"


def test_plain_fields_of_every_supported_kind_match():
    thing = Thing(id=UUID(int=7), name=None, total=3, ratio=0.5, ok=True, extra={"a": 1}, raw=[1, "x"],
                  inner={"at": date(2026, 1, 2), "tags": ["a", "b"]}, many=[{"at": date(2026, 1, 3)}, {"tags": []}],
                  ids=[UUID(int=1), UUID(int=2)])
    schema = Outer()
    assert compile_dump(schema)(thing) == marshmallow(schema, thing)
    as_dict = {"id": UUID(int=8), "total": 1}  # missing keys are left out, as marshmallow does
    assert compile_dump(schema)(as_dict) == marshmallow(schema, as_dict) == {"id": str(UUID(int=8)), "count": 1}


def test_many_schemas_dump_lists():
    schema = Inner(many=True)
    rows = [{"at": date(2026, 5, 1), "tags": ["x"]}, {"at": None}]
    assert compile_dump(schema)(rows) == marshmallow(schema, rows)


class WithHook(Schema):
    name = fields.String()

    @post_dump
    def shout(self, data, **_):
        return {k: v.upper() for k, v in data.items()}


class WithMethod(Schema):
    name = fields.Method("compute")

    def compute(self, obj):
        return "x"


class WithDefault(Schema):
    name = fields.String(dump_default="anonymous")


def test_what_it_cannot_compile_stays_with_marshmallow():
    assert compile_dump(WithHook()) is None
    assert compile_dump(WithMethod()) is None
    assert compile_dump(WithDefault()) is None
    assert compile_dump(Schema.from_dict({"inner": fields.Nested(WithHook)})()) is None


class Definition(Schema):
    id = fields.UUID(attribute="definition.id")
    title = fields.String(attribute="definition.title")
    unlocked = fields.Function(lambda s: s["unlocked_at"] is not None)


def test_dotted_attributes_and_function_fields_match():
    schema = Definition(many=True)
    rows = [{"definition": {"id": UUID(int=3), "title": "First"}, "unlocked_at": NOW},
            {"definition": None, "unlocked_at": None}, {"unlocked_at": None}]
    assert compile_dump(schema)(rows) == marshmallow(schema, rows)
