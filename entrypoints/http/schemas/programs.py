"""Schemas of training programs: a program, its weeks and each week's days."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from domain.programs import DAYS_PER_WEEK, MAX_WEEKS
from entrypoints.http.paging import page_list_schema
from entrypoints.http.schemas.exercise import BODY, NAME, NOTE
from entrypoints.http.schemas.json_types import JsonBoolean


class ProgramDayIn(Schema):
    day = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=DAYS_PER_WEEK),
                         metadata={"description": "1 = the week's first day; once per week"})
    workout_id = fields.UUID(load_default=None, allow_none=True, metadata={"description": "One of your workouts"})
    notes = fields.String(load_default=None, allow_none=True, validate=NOTE)


class ProgramWeekIn(Schema):
    week_number = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=MAX_WEEKS),
                                 metadata={"description": "Once per program"})
    title = fields.String(load_default=None, allow_none=True, validate=NAME)
    notes = fields.String(load_default=None, allow_none=True, validate=BODY)
    days = fields.List(fields.Nested(ProgramDayIn), load_default=list, validate=validate.Length(max=DAYS_PER_WEEK))


_WEEKS = validate.Length(max=MAX_WEEKS)


class ProgramIn(Schema):
    name = fields.String(required=True, validate=NAME)
    description = fields.String(load_default=None, allow_none=True, validate=BODY)
    started_on = fields.Date(load_default=None, allow_none=True, metadata={"description": "2000-01-01 to 2100-12-31"})
    active = JsonBoolean(load_default=False)
    weeks = fields.List(fields.Nested(ProgramWeekIn), load_default=list, validate=_WEEKS)


class ProgramPatchIn(Schema):
    name = fields.String(validate=NAME)
    description = fields.String(allow_none=True, validate=BODY)
    started_on = fields.Date(allow_none=True)
    active = JsonBoolean()
    weeks = fields.List(fields.Nested(ProgramWeekIn), validate=_WEEKS,
                        metadata={"description": "Replaces every week when given"})


class ProgramDayOut(Schema):
    day = fields.Integer(required=True)
    workout_id = fields.UUID(allow_none=True, metadata={"description": "null once that workout is deleted"})
    notes = fields.String(allow_none=True)


class ProgramWeekOut(Schema):
    week_number = fields.Integer(required=True)
    title = fields.String(allow_none=True)
    notes = fields.String(allow_none=True)
    days = fields.List(fields.Nested(ProgramDayOut), required=True, metadata={"description": "By day"})


class ProgramOut(Schema):
    id = fields.UUID(required=True)
    name = fields.String(required=True)
    description = fields.String(allow_none=True)
    started_on = fields.Date(allow_none=True)
    active = fields.Boolean(required=True)
    weeks = fields.List(fields.Nested(ProgramWeekOut), required=True, metadata={"description": "By week number"})
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


ProgramsOut = page_list_schema(ProgramOut, "ProgramsOut")
