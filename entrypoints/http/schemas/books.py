"""Schemas of /api/v1/books: books on the user's shelf and the reading sessions logged against them."""
from __future__ import annotations

from marshmallow import Schema, fields, pre_dump, validate

from domain.books import MAX_MINUTES, MAX_PAGES, MAX_RATING, MAX_TITLE, STATUSES
from entrypoints.http.paging import PageQuery, page_list_schema
from entrypoints.http.schemas.focus import EarnedOut
from entrypoints.http.schemas.goals import LONG_TEXT, TITLE, text

PAGES = validate.Range(min=0, max=MAX_PAGES)


class BookPatchIn(Schema):
    title = fields.String(validate=TITLE)
    author = fields.String(allow_none=True, validate=[validate.Length(min=1, max=MAX_TITLE), text])
    total_pages = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=MAX_PAGES))
    current_page = fields.Integer(strict=True, validate=PAGES,
                                  metadata={"description": "Pages read so far (a bookmark), at most total_pages"})
    status = fields.String(validate=validate.OneOf(STATUSES),
                           metadata={"description": "finished fills finished_on and the bookmark; counted once"})
    rating = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=MAX_RATING))
    notes = fields.String(allow_none=True, validate=LONG_TEXT)
    started_on = fields.Date(allow_none=True)
    finished_on = fields.Date(allow_none=True, metadata={"description": "Not before started_on"})


class BookIn(BookPatchIn):
    title = fields.String(required=True, validate=TITLE)


class BookListQuery(PageQuery):
    status = fields.String(load_default=None, validate=validate.OneOf(STATUSES))


class ReadingSessionIn(Schema):
    date = fields.Date(load_default=None, metadata={"description": "The user's day; default today, up to 7 days back"})
    minutes = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=MAX_MINUTES))
    pages = fields.Integer(load_default=None, strict=True, validate=PAGES,
                           metadata={"description": "Pages read; or give start_page and end_page"})
    start_page = fields.Integer(load_default=None, strict=True, validate=PAGES,
                                metadata={"description": "The bookmark before the session"})
    end_page = fields.Integer(load_default=None, strict=True, validate=PAGES,
                              metadata={"description": "The bookmark after it; pages read = end − start"})
    notes = fields.String(load_default=None, allow_none=True, validate=LONG_TEXT)


class BookOut(Schema):
    id = fields.UUID(required=True)
    title = fields.String(required=True)
    author = fields.String(required=True, allow_none=True)
    total_pages = fields.Integer(required=True, allow_none=True)
    current_page = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"enum": list(STATUSES)})
    rating = fields.Integer(required=True, allow_none=True)
    notes = fields.String(required=True, allow_none=True)
    started_on = fields.Date(required=True, allow_none=True)
    finished_on = fields.Date(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


class ReadingSessionOut(Schema):
    id = fields.UUID(required=True)
    book_id = fields.UUID(required=True)
    date = fields.Date(required=True, metadata={"description": "The user's day the session counts on"})
    started_at = fields.AwareDateTime(required=True, metadata={
        "description": "When logged; a backdated session sits in the middle of its day"})
    minutes = fields.Integer(required=True)
    pages_read = fields.Integer(required=True)
    start_page = fields.Integer(required=True, allow_none=True)
    end_page = fields.Integer(required=True, allow_none=True)
    notes = fields.String(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)


class ReadingLoggedOut(ReadingSessionOut):
    """The new session, the book as it now is, and what the session earned (quests, achievements)."""

    book = fields.Nested(BookOut, required=True)
    earned = fields.Nested(EarnedOut, required=True)

    @pre_dump
    def flatten(self, logged, **_):
        earned = logged.earned
        return {**vars(logged.session), "book": logged.book, "earned": {
            "points": earned.points, "xp": earned.xp, "achievements": earned.achievements,
            "quests": [quest_id for quest_id, _ in earned.quests]}}


BookListOut = page_list_schema(BookOut, "BookList")
ReadingSessionListOut = page_list_schema(ReadingSessionOut, "ReadingSessionList")
