"""Schemas of the rewards market: items, personal rewards and purchases."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from entrypoints.http.paging import page_list_schema
from entrypoints.http.schemas.users import NAME

COST = validate.Range(min=1, max=1_000_000)
DESCRIPTION = validate.Length(max=20_000)


class MarketItemIn(Schema):
    name = fields.String(required=True, validate=NAME)
    cost = fields.Integer(required=True, strict=True, validate=COST, metadata={"description": "In points"})
    description = fields.String(load_default=None, allow_none=True, validate=DESCRIPTION)


class MarketItemOut(Schema):
    id = fields.UUID(required=True)
    name = fields.String(required=True)
    description = fields.String(allow_none=True)
    cost = fields.Integer(required=True)
    category = fields.String(allow_none=True)
    icon = fields.String(allow_none=True)
    personal = fields.Boolean(required=True, attribute="personal_reward",
                              metadata={"description": "A reward of the caller's own, seen by them only"})
    sort_order = fields.Integer(required=True)
    created_at = fields.AwareDateTime(required=True)


class PurchaseIn(Schema):
    item_id = fields.UUID(required=True)


class PurchaseOut(Schema):
    id = fields.UUID(required=True)
    item_id = fields.UUID(allow_none=True)
    item_name = fields.String(required=True)
    cost = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"enum": ["purchased", "redeemed", "refunded"]})
    created_at = fields.AwareDateTime(required=True)
    redeemed_at = fields.AwareDateTime(allow_none=True)


MarketItemsOut = page_list_schema(MarketItemOut, "MarketItemsOut")
PurchasesOut = page_list_schema(PurchaseOut, "PurchasesOut")
