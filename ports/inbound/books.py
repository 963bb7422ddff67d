"""Books and reading sessions: CRUD, logging reading (pages and minutes), finishing a book once."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.books import Book, ReadingView
from domain.errors import NotFound
from domain.paging import Page, PageRequest, page_of
from domain.users import User
from ports.inbound import rewards
from ports.inbound.goals import count_once
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Logged:
    """A new reading session, the book as it now is, and what the session earned."""

    session: ReadingView
    book: Book
    earned: rewards.Earned


def add_book(uow: UnitOfWork, clock: Clock, *, user: User, fields: dict) -> Book:
    """Add a book to the user's shelf; one added as finished counts as finished."""
    now = clock.now()
    book, counted = Book.create(user.id, fields, now, user.day.local_date(now))
    with uow:
        uow.books.add(book)
        count_once(uow, user, counted, now, uow.books.recorded)
        uow.commit()
    return book


def get_book(uow: UnitOfWork, *, user: User, book_id: UUID) -> Book:
    """One of the user's books."""
    with uow.read_only():
        return _owned(uow, user, book_id)


def list_books(uow: UnitOfWork, *, user: User, request: PageRequest, status: str | None = None) -> Page[Book]:
    """The user's books, newest first, a keyset page at a time."""
    with uow.read_only():
        rows = uow.books.page(user.id, request, status)
    return page_of(rows, request, key=lambda b: (b.created_at, b.id))


def update_book(uow: UnitOfWork, clock: Clock, *, user: User, book_id: UUID, changes: dict) -> Book:
    """Change a book; finishing it counts once per book."""
    with uow:
        book, now = _owned(uow, user, book_id, lock=True), clock.now()
        counted = book.update(changes, now, user.day.local_date(now))
        uow.books.save(book)
        count_once(uow, user, counted, now, uow.books.recorded)
        uow.commit()
    return book


def delete_book(uow: UnitOfWork, *, user: User, book_id: UUID) -> None:
    """Delete a book and its reading sessions (what they counted stays counted)."""
    with uow:
        if not uow.books.delete_owned(book_id, user.id):
            raise NotFound("Book not found.")
        uow.commit()


def log_reading(uow: UnitOfWork, clock: Clock, *, user: User, book_id: UUID, on: date | None, minutes: int,
                pages: int | None = None, start_page: int | None = None, end_page: int | None = None,
                notes: str | None = None) -> Logged:
    """Log a reading session: the bookmark moves on, `reading.logged` counts pages and minutes, and
    reaching the last page finishes the book (counted once)."""
    with uow:
        book, now = _owned(uow, user, book_id, lock=True), clock.now()
        session, counted = book.log(user.day, now, on=on, minutes=minutes, pages=pages, start_page=start_page,
                                    end_page=end_page, notes=notes)
        uow.books.add_session(session)
        uow.books.save(book)
        earned = count_once(uow, user, counted, now, uow.books.recorded)
        uow.commit()
    return Logged(session.view(user.day), book, earned)


def list_reading_sessions(uow: UnitOfWork, *, user: User, book_id: UUID,
                          request: PageRequest) -> Page[ReadingView]:
    """The book's reading sessions, newest first, a keyset page at a time."""
    with uow.read_only():
        rows = uow.books.sessions_page(book_id, user.id, request)
    if rows is None:
        raise NotFound("Book not found.")
    page = page_of(rows, request, key=lambda s: (s.started_at, s.id))
    return Page(items=[s.view(user.day) for s in page.items], next_after=page.next_after)


def _owned(uow: UnitOfWork, user: User, book_id: UUID, lock: bool = False) -> Book:
    book = uow.books.get_owned(book_id, user.id, lock=lock)
    if book is None:
        raise NotFound("Book not found.")
    return book
