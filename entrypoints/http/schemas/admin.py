"""Schemas of the admin console: users, stats, audit log, feedback triage and content.

Each kind of content is declared once as field factories; its create schema (required fields
from `domain.admin_content.KINDS`), its patch schema (any fields, at least one) and its output
schema are built from that one declaration.
"""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, pre_dump, validate, validates_schema

from domain.activity import METRICS
from domain.admin_content import (KINDS, MAX_COST, MAX_COUNT, MAX_DURATION_MINUTES, MAX_NAME, MAX_ORDER,
                                  MAX_REWARD, MAX_SHORT, MAX_TEXT)
from domain.days import PERIODS
from domain.feedback import KINDS as FEEDBACK_KINDS, STATUSES as FEEDBACK_STATUSES
from domain.users import ROLES
from entrypoints.http.paging import PageQuery, page_list_schema
from entrypoints.http.schemas.json_types import JsonBoolean


class Whole(fields.Integer):
    """A JSON integer only: no strings, floats or booleans."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, strict=True, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return super()._deserialize(value, attr, data, **kwargs)


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("Must not be only spaces.")


def _name(**kw):
    return fields.String(validate=[validate.Length(min=1, max=MAX_NAME), _not_blank], **kw)


def _text(maximum: int, nullable: bool = True):
    return lambda **kw: fields.String(allow_none=nullable, validate=validate.Length(max=maximum), **kw)


def _whole(low: int, high: int, nullable: bool = False):
    return lambda **kw: Whole(allow_none=nullable, validate=validate.Range(min=low, max=high), **kw)


def _one_of(values):
    return lambda **kw: fields.String(validate=validate.OneOf(values), **kw)


FIELDS = {  # field name → factory of its input field (one rule per name, as in the domain)
    "title": _name, "name": _name, "description": _text(MAX_TEXT), "summary": _text(MAX_TEXT),
    "content": _text(MAX_TEXT, nullable=False), "icon": _text(MAX_SHORT), "category": _text(MAX_SHORT),
    "metric": _one_of(METRICS), "condition_type": _one_of(METRICS), "period": _one_of(PERIODS),
    "target": _whole(1, MAX_COUNT), "threshold": _whole(1, MAX_COUNT), "reward_points": _whole(0, MAX_REWARD),
    "reward_xp": _whole(0, MAX_REWARD), "cost": _whole(0, MAX_COST), "sort_order": _whole(0, MAX_ORDER),
    "position": _whole(0, MAX_ORDER), "duration_minutes": _whole(0, MAX_DURATION_MINUTES, nullable=True),
    "active": JsonBoolean, "published": JsonBoolean, "topic_id": fields.UUID,
}
_OUT = {"metric": fields.String, "condition_type": fields.String, "period": fields.String, "topic_id": fields.UUID,
        "active": fields.Boolean, "published": fields.Boolean}


class PatchIn(Schema):
    """A partial update: only the fields sent change; an empty body is refused."""

    @validates_schema
    def not_empty(self, data, **_):
        if not data:
            raise ValidationError("Send at least one field to change.", "_schema")


class ContentOut(Schema):
    id = fields.UUID(required=True)
    key = fields.String(required=True, allow_none=True, metadata={"description": "Set on seeded rows only"})
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)

    @pre_dump
    def flatten(self, row, **_):
        return {**row.values, "id": row.id, "key": row.key, "created_at": row.created_at,
                "updated_at": row.updated_at}


_INTEGERS = {"target", "threshold", "reward_points", "reward_xp", "cost", "sort_order", "position",
             "duration_minutes"}
_NULLABLE = {"description", "summary", "icon", "category", "duration_minutes"}


def _out_field(name: str) -> fields.Field:
    kind = _OUT.get(name) or (fields.Integer if name in _INTEGERS else fields.String)
    return kind(required=True, allow_none=name in _NULLABLE)


def content_schemas(kind: str, stem: str) -> tuple[type[Schema], type[Schema], type[Schema], type[Schema]]:
    """(create, patch, output, list output) schemas of one kind of content."""
    spec = KINDS[kind]
    create = Schema.from_dict({n: FIELDS[n](required=n in spec.required) for n in spec.fields}, name=f"{stem}In")
    patch = PatchIn.from_dict({n: FIELDS[n]() for n in spec.fields}, name=f"{stem}PatchIn")
    out = ContentOut.from_dict({n: _out_field(n) for n in spec.fields}, name=f"{stem}Out")
    return create, patch, out, page_list_schema(out, f"{stem}List")


QuestIn, QuestPatchIn, QuestOut, QuestListOut = content_schemas("quest", "AdminQuest")
MarketItemIn, MarketItemPatchIn, MarketItemOut, MarketItemListOut = content_schemas("market_item", "AdminMarketItem")
AchievementIn, AchievementPatchIn, AchievementOut, AchievementListOut = content_schemas("achievement",
                                                                                        "AdminAchievement")
TopicIn, TopicPatchIn, TopicOut, TopicListOut = content_schemas("learn_topic", "AdminTopic")
LessonIn, LessonPatchIn, LessonOut, LessonListOut = content_schemas("learn_lesson", "AdminLesson")


class AdminLessonListQuery(PageQuery):
    topic_id = fields.UUID(load_default=None, metadata={"description": "Only the lessons of this topic"})


class AdminUserListQuery(PageQuery):
    q = fields.String(load_default=None, validate=validate.Length(min=1, max=MAX_NAME),
                      metadata={"description": "Part of the email or name, any case; % and _ are literal"})
    role = fields.String(load_default=None, validate=validate.OneOf(ROLES))


class AdminUserOut(Schema):
    id = fields.UUID(required=True)
    email = fields.String(required=True, allow_none=True)
    email_verified = fields.Boolean(required=True)
    name = fields.String(required=True, allow_none=True)
    role = fields.String(required=True, metadata={"enum": list(ROLES)})
    disabled = fields.Boolean(required=True)
    created_at = fields.AwareDateTime(required=True)


class AdminWalletOut(Schema):
    balance = fields.Integer(required=True)
    xp = fields.Integer(required=True)
    level = fields.Integer(required=True)


class AdminUserDetailOut(AdminUserOut):
    role_source = fields.String(required=True, allow_none=True,
                                metadata={"description": "admin_emails or manual (granted by an admin or the CLI)"})
    wallet = fields.Nested(AdminWalletOut, required=True)
    providers = fields.List(fields.String(), required=True, metadata={"description": "Linked login providers"})
    sessions_active = fields.Integer(required=True)
    last_active_at = fields.AwareDateTime(required=True, allow_none=True,
                                          metadata={"description": "Latest use of any of the user's sessions"})


class AdminUserPatchIn(PatchIn):
    role = fields.String(validate=validate.OneOf(ROLES))
    disabled = JsonBoolean()


AdminUserListOut = page_list_schema(AdminUserOut, "AdminUserList")


class AdminNoQuery(Schema):
    """No query parameters: an unknown one is a 400, as everywhere."""


class AdminStatsOut(Schema):
    users_total = fields.Integer(required=True)
    users_new_7d = fields.Integer(required=True)
    users_active_7d = fields.Integer(required=True, metadata={"description": "Users whose sessions were used"})
    focus_sessions_completed_7d = fields.Integer(required=True)
    points_in_circulation = fields.Integer(required=True, metadata={"description": "Sum of all balances"})
    purchases_7d = fields.Integer(required=True)
    feedback_open = fields.Integer(required=True, metadata={"description": "Status new or in_progress"})


class AdminAuditQuery(PageQuery):
    actor_id = fields.UUID(load_default=None)
    target_type = fields.String(load_default=None, validate=validate.Length(min=1, max=MAX_NAME))
    target_id = fields.String(load_default=None, validate=validate.Length(min=1, max=MAX_NAME))


class AdminAuditEntryOut(Schema):
    id = fields.UUID(required=True)
    actor_id = fields.UUID(required=True, allow_none=True, metadata={"description": "None: the CLI or the system"})
    actor_email = fields.String(required=True, allow_none=True)
    action = fields.String(required=True, metadata={"description": "e.g. user.update, quest.create"})
    target_type = fields.String(required=True)
    target_id = fields.String(required=True, allow_none=True)
    before = fields.Dict(required=True, allow_none=True)
    after = fields.Dict(required=True, allow_none=True)
    request_id = fields.String(required=True, allow_none=True)
    ip = fields.String(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)


AdminAuditListOut = page_list_schema(AdminAuditEntryOut, "AdminAuditList")


class AdminFeedbackQuery(PageQuery):
    status = fields.String(load_default=None, validate=validate.OneOf(FEEDBACK_STATUSES))


class AdminFeedbackTriageIn(PatchIn):
    status = fields.String(validate=validate.OneOf(FEEDBACK_STATUSES))
    admin_notes = fields.String(allow_none=True, validate=validate.Length(max=MAX_TEXT))


class AdminFeedbackOut(Schema):
    id = fields.UUID(required=True)
    user_id = fields.UUID(required=True)
    kind = fields.String(required=True, metadata={"enum": list(FEEDBACK_KINDS)})
    message = fields.String(required=True)
    page = fields.String(required=True, allow_none=True)
    user_agent = fields.String(required=True, allow_none=True)
    status = fields.String(required=True, metadata={"enum": list(FEEDBACK_STATUSES)})
    admin_notes = fields.String(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True, allow_none=True)


AdminFeedbackListOut = page_list_schema(AdminFeedbackOut, "AdminFeedbackList")
