"""Schemas of points, XP, levels, streaks, achievements and the ledger."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from entrypoints.http.paging import page_list_schema
from entrypoints.http.schemas.users import NAME


class StreakOut(Schema):
    kind = fields.String(required=True)
    habit_id = fields.UUID(allow_none=True)
    current = fields.Integer(required=True)
    longest = fields.Integer(required=True)
    last_date = fields.Date(allow_none=True)


class AchievementOut(Schema):
    id = fields.UUID(required=True, attribute="definition.id")
    key = fields.String(allow_none=True, attribute="definition.key")
    title = fields.String(required=True, attribute="definition.title")
    description = fields.String(allow_none=True, attribute="definition.description")
    icon = fields.String(allow_none=True, attribute="definition.icon")
    condition_type = fields.String(required=True, attribute="definition.condition_type")
    threshold = fields.Integer(required=True, attribute="definition.threshold")
    reward_points = fields.Integer(required=True, attribute="definition.reward_points")
    reward_xp = fields.Integer(required=True, attribute="definition.reward_xp")
    progress = fields.Integer(required=True)
    unlocked = fields.Function(lambda s: s.unlocked is not None, required=True)
    unlocked_at = fields.AwareDateTime(allow_none=True)


class SummaryOut(Schema):
    balance = fields.Integer(required=True, attribute="wallet.balance")
    xp = fields.Integer(required=True, attribute="wallet.xp")
    level = fields.Integer(required=True, attribute="wallet.level")
    streaks = fields.List(fields.Nested(StreakOut), required=True)
    recent_achievements = fields.List(fields.Nested(AchievementOut), required=True)


class LedgerEntryOut(Schema):
    id = fields.UUID(required=True)
    delta = fields.Integer(required=True)
    xp_delta = fields.Integer(required=True)
    balance_after = fields.Integer(required=True)
    reason = fields.String(required=True)
    source_type = fields.String(required=True, attribute="source.type")
    source_id = fields.String(required=True, attribute="source.id")
    created_at = fields.AwareDateTime(required=True)


class WalletAdjustIn(Schema):
    delta = fields.Integer(required=True, strict=True,
                           validate=[validate.Range(min=-1_000_000, max=1_000_000),
                                     validate.NoneOf([0], error="Must not be 0.")])
    reason = fields.String(required=True, validate=NAME)


AchievementsOut = page_list_schema(AchievementOut, "AchievementsOut")
LedgerOut = page_list_schema(LedgerEntryOut, "LedgerOut")
