"""Books and the reading sessions logged against them.

`current_page` is a bookmark: the pages read so far, 0 … total_pages. A session gives either
`pages` read or the bookmarks before and after it (`start_page`, `end_page`; pages = end −
start); it moves the bookmark on (never back, never past total_pages), starts a book that was
not being read, and finishes it when the bookmark reaches total_pages. A session is dated on
one of the user's days, from BACKDATE_DAYS ago to today.

A book counts as finished (`book.finished`) the first time it reaches the status finished —
by PATCH or by a session that reaches its last page; like goals, a change reports what it
would count and the use case records it only when the feed does not hold it yet.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from uuid import UUID, uuid4

from domain.days import UserDay
from domain.errors import InvalidInput
from domain.goals import Counted

STATUSES = ("want_to_read", "reading", "finished", "abandoned")
MAX_TITLE, MAX_TEXT = 200, 20_000
MAX_PAGES, MAX_MINUTES, MAX_RATING = 100_000, 1_440, 5
BACKDATE_DAYS = 7  # like habit logs: late and offline clients, not rewriting old quest periods
BOOK_FINISHED, READING_LOGGED = "book.finished", "reading.logged"
_TEXTS = {"title": (1, MAX_TITLE), "author": (1, MAX_TITLE), "notes": (0, MAX_TEXT)}


@dataclass
class ReadingSession:
    id: UUID
    book_id: UUID
    user_id: UUID
    started_at: datetime
    minutes: int
    pages_read: int
    start_page: int | None = None
    end_page: int | None = None
    notes: str | None = None
    created_at: datetime | None = None

    def view(self, day: UserDay) -> "ReadingView":
        """The session with the user's day it is dated on."""
        return ReadingView(**vars(self), date=day.local_date(self.started_at))


@dataclass(frozen=True)
class ReadingView:
    id: UUID
    book_id: UUID
    user_id: UUID
    date: date
    started_at: datetime
    minutes: int
    pages_read: int
    start_page: int | None
    end_page: int | None
    notes: str | None
    created_at: datetime | None


