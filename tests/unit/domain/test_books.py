"""Books as rules: the bookmark, statuses and their dates, reading sessions, and what counts."""
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.books import BOOK_FINISHED, READING_LOGGED, Book, placed_at
from domain.days import UserDay
from domain.errors import InvalidInput

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)
TODAY = date(2026, 3, 4)
UTC = UserDay()


def a_book(**fields) -> Book:
    book, _ = Book.create(uuid4(), {"title": "Dune", **fields}, NOW, TODAY)
    return book


def types(counted) -> list[str]:
    return [c.type for c in counted]


def log(book, **kw):
    kw.setdefault("minutes", 30)
    return book.log(UTC, NOW, on=kw.pop("on", None), **kw)


def test_a_new_book_is_want_to_read_at_page_zero():
    book, counted = Book.create(uuid4(), {"title": "Dune", "author": "Frank Herbert", "total_pages": 412}, NOW, TODAY)
    assert (book.status, book.current_page, book.total_pages, book.author, counted) == \
        ("want_to_read", 0, 412, "Frank Herbert", [])
    assert (book.started_on, book.finished_on, book.created_at, book.updated_at) == (None, None, NOW, NOW)


@pytest.mark.parametrize("fields", [
    {"title": ""}, {"title": "  "}, {"title": "x" * 201}, {"author": ""}, {"notes": "x" * 20_001},
    {"total_pages": 0}, {"total_pages": 100_001}, {"rating": 0}, {"rating": 6}, {"rating": True},
    {"status": "lost"}, {"current_page": -1}, {"total_pages": 10, "current_page": 11},
])
def test_out_of_range_fields_are_refused(fields):
    with pytest.raises(InvalidInput):
        a_book(**fields)


def test_a_book_added_as_reading_starts_today_and_one_added_as_finished_counts():
    assert a_book(status="reading").started_on == TODAY
    book, counted = Book.create(uuid4(), {"title": "Dune", "status": "finished", "total_pages": 300}, NOW, TODAY)
    assert (book.finished_on, book.current_page, types(counted)) == (TODAY, 300, [BOOK_FINISHED])


def test_finishing_by_patch_fills_the_finish_date_and_the_bookmark_and_counts():
    book = a_book(total_pages=300, status="reading")
    counted = book.update({"status": "finished"}, NOW, TODAY)
    assert (book.status, book.finished_on, book.current_page) == ("finished", TODAY, 300)
    assert [(c.type, c.subject_id, c.metrics) for c in counted] == [(BOOK_FINISHED, book.id, {"books_finished": 1})]


def test_dates_given_with_the_status_win_over_the_defaults():
    book = a_book(total_pages=300)
    book.update({"status": "finished", "finished_on": date(2026, 2, 1), "current_page": 120}, NOW, TODAY)
    assert (book.finished_on, book.current_page) == (date(2026, 2, 1), 120)


def test_finishing_a_finished_book_again_counts_nothing():
    book = a_book(status="finished")
    assert book.update({"status": "finished", "rating": 5}, NOW, TODAY) == [] and book.rating == 5


def test_reopening_then_finishing_reports_it_again_for_the_feed_to_dedupe():
    book = a_book(status="finished")
    assert book.update({"status": "reading"}, NOW, TODAY) == []
    assert types(book.update({"status": "finished"}, NOW, TODAY)) == [BOOK_FINISHED]


def test_finishing_before_starting_is_refused_and_changes_nothing():
    book = a_book(started_on=date(2026, 3, 1))
    with pytest.raises(InvalidInput) as error:
        book.update({"finished_on": date(2026, 2, 1), "rating": 4}, NOW, TODAY)
    assert "finished_on" in error.value.details["fields"] and book.rating is None and book.finished_on is None


def test_a_shorter_total_pulls_the_bookmark_inside_the_book():
    book = a_book(total_pages=500, current_page=400)
    book.update({"total_pages": 300}, NOW, TODAY)
    assert book.current_page == 300


def test_years_one_and_9999_are_plain_dates():
    book = a_book(started_on=date(1, 1, 1), finished_on=date(9999, 12, 31))
    assert (book.started_on, book.finished_on) == (date(1, 1, 1), date(9999, 12, 31))


