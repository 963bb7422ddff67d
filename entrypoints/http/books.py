"""/api/v1/books: the user's books and the reading sessions that move their bookmarks on."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.idempotency import idempotent
from entrypoints.http.paging import PageQuery, page_body, page_request
from entrypoints.http.schemas.books import (BookIn, BookListOut, BookListQuery, BookOut, BookPatchIn,
                                            ReadingLoggedOut, ReadingSessionIn, ReadingSessionListOut)
from ports.inbound import books
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("books", __name__, url_prefix="/api/v1", description="Books and reading sessions")


@bp.post("/books")
@bp.arguments(BookIn)
@bp.response(201, BookOut)
@bp.errors(400, 415)
@inject
def add_book(body: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Add a book (status want_to_read unless given; added as finished, it counts as finished)."""
    return books.add_book(uow, clock, user=current_user(), fields=body)


@bp.get("/books")
@bp.arguments(BookListQuery, location="query")
@bp.response(200, BookListOut)
@bp.errors(400)
@inject
def list_books(query: dict, uow: UnitOfWork = Provide["uow"]):
    """Your books, newest first (by when they were added); `?status=` filters."""
    return page_body(books.list_books(uow, user=current_user(), request=page_request(query), status=query["status"]))


@bp.get("/books/<uuid:book_id>")
@bp.response(200, BookOut)
@bp.errors(404)
@inject
def get_book(book_id, uow: UnitOfWork = Provide["uow"]):
    """One of your books."""
    return books.get_book(uow, user=current_user(), book_id=book_id)


@bp.patch("/books/<uuid:book_id>")
@bp.arguments(BookPatchIn)
@bp.response(200, BookOut)
@bp.errors(400, 404, 409, 415)
@inject
def update_book(changes: dict, book_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Change a book; status finished fills finished_on and the bookmark, and counts once per book."""
    return books.update_book(uow, clock, user=current_user(), book_id=book_id, changes=changes)


@bp.delete("/books/<uuid:book_id>")
@bp.response(204)
@bp.errors(404)
@inject
def delete_book(book_id, uow: UnitOfWork = Provide["uow"]):
    """Delete a book and its reading sessions."""
    books.delete_book(uow, user=current_user(), book_id=book_id)
    return ""


@bp.post("/books/<uuid:book_id>/reading-sessions")
@bp.arguments(ReadingSessionIn)
@bp.response(201, ReadingLoggedOut)
@bp.errors(400, 404, 409, 415)
@idempotent
@inject
def log_reading(body: dict, book_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Log reading: `pages` or `start_page`/`end_page` bookmarks, and minutes. Reaching the last page finishes
    the book. Honours Idempotency-Key."""
    return books.log_reading(uow, clock, user=current_user(), book_id=book_id, on=body.pop("date"), **body)


@bp.get("/books/<uuid:book_id>/reading-sessions")
@bp.arguments(PageQuery, location="query")
@bp.response(200, ReadingSessionListOut)
@bp.errors(400, 404)
@inject
def list_reading_sessions(query: dict, book_id, uow: UnitOfWork = Provide["uow"]):
    """The book's reading sessions, newest first (by when they happened)."""
    page = books.list_reading_sessions(uow, user=current_user(), book_id=book_id, request=page_request(query))
    return page_body(page)
