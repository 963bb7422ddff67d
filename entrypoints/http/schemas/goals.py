"""Schemas of /api/v1/goals: goals with their milestones and derived progress."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from domain.goals import MAX_MILESTONES, MAX_TEXT, MAX_TITLE, STATUSES
from entrypoints.http.paging import PageQuery, page_list_schema
from entrypoints.http.schemas.json_types import JsonBoolean


def text(value: str) -> None:
    """Postgres text cannot hold NUL characters: refuse them here rather than fail at the database."""
    if "\x00" in value:
        raise ValidationError("Must not contain NUL characters.")


def not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("Must not be blank.")


TITLE = [validate.Length(min=1, max=MAX_TITLE), not_blank, text]
LONG_TEXT = [validate.Length(max=MAX_TEXT), text]
POSITION = validate.Range(min=0, max=MAX_MILESTONES)


class GoalPatchIn(Schema):
    title = fields.String(validate=TITLE)
    description = fields.String(allow_none=True, validate=LONG_TEXT)
    target_date = fields.Date(allow_none=True)
    status = fields.String(validate=validate.OneOf(STATUSES),
                           metadata={"description": "completed sets completed_at; counted once per goal"})


class GoalIn(GoalPatchIn):
    title = fields.String(required=True, validate=TITLE)


class GoalListQuery(PageQuery):
    status = fields.String(load_default=None, validate=validate.OneOf(STATUSES))


class MilestoneIn(Schema):
    title = fields.String(required=True, validate=TITLE)
    due_date = fields.Date(load_default=None, allow_none=True)
    position = fields.Integer(load_default=None, allow_none=True, strict=True, validate=POSITION,
                              metadata={"description": "0 = first; default (or beyond the end): appended"})


class MilestonePatchIn(Schema):
    title = fields.String(validate=TITLE)
    due_date = fields.Date(allow_none=True)
    done = JsonBoolean(metadata={"description": "Done counts once per milestone"})
    position = fields.Integer(strict=True, validate=POSITION,
                              metadata={"description": "Move here (beyond the end: last); the others close up"})


class MilestoneOut(Schema):
    id = fields.UUID(required=True)
    goal_id = fields.UUID(required=True)
    title = fields.String(required=True)
    due_date = fields.Date(required=True, allow_none=True)
    done = fields.Boolean(required=True)
    done_at = fields.AwareDateTime(required=True, allow_none=True)
    position = fields.Integer(required=True, metadata={"description": "0 … n-1, dense"})
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


class GoalOut(Schema):
    id = fields.UUID(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True, allow_none=True)
    target_date = fields.Date(required=True, allow_none=True)
    status = fields.String(required=True, metadata={"enum": list(STATUSES)})
    completed_at = fields.AwareDateTime(required=True, allow_none=True)
    progress = fields.Integer(required=True, metadata={
        "description": "Percent of milestones done, rounded down; without milestones 0, or 100 once completed"})
    milestones = fields.List(fields.Nested(MilestoneOut), required=True, metadata={"description": "By position"})
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


GoalListOut = page_list_schema(GoalOut, "GoalList")
