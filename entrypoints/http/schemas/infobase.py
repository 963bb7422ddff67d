"""Schemas of /api/v1/infobase: entries in and out, and the list's search and tag filter."""
from __future__ import annotations

from marshmallow import Schema, fields, post_load, validate

from domain.notes import MAX_QUERY, MAX_TAG, MAX_TAGS, MAX_TEXT, MAX_TITLE
from entrypoints.http.paging import PageQuery, page_list_schema

TITLE = validate.Length(min=1, max=MAX_TITLE)
TEXT = validate.Length(max=MAX_TEXT)
TAG = validate.Length(min=1, max=MAX_TAG)
TAGS = validate.Length(max=MAX_TAGS, error=f"At most {MAX_TAGS} tags.")


def tags_field(**kwargs) -> fields.List:
    return fields.List(fields.String(validate=TAG), validate=TAGS, metadata={
        "description": f"Up to {MAX_TAGS} tags of 1–{MAX_TAG} characters; trimmed, lower-cased, duplicates merged"},
        **kwargs)


class InfobaseEntryIn(Schema):
    title = fields.String(required=True, validate=TITLE, metadata={"description": "Trimmed"})
    content = fields.String(load_default="", validate=TEXT)
    tags = tags_field(load_default=list)


class InfobaseEntryPatchIn(Schema):
    title = fields.String(validate=TITLE)
    content = fields.String(validate=TEXT)
    tags = tags_field()


class InfobaseListQuery(PageQuery):
    q = fields.String(load_default=None, validate=validate.Length(max=MAX_QUERY), metadata={
        "description": "Full-text search (web-search syntax: words, \"phrases\", or, -word), best match first; "
                       "blank: no search"})
    tag = fields.String(load_default=None, validate=TAG, metadata={"description": "Only entries with this tag"})

    @post_load
    def blank_is_no_search(self, data, **_):
        """A blank `q` lists everything, so its cursor is the plain list's."""
        if data["q"] is not None and not data["q"].strip():
            data["q"] = None
        return data


class InfobaseEntryOut(Schema):
    id = fields.UUID(required=True)
    title = fields.String(required=True)
    content = fields.String(required=True)
    tags = fields.List(fields.String(), required=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


InfobaseListOut = page_list_schema(InfobaseEntryOut, "InfobaseList")
