"""Schemas of /api/v1/focus: what starting a session takes and what a session shows."""
from __future__ import annotations

from marshmallow import Schema, fields, pre_dump, validate

from domain.focus import MAX_DURATION, MAX_STATS_DAYS, MIN_DURATION, MODES, STATUSES
from entrypoints.http.paging import PageQuery, page_list_schema


class FocusStartIn(Schema):
    mode = fields.String(required=True, validate=validate.OneOf(MODES))
    duration = fields.Integer(required=True, strict=True, validate=validate.Range(min=MIN_DURATION, max=MAX_DURATION),
                              metadata={"description": "Planned focused seconds"})


class FocusListQuery(PageQuery):
    status = fields.String(load_default=None, validate=validate.OneOf(STATUSES))


class FocusStatsQuery(Schema):
    days = fields.Integer(load_default=7, validate=validate.Range(min=1, max=MAX_STATS_DAYS))


class FocusSessionOut(Schema):
    id = fields.UUID(required=True)
    mode = fields.String(required=True, metadata={"enum": list(MODES)})
    status = fields.String(required=True, metadata={"enum": list(STATUSES)})
    started_at = fields.AwareDateTime(required=True)
    duration = fields.Integer(required=True)
    focused_seconds = fields.Integer(required=True, metadata={"description": "Wall time minus pauses, up to duration"})
    paused_seconds = fields.Integer(required=True)
    points_awarded = fields.Integer(required=True)
    xp_awarded = fields.Integer(required=True)
    completed_at = fields.AwareDateTime(required=True, allow_none=True)
    abandoned_at = fields.AwareDateTime(required=True, allow_none=True)
    ends_at = fields.AwareDateTime(required=True, allow_none=True,
                                   metadata={"description": "When an active session reaches its duration"})


class EarnedOut(Schema):
    points = fields.Integer(required=True, metadata={"description": "All points, quest and achievement ones too"})
    xp = fields.Integer(required=True)
    achievements = fields.List(fields.UUID(), required=True, metadata={"description": "Unlocked just now"})
    quests = fields.List(fields.UUID(), required=True, metadata={"description": "Universal quests completed just now"})


class FocusCompletionOut(FocusSessionOut):
    """The completed session (its own `points_awarded`) and all that the completion earned."""

    earned = fields.Nested(EarnedOut, required=True)

    @pre_dump
    def flatten(self, completion, **_):
        earned = completion.earned
        return {**vars(completion.session), "earned": {
            "points": earned.points, "xp": earned.xp, "achievements": earned.achievements,
            "quests": [quest_id for quest_id, _ in earned.quests]}}


class ActiveFocusOut(Schema):
    session = fields.Nested(FocusSessionOut, required=True, allow_none=True)


class FocusDayOut(Schema):
    date = fields.Date(required=True)
    focused_minutes = fields.Integer(required=True)
    sessions = fields.Integer(required=True)


class FocusStatsOut(Schema):
    days = fields.List(fields.Nested(FocusDayOut), required=True, metadata={"description": "Oldest first"})
    total_focused_minutes = fields.Integer(required=True)
    total_sessions = fields.Integer(required=True)
    current_streak_days = fields.Integer(required=True)


FocusListOut = page_list_schema(FocusSessionOut, "FocusList")
