"""Schemas of quests: universal and personal ones in one list, and the user's own quest input."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from domain.quests import MAX_TARGET
from entrypoints.http.paging import page_list_schema
from entrypoints.http.schemas.users import NAME

TARGET = validate.Range(min=1, max=MAX_TARGET)
DESCRIPTION = validate.Length(max=20_000)
DELTA = [validate.Range(min=-MAX_TARGET, max=MAX_TARGET), validate.NoneOf([0], error="Must not be 0.")]


class QuestIn(Schema):
    title = fields.String(required=True, validate=NAME)
    target = fields.Integer(required=True, strict=True, validate=TARGET)
    due_date = fields.Date(load_default=None, allow_none=True)
    description = fields.String(load_default=None, allow_none=True, validate=DESCRIPTION)


class QuestPatchIn(Schema):
    title = fields.String(validate=NAME)
    target = fields.Integer(strict=True, validate=TARGET)
    due_date = fields.Date(allow_none=True)
    description = fields.String(allow_none=True, validate=DESCRIPTION)


class ProgressIn(Schema):
    delta = fields.Integer(required=True, strict=True, validate=DELTA,
                           metadata={"description": "Added to progress, which stays within 0 … target"})


class QuestOut(Schema):
    id = fields.UUID(required=True)
    kind = fields.String(required=True, metadata={"enum": ["universal", "personal"]})
    title = fields.String(required=True)
    description = fields.String(allow_none=True)
    target = fields.Integer(required=True)
    progress = fields.Integer(required=True)
    completed = fields.Boolean(required=True)
    period = fields.String(allow_none=True, metadata={"enum": ["daily", "weekly", "once", None],
                                                      "description": "Universal quests only"})
    period_key = fields.String(allow_none=True, metadata={"description": "e.g. 2026-03-01, 2026-W09, once"})
    reward_points = fields.Integer(required=True, metadata={"description": "Always 0 for personal quests"})
    reward_xp = fields.Integer(required=True)
    due_date = fields.Date(allow_none=True, metadata={"description": "For universal quests: the period's last day"})
    status = fields.String(required=True, metadata={"enum": ["active", "completed", "archived"]})


QuestsOut = page_list_schema(QuestOut, "QuestsOut")
