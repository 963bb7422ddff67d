"""Schemas of onboarding: the active flow, its steps and where the caller stands."""
from __future__ import annotations

from marshmallow import Schema, fields


class FlowOut(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(allow_none=True)


class StepOut(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    body = fields.String(allow_none=True)
    action = fields.String(allow_none=True, metadata={"description": "Where the UI sends the user, e.g. /focus"})
    optional = fields.Boolean(required=True)
    completed = fields.Boolean(required=True)
    reward_points = fields.Integer(required=True)
    reward_xp = fields.Integer(required=True)


class OnboardingOut(Schema):
    flow = fields.Nested(FlowOut, required=True)
    status = fields.String(required=True, metadata={"enum": ["in_progress", "completed", "skipped"]})
    steps = fields.List(fields.Nested(StepOut), required=True)
    completed_steps = fields.List(fields.String(), required=True, metadata={"description": "Step keys"})
    next_step = fields.String(allow_none=True, required=True,
                              metadata={"description": "The key of the first step not done while in progress"})
    completed_at = fields.AwareDateTime(allow_none=True, required=True)
    skipped_at = fields.AwareDateTime(allow_none=True, required=True)
