"""Schemas of /api/v1/ideas."""
from __future__ import annotations

from marshmallow import Schema, fields

from entrypoints.http.paging import PageQuery, page_list_schema
from entrypoints.http.schemas.infobase import TAG, TEXT, TITLE, tags_field
from entrypoints.http.schemas.json_types import JsonBoolean


class IdeaIn(Schema):
    title = fields.String(required=True, validate=TITLE, metadata={"description": "Trimmed"})
    body = fields.String(load_default=None, allow_none=True, validate=TEXT)
    tags = tags_field(load_default=list)
    pinned = JsonBoolean(load_default=False)


class IdeaPatchIn(Schema):
    title = fields.String(validate=TITLE)
    body = fields.String(allow_none=True, validate=TEXT)
    tags = tags_field()
    pinned = JsonBoolean()


class IdeaListQuery(PageQuery):
    tag = fields.String(load_default=None, validate=TAG, metadata={"description": "Only ideas with this tag"})


class IdeaOut(Schema):
    id = fields.UUID(required=True)
    title = fields.String(required=True)
    body = fields.String(required=True, allow_none=True)
    tags = fields.List(fields.String(), required=True)
    pinned = fields.Boolean(required=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


IdeaListOut = page_list_schema(IdeaOut, "IdeaList")
