"""Schemas of /api/v1/feedback."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from domain.feedback import KINDS, MAX_MESSAGE, MAX_PAGE, STATUSES


class FeedbackIn(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    message = fields.String(required=True, validate=validate.Length(min=1, max=MAX_MESSAGE))
    page = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=MAX_PAGE),
                         metadata={"description": "Where in the UI it was sent from"})


class FeedbackOut(Schema):
    id = fields.UUID(required=True)
    kind = fields.String(required=True, metadata={"enum": list(KINDS)})
    message = fields.String(required=True)
    page = fields.String(required=True, allow_none=True)
    status = fields.String(required=True, metadata={"enum": list(STATUSES)})
    created_at = fields.AwareDateTime(required=True)
