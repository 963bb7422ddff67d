"""Book use cases on the in-memory unit of work: one commit each, 404s for others, reading counted."""
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import InvalidInput, NotFound
from domain.paging import PageRequest
from ports.inbound import books
from tests.support.gamification import a_quest, a_user

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)  # a Wednesday


def events(uow, user, type=None):
    return sorted((e for e in uow.tables["activity"].values() if e.user_id == user.id and type in (None, e.type)),
                  key=lambda e: e.occurred_at)


def add(uow, clock, user, **fields):
    uow.committed = False
    book = books.add_book(uow, clock, user=user, fields={"title": "Dune", **fields})
    assert uow.committed
    return book


def log(uow, clock, user, book, **kw):
    uow.committed = False
    kw.setdefault("minutes", 30)
    logged = books.log_reading(uow, clock, user=user, book_id=book.id, on=kw.pop("on", None), **kw)
    assert uow.committed
    return logged


def test_an_added_book_is_committed_and_reads_back(uow, clock, ada):
    book = add(uow, clock, ada, author="Frank Herbert", total_pages=412)
    assert books.get_book(uow, user=ada, book_id=book.id) == book and events(uow, ada) == []


def test_another_users_book_is_not_found_for_every_use_case(uow, clock, ada):
    bob = a_user(uow, email="bob@example.com")
    book = add(uow, clock, ada, total_pages=100)
    attempts = [
        lambda: books.get_book(uow, user=bob, book_id=book.id),
        lambda: books.update_book(uow, clock, user=bob, book_id=book.id, changes={"title": "Mine"}),
        lambda: books.delete_book(uow, user=bob, book_id=book.id),
        lambda: books.log_reading(uow, clock, user=bob, book_id=book.id, on=None, minutes=5, pages=5),
        lambda: books.list_reading_sessions(uow, user=bob, book_id=book.id, request=PageRequest()),
    ]
    for attempt in attempts:
        with pytest.raises(NotFound):
            attempt()
    assert books.get_book(uow, user=ada, book_id=book.id) == book and uow.tables["reading_sessions"] == {}


def test_a_session_moves_the_bookmark_and_records_pages_and_minutes_through_the_engine(uow, clock, ada):
    quest = a_quest(uow, "reading_minutes", 60, "weekly", points=15, xp=30)
    book = add(uow, clock, ada, total_pages=300)
    logged = log(uow, clock, ada, book, pages=40, minutes=60)
    assert (logged.book.current_page, logged.book.status, logged.session.date) == (40, "reading", NOW.date())
    assert (logged.earned.points, logged.earned.xp, logged.earned.quests) == (15, 30, [(quest.id, "2026-W10")])
    [event] = events(uow, ada, "reading.logged")
    assert (event.metrics, event.subject_id, event.local_date) == \
        ({"pages_read": 40, "reading_minutes": 60}, str(logged.session.id), NOW.date())
    assert books.get_book(uow, user=ada, book_id=book.id).current_page == 40


def test_a_backdated_session_counts_on_its_own_day(uow, clock, ada):
    book = add(uow, clock, ada)
    logged = log(uow, clock, ada, book, pages=10, on=date(2026, 3, 1))
    assert logged.session.date == date(2026, 3, 1) and events(uow, ada)[0].local_date == date(2026, 3, 1)


def test_the_default_date_is_the_users_today_not_utcs(uow, clock):
    late = a_user(uow, email="late@example.com", timezone="America/Los_Angeles")
    book = add(uow, clock, late)
    clock.at = datetime(2026, 3, 5, 3, 0, tzinfo=timezone.utc)  # still March 4 in Los Angeles
    assert log(uow, clock, late, book, pages=3).session.date == date(2026, 3, 4)


def test_reaching_the_last_page_finishes_the_book_and_counts_it_once(uow, clock, ada):
    book = add(uow, clock, ada, total_pages=100)
    finished = log(uow, clock, ada, book, pages=100).book
    assert (finished.status, finished.finished_on) == ("finished", NOW.date())
    books.update_book(uow, clock, user=ada, book_id=book.id, changes={"status": "reading"})
    books.update_book(uow, clock, user=ada, book_id=book.id, changes={"status": "finished"})
    log(uow, clock, ada, book, pages=10)
    [event] = events(uow, ada, "book.finished")
    assert (event.metrics, event.subject_id) == ({"books_finished": 1}, str(book.id))


def test_finishing_by_patch_counts_once(uow, clock, ada):
    book = add(uow, clock, ada)
    for status in ("finished", "finished", "abandoned", "finished"):
        uow.committed = False
        assert books.update_book(uow, clock, user=ada, book_id=book.id, changes={"status": status}).status == status
        assert uow.committed
    assert len(events(uow, ada, "book.finished")) == 1


def test_a_refused_session_writes_nothing(uow, clock, ada):
    book = add(uow, clock, ada, total_pages=50)
    uow.committed = False
    with pytest.raises(InvalidInput):
        books.log_reading(uow, clock, user=ada, book_id=book.id, on=None, minutes=5, pages=51)
    assert not uow.committed and uow.tables["reading_sessions"] == {} and events(uow, ada) == []


def test_sessions_are_listed_newest_first_in_keyset_pages(uow, clock, ada):
    book = add(uow, clock, ada)
    logged = []
    for n in range(1, 5):
        logged.append(log(uow, clock, ada, book, pages=n).session)
        clock.advance(timedelta(minutes=1))
    backdated = log(uow, clock, ada, book, pages=9, on=date(2026, 3, 2)).session
    first = books.list_reading_sessions(uow, user=ada, book_id=book.id, request=PageRequest(limit=3))
    assert [s.pages_read for s in first.items] == [4, 3, 2]
    rest = books.list_reading_sessions(uow, user=ada, book_id=book.id, request=PageRequest(after=first.next_after))
    assert [s.id for s in rest.items] == [logged[0].id, backdated.id] and rest.next_after is None


def test_deleting_a_book_takes_its_sessions_and_keeps_what_they_counted(uow, clock, ada):
    book = add(uow, clock, ada)
    log(uow, clock, ada, book, pages=5)
    uow.committed = False
    books.delete_book(uow, user=ada, book_id=book.id)
    assert uow.committed and uow.tables["reading_sessions"] == {} and len(events(uow, ada)) == 1
    with pytest.raises(NotFound):
        books.delete_book(uow, user=ada, book_id=book.id)


def test_books_are_listed_newest_first_and_filtered_by_status(uow, clock, ada):
    for n, status in enumerate(("reading", "finished", "reading")):
        add(uow, clock, ada, title=f"book {n}", status=status)
        clock.advance(timedelta(seconds=1))
    page = books.list_books(uow, user=ada, request=PageRequest(limit=2))
    assert [b.title for b in page.items] == ["book 2", "book 1"] and page.next_after
    reading = books.list_books(uow, user=ada, request=PageRequest(), status="reading")
    assert [b.title for b in reading.items] == ["book 2", "book 0"]


def test_an_unknown_book_is_not_found(uow, clock, ada):
    with pytest.raises(NotFound):
        books.update_book(uow, clock, user=ada, book_id=uuid4(), changes={})