@dataclass
class Book:
    id: UUID
    user_id: UUID
    title: str
    author: str | None = None
    total_pages: int | None = None
    current_page: int = 0
    status: str = "want_to_read"
    rating: int | None = None
    notes: str | None = None
    started_on: date | None = None
    finished_on: date | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @classmethod
    def create(cls, user_id: UUID, fields: dict, now: datetime, today: date) -> tuple["Book", list[Counted]]:
        """A new book from title and the optional fields; one added as finished counts as finished."""
        book = cls(id=uuid4(), user_id=user_id, title="", created_at=now, updated_at=now)
        return book, book.update({"status": "want_to_read", **fields}, now, today)

    def update(self, changes: dict, now: datetime, today: date) -> list[Counted]:
        """Apply a partial change; every value is checked before any is applied."""
        _check(changes, self.total_pages)
        draft = replace(self, **changes)
        if draft.total_pages is not None and draft.current_page > draft.total_pages:
            draft.current_page = draft.total_pages  # a shorter edition: the bookmark stays inside the book
        counted = draft._entered(draft.status, today, explicit=changes) if draft.status != self.status else []
        _check_dates(draft.started_on, draft.finished_on)
        draft.updated_at = now
        self.__dict__.update(vars(draft))
        return counted

    def log(self, day: UserDay, now: datetime, *, on: date | None, minutes: int, pages: int | None = None,
            start_page: int | None = None, end_page: int | None = None,
            notes: str | None = None) -> tuple[ReadingSession, list[Counted]]:
        """A reading session dated `on` (default today); moves the bookmark on and may start or finish the book."""
        today = day.local_date(now)
        on = today if on is None else on
        if not today - timedelta(days=BACKDATE_DAYS) <= on <= today:
            raise InvalidInput("date", f"Must be today or up to {BACKDATE_DAYS} days back.")
        read = self._pages(pages, start_page, end_page, minutes)
        _check({"notes": notes}, self.total_pages)
        session = ReadingSession(id=uuid4(), book_id=self.id, user_id=self.user_id, started_at=placed_at(day, on, now),
                                 minutes=minutes, pages_read=read, start_page=start_page, end_page=end_page,
                                 notes=notes, created_at=now)
        bookmark = self.current_page + read if end_page is None else end_page
        self.current_page = max(self.current_page, _capped(bookmark, self.total_pages))
        counted = [Counted(READING_LOGGED, "reading_session", session.id,
                           {"pages_read": read, "reading_minutes": minutes}, once=False, local_date=on)]
        if self.status in ("want_to_read", "abandoned"):
            self._set_status("reading", on)
        if self.total_pages is not None and self.current_page == self.total_pages:
            counted += self._set_status("finished", on)
        self.updated_at = now
        return session, counted

    def _pages(self, pages: int | None, start: int | None, end: int | None, minutes: int) -> int:
        if pages is not None and (start is not None or end is not None):
            raise InvalidInput("pages", "Give pages or start_page and end_page, not both.")
        if (start is None) != (end is None):
            raise InvalidInput("end_page" if end is None else "start_page", "Give start_page and end_page together.")
        if start is not None and end < start:
            raise InvalidInput("end_page", "Must not be before start_page.")
        read = end - start if start is not None else pages or 0
        if not 0 <= minutes <= MAX_MINUTES:
            raise InvalidInput("minutes", f"Must be between 0 and {MAX_MINUTES}.")
        if not 0 <= read <= MAX_PAGES or (end or 0) > MAX_PAGES:
            raise InvalidInput("pages", f"Must be between 0 and {MAX_PAGES:,}.")
        if self.total_pages is not None and max(read, end or 0) > self.total_pages:
            raise InvalidInput("end_page" if end is not None else "pages",
                               f"This book has {self.total_pages} pages.")
        if not read and not minutes:
            raise InvalidInput("minutes", "A session needs minutes or pages.")
        return read

    def _set_status(self, status: str, day: date) -> list[Counted]:
        if status == self.status:
            return []
        self.status = status
        return self._entered(status, day, explicit={})

    def _entered(self, status: str, day: date, explicit: dict) -> list[Counted]:
        """Fill in the dates a status implies (unless given); finished counts."""
        if status == "reading" and self.started_on is None and "started_on" not in explicit:
            self.started_on = day
        if status != "finished":
            return []
        if self.finished_on is None and "finished_on" not in explicit:
            self.finished_on = day
        if self.total_pages is not None and "current_page" not in explicit:
            self.current_page = self.total_pages
        return [Counted(BOOK_FINISHED, "book", self.id, {"books_finished": 1}, local_date=day)]


def placed_at(day: UserDay, on: date, now: datetime) -> datetime:
    """When a session dated `on` is placed: now for today, else the middle of that day."""
    if on == day.local_date(now):
        return now
    start, end = day.bounds(on)
    return start + (end - start) / 2


def _capped(page: int, total: int | None) -> int:
    return page if total is None else min(page, total)


def _check(changes: dict, total_pages: int | None) -> None:
    for key, (shortest, longest) in _TEXTS.items():
        value = changes.get(key)
        if (key == "title" and key in changes) or value is not None:
            if not isinstance(value, str) or len(value) > longest or (shortest and not value.strip()):
                raise InvalidInput(key, f"Must be {shortest}–{longest:,} characters.")
    if "status" in changes and changes["status"] not in STATUSES:
        raise InvalidInput("status", f"Must be one of: {', '.join(STATUSES)}.")
    _check_int(changes, "total_pages", 1, MAX_PAGES)
    _check_int(changes, "rating", 1, MAX_RATING)
    total = changes.get("total_pages", total_pages)
    _check_int(changes, "current_page", 0, MAX_PAGES if total is None else total, allow_none=False)


def _check_int(changes: dict, key: str, lowest: int, highest: int, allow_none: bool = True) -> None:
    if key not in changes or (changes[key] is None and allow_none):
        return
    value = changes[key]
    if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
        raise InvalidInput(key, f"Must be between {lowest} and {highest:,}.")


def _check_dates(started_on: date | None, finished_on: date | None) -> None:
    if started_on is not None and finished_on is not None and finished_on < started_on:
        raise InvalidInput("finished_on", "Must not be before started_on.")
