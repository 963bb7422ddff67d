"""Schemas of /api/v1/habits and /api/v1/me/vacation: habits, their logs and streaks, the pause."""
from __future__ import annotations

from marshmallow import Schema, fields, pre_dump, validate

from domain.habits import FREQUENCIES, LOG_STATUSES, MAX_COUNT, MAX_DESCRIPTION, MAX_LABEL
from entrypoints.http.paging import PageQuery, page_list_schema
from entrypoints.http.schemas.focus import EarnedOut
from entrypoints.http.schemas.json_types import JsonBoolean
from entrypoints.http.schemas.users import NAME

WEEKDAY = validate.Range(min=1, max=7)
LABEL = validate.Length(min=1, max=MAX_LABEL)
DESCRIPTION = validate.Length(max=MAX_DESCRIPTION)


def _days(**kwargs) -> fields.List:
    return fields.List(fields.Integer(strict=True, validate=WEEKDAY), validate=validate.Length(min=1, max=7),
                       allow_none=True, metadata={"description": "ISO weekdays 1 (Mon)–7 (Sun); for weekdays"},
                       **kwargs)


class HabitIn(Schema):
    title = fields.String(required=True, validate=NAME)
    description = fields.String(load_default=None, allow_none=True, validate=DESCRIPTION)
    frequency = fields.String(load_default="daily", validate=validate.OneOf(FREQUENCIES))
    days = _days(load_default=None)
    times = fields.Integer(load_default=None, allow_none=True, strict=True, validate=WEEKDAY,
                           metadata={"description": "Days a week; for times_per_week"})
    color = fields.String(load_default=None, allow_none=True, validate=LABEL)
    icon = fields.String(load_default=None, allow_none=True, validate=LABEL)
    archived = JsonBoolean(load_default=False)


class HabitPatchIn(Schema):
    title = fields.String(validate=NAME)
    description = fields.String(allow_none=True, validate=DESCRIPTION)
    frequency = fields.String(validate=validate.OneOf(FREQUENCIES))
    days = _days()
    times = fields.Integer(allow_none=True, strict=True, validate=WEEKDAY)
    color = fields.String(allow_none=True, validate=LABEL)
    icon = fields.String(allow_none=True, validate=LABEL)
    archived = JsonBoolean()


class HabitListQuery(PageQuery):
    archived = fields.Boolean(load_default=False, metadata={"description": "true: the archived habits instead"})


class HabitLogIn(Schema):
    date = fields.Date(load_default=None, allow_none=True,
                       metadata={"description": "Your local date, today or up to 7 days back; default today"})
    status = fields.String(load_default="done", validate=validate.OneOf(LOG_STATUSES))
    count = fields.Integer(load_default=1, strict=True, validate=validate.Range(min=1, max=MAX_COUNT))


class LogDatePath(Schema):
    """The path of one day's log: the date is checked here, so that a bad one is a 400 naming it."""

    habit_id = fields.UUID(required=True)
    log_date = fields.Date(required=True, metadata={"description": "YYYY-MM-DD"})


class HabitLogOut(Schema):
    id = fields.UUID(required=True)
    habit_id = fields.UUID(required=True)
    date = fields.Date(required=True)
    status = fields.String(required=True, metadata={"enum": list(LOG_STATUSES)})
    count = fields.Integer(required=True)
    points_awarded = fields.Integer(required=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


class HabitOut(Schema):
    id = fields.UUID(required=True)
    title = fields.String(required=True)
    description = fields.String(allow_none=True)
    frequency = fields.String(required=True, metadata={"enum": list(FREQUENCIES)})
    days = fields.List(fields.Integer(), allow_none=True)
    times = fields.Integer(allow_none=True)
    color = fields.String(allow_none=True)
    icon = fields.String(allow_none=True)
    archived = fields.Boolean(required=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)
    current_streak = fields.Integer(required=True, metadata={"description": "Days, or weeks for times_per_week"})
    longest_streak = fields.Integer(required=True)
    today = fields.Nested(HabitLogOut, required=True, allow_none=True, metadata={"description": "Today's log"})

    @pre_dump
    def flatten(self, card, **_):
        return {**vars(card.habit), "current_streak": card.streak.current, "longest_streak": card.streak.longest,
                "today": card.today}


class HabitLogResultOut(HabitLogOut):
    """The day's log as it now is, with the habit's streaks and all that the log earned."""

    replaced = fields.Boolean(required=True, metadata={"description": "It replaced that day's log (200)"})
    current_streak = fields.Integer(required=True)
    longest_streak = fields.Integer(required=True)
    earned = fields.Nested(EarnedOut, required=True)

    @pre_dump
    def flatten(self, result, **_):
        earned = result.earned
        return {**vars(result.log), "replaced": result.replaced, "current_streak": result.streak.current,
                "longest_streak": result.streak.longest, "earned": {
                    "points": earned.points, "xp": earned.xp, "achievements": earned.achievements,
                    "quests": [quest_id for quest_id, _ in earned.quests]}}


class VacationIn(Schema):
    start = fields.Date(required=True, data_key="from",
                        metadata={"description": "Your local date; at most 7 days back"})
    end = fields.Date(load_default=None, allow_none=True, data_key="to",
                      metadata={"description": "Inclusive; null or absent: until it is ended"})


HabitListOut = page_list_schema(HabitOut, "HabitList")
HabitLogListOut = page_list_schema(HabitLogOut, "HabitLogList")