def test_a_session_with_pages_moves_the_bookmark_and_starts_the_book():
    book = a_book(total_pages=300)
    session, counted = log(book, pages=40, minutes=25, notes="Good")
    assert (book.current_page, book.status, book.started_on) == (40, "reading", TODAY)
    assert (session.pages_read, session.minutes, session.book_id, session.started_at, session.notes) == \
        (40, 25, book.id, NOW, "Good")
    assert [(c.type, c.metrics, c.local_date, c.once) for c in counted] == \
        [(READING_LOGGED, {"pages_read": 40, "reading_minutes": 25}, TODAY, False)]


def test_bookmarks_give_the_pages_read_and_never_move_the_bookmark_back():
    book = a_book(total_pages=300, current_page=100)
    session, _ = log(book, start_page=100, end_page=130)
    assert (session.pages_read, book.current_page) == (30, 130)
    log(book, start_page=10, end_page=20)  # re-reading an early chapter
    assert book.current_page == 130


def test_the_bookmark_never_passes_the_last_page_and_reaching_it_finishes_the_book_once():
    book = a_book(total_pages=100, current_page=90, status="reading")
    _, counted = log(book, pages=50, on=TODAY - timedelta(days=2))
    assert (book.current_page, book.status, book.finished_on) == (100, "finished", TODAY - timedelta(days=2))
    assert [(c.type, c.local_date) for c in counted] == [(READING_LOGGED, TODAY - timedelta(days=2)),
                                                        (BOOK_FINISHED, TODAY - timedelta(days=2))]
    assert types(log(book, pages=5)[1]) == [READING_LOGGED]


def test_a_book_without_a_total_is_never_finished_by_reading():
    book = a_book()
    log(book, pages=5000)
    assert (book.current_page, book.status) == (5000, "reading")


@pytest.mark.parametrize("kw, field", [
    ({"pages": 5, "start_page": 1, "end_page": 6}, "pages"), ({"start_page": 3}, "end_page"),
    ({"end_page": 3}, "start_page"), ({"start_page": 9, "end_page": 3}, "end_page"),
    ({"pages": 301}, "pages"), ({"start_page": 0, "end_page": 301}, "end_page"),
    ({"minutes": 1441}, "minutes"), ({"minutes": -1}, "minutes"), ({"pages": -3}, "pages"),
    ({"minutes": 0, "pages": 0}, "minutes"), ({"pages": 1, "notes": "x" * 20_001}, "notes"),
    ({"pages": 1, "on": TODAY + timedelta(days=1)}, "date"), ({"pages": 1, "on": TODAY - timedelta(days=8)}, "date"),
])
def test_a_session_that_makes_no_sense_is_refused_and_changes_nothing(kw, field):
    book = a_book(total_pages=300, current_page=10)
    with pytest.raises(InvalidInput) as error:
        log(book, **kw)
    assert field in error.value.details["fields"] and (book.current_page, book.status) == (10, "want_to_read")


def test_a_session_may_be_dated_up_to_seven_days_back():
    session, counted = log(a_book(), pages=3, on=TODAY - timedelta(days=7))
    assert counted[0].local_date == TODAY - timedelta(days=7) and session.view(UTC).date == TODAY - timedelta(days=7)


def test_a_backdated_session_sits_in_the_middle_of_its_day_in_the_users_zone():
    berlin = UserDay("Europe/Berlin", day_start_hour=4)
    at = placed_at(berlin, date(2026, 3, 2), NOW)
    assert at == datetime(2026, 3, 2, 15, 0, tzinfo=timezone.utc) and berlin.local_date(at) == date(2026, 3, 2)
    assert placed_at(berlin, berlin.local_date(NOW), NOW) == NOW


def test_an_abandoned_book_picked_up_again_is_being_read_and_keeps_its_start():
    book = a_book(status="abandoned", started_on=date(2025, 1, 1))
    log(book, pages=3)
    assert (book.status, book.started_on) == ("reading", date(2025, 1, 1))
