"""Schemas of /api/v1/daily-plan: a day's checklist and notes."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from domain.daily_plans import MAX_ITEMS, MAX_NOTES, MAX_TITLE
from entrypoints.http.schemas.json_types import JsonBoolean


class DailyPlanQuery(Schema):
    date = fields.Date(load_default=None, metadata={"description": "A local day; default the user's today"})


class DailyPlanPath(Schema):
    date = fields.Date(required=True, metadata={"description": "The local day (YYYY-MM-DD)"})


class PlanItemIn(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=MAX_TITLE))
    done = JsonBoolean(load_default=False)


class DailyPlanIn(Schema):
    items = fields.List(fields.Nested(PlanItemIn), required=True, validate=validate.Length(max=MAX_ITEMS))
    notes = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=MAX_NOTES))


class PlanItemOut(Schema):
    title = fields.String(required=True)
    done = fields.Boolean(required=True)


class DailyPlanOut(Schema):
    date = fields.Date(required=True)
    items = fields.List(fields.Nested(PlanItemOut), required=True)
    notes = fields.String(required=True, allow_none=True)
    updated_at = fields.AwareDateTime(required=True, allow_none=True,
                                      metadata={"description": "null: nothing stored for this day"})
