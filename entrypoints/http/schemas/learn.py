"""Schemas of /api/v1/learn: the dashboard, topics with their lessons, a lesson, a completion."""
from __future__ import annotations

from marshmallow import Schema, fields, pre_dump

from entrypoints.http.schemas.focus import EarnedOut


class NoQuery(Schema):
    """A route without query parameters: any given one is unknown, hence a 400."""


class LessonSummaryOut(Schema):
    id = fields.UUID(required=True)
    topic_id = fields.UUID(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True, allow_none=True)
    position = fields.Integer(required=True)
    duration_minutes = fields.Integer(required=True, allow_none=True)
    reward_points = fields.Integer(required=True, metadata={"description": "Earned once, on the first completion"})
    reward_xp = fields.Integer(required=True)
    completed = fields.Boolean(required=True)
    completed_at = fields.AwareDateTime(required=True, allow_none=True)


class LessonOut(LessonSummaryOut):
    content = fields.String(required=True)


class LessonCompletionOut(LessonOut):
    """The lesson, now completed, and what this completion earned (nothing on a repeat)."""

    earned = fields.Nested(EarnedOut, required=True)

    @pre_dump
    def flatten(self, completion, **_):
        lesson, earned = completion.lesson, completion.earned
        return {**vars(lesson), "completed": lesson.completed, "earned": {
            "points": earned.points, "xp": earned.xp, "achievements": earned.achievements,
            "quests": [quest_id for quest_id, _ in earned.quests]}}


class TopicSummaryOut(Schema):
    id = fields.UUID(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True, allow_none=True)
    icon = fields.String(required=True, allow_none=True)
    position = fields.Integer(required=True)
    lessons_total = fields.Integer(required=True, metadata={"description": "Published lessons"})
    lessons_done = fields.Integer(required=True)
    progress = fields.Integer(required=True, metadata={"description": "Percent done, 0–100, rounded down"})


class TopicOut(TopicSummaryOut):
    lessons = fields.List(fields.Nested(LessonSummaryOut), required=True, metadata={"description": "In order"})


class DashboardOut(Schema):
    topics = fields.List(fields.Nested(TopicSummaryOut), required=True, metadata={"description": "In order"})
    next_lesson = fields.Nested(LessonSummaryOut, required=True, allow_none=True,
                                metadata={"description": "The first unfinished lesson in topic, then lesson order"})
    percent_done = fields.Integer(required=True, metadata={"description": "Over all published lessons, rounded down"})
