"""One suite for BookRepository, run against the fake and Postgres."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

from domain.activity import Event
from domain.books import Book
from domain.days import UserDay
from domain.paging import PageRequest
from tests.support.users import stored_user

NOW = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=timezone.utc)
TODAY = NOW.date()


def added(uow, user, title="Dune", at=NOW, **fields) -> Book:
    book, _ = Book.create(user.id, {"title": title, **fields}, at, TODAY)
    with uow:
        uow.books.add(book)
        uow.commit()
    return book


def read(uow, book, user_id=None):
    with uow.read_only():
        return uow.books.get_owned(book.id, user_id or book.user_id)


def logged(uow, book, at=NOW, **kw):
    session, _ = book.log(UserDay(), at, on=kw.pop("on", None), minutes=kw.pop("minutes", 20), **kw)
    with uow:
        uow.books.add_session(session)
        uow.books.save(book)
        uow.commit()
    return session


def test_a_book_reads_back_as_written(uow):
    user = stored_user(uow, NOW)
    book = added(uow, user, author="Frank Herbert", total_pages=412, current_page=12, status="reading", rating=5,
                 notes="Spice", started_on=date(1, 1, 1), finished_on=date(9999, 12, 31))
    assert read(uow, book) == book


def test_another_users_or_an_unknown_book_is_none(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    book = added(uow, ada)
    assert read(uow, book, bob.id) is None
    with uow.read_only():
        assert uow.books.get_owned(uuid4(), ada.id) is None


def test_a_locked_read_gives_the_same_book(uow):
    book = added(uow, stored_user(uow, NOW))
    with uow:
        assert uow.books.get_owned(book.id, book.user_id, lock=True) == book


def test_save_writes_every_mutable_field(uow):
    book = added(uow, stored_user(uow, NOW), total_pages=300)
    book.update({"title": "Dune Messiah", "author": None, "status": "finished", "rating": 4, "notes": "ok",
                 "started_on": date(2026, 2, 1)}, NOW + timedelta(hours=1), TODAY)
    with uow:
        uow.books.save(book)
        uow.commit()
    assert read(uow, book) == book and read(uow, book).current_page == 300


def test_a_session_reads_back_in_the_books_page_and_not_in_anyone_elses(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    book = added(uow, ada, total_pages=300)
    session = logged(uow, book, start_page=0, end_page=25, notes="Prologue")
    with uow.read_only():
        assert uow.books.sessions_page(book.id, ada.id, PageRequest()) == [session]
        assert uow.books.sessions_page(book.id, bob.id, PageRequest()) is None
    assert read(uow, book).current_page == 25


def test_a_book_without_sessions_has_an_empty_page_and_an_unknown_book_none(uow):
    ada = stored_user(uow, NOW)
    book = added(uow, ada)
    with uow.read_only():
        assert uow.books.sessions_page(book.id, ada.id, PageRequest()) == []
        assert uow.books.sessions_page(uuid4(), ada.id, PageRequest()) is None


def test_session_pages_run_newest_first_without_repeating_or_skipping(uow):
    user = stored_user(uow, NOW)
    book = added(uow, user)
    sessions = [logged(uow, book, at=NOW + timedelta(minutes=n), pages=n + 1) for n in range(4)]
    with uow.read_only():
        first = uow.books.sessions_page(book.id, user.id, PageRequest(limit=2))
    assert [s.id for s in first] == [sessions[3].id, sessions[2].id, sessions[1].id]
    logged(uow, book, at=NOW + timedelta(hours=1), pages=9)
    with uow.read_only():
        rest = uow.books.sessions_page(book.id, user.id, PageRequest(after=(first[1].started_at, first[1].id)))
    assert [s.id for s in rest] == [sessions[1].id, sessions[0].id]


def test_book_pages_run_newest_first_and_may_filter_by_status(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    books = [added(uow, ada, f"b{n}", at=NOW + timedelta(seconds=n), status="reading" if n % 2 else "want_to_read")
             for n in range(4)]
    added(uow, bob, "bob's")
    with uow.read_only():
        first = uow.books.page(ada.id, PageRequest(limit=2))
        rest = uow.books.page(ada.id, PageRequest(after=(first[1].created_at, first[1].id)))
        reading = uow.books.page(ada.id, PageRequest(), "reading")
        after = uow.books.page(ada.id, PageRequest(after=(books[3].created_at, books[3].id)), "reading")
    assert [b.title for b in first] == ["b3", "b2", "b1"] and [b.title for b in rest] == ["b1", "b0"]
    assert [b.title for b in reading] == ["b3", "b1"] and [b.title for b in after] == ["b1"]


def test_delete_owned_deletes_only_the_owners_book_and_its_sessions(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    book = added(uow, ada)
    logged(uow, book, pages=3)
    with uow:
        assert uow.books.delete_owned(book.id, bob.id) is False
        uow.commit()
    with uow:
        assert uow.books.delete_owned(book.id, ada.id) is True
        uow.commit()
    with uow.read_only():
        assert uow.books.get_owned(book.id, ada.id) is None
        assert uow.books.sessions_page(book.id, ada.id, PageRequest()) is None


def test_recorded_sees_only_the_users_event_of_that_type_and_subject(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    book = added(uow, ada)
    with uow:
        uow.activity.append(Event(user_id=ada.id, type="book.finished", occurred_at=NOW, local_date=TODAY,
                                  subject_type="book", subject_id=str(book.id), metrics={"books_finished": 1}))
        uow.commit()
    with uow.read_only():
        assert uow.books.recorded(ada.id, "book.finished", book.id) is True
        assert uow.books.recorded(bob.id, "book.finished", book.id) is False
        assert uow.books.recorded(ada.id, "reading.logged", book.id) is False
