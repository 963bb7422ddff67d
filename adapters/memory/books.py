"""In-memory books and reading sessions (deleting a book deletes its sessions, as the foreign key does)."""
from __future__ import annotations

from dataclasses import replace

from adapters.memory.goals import recorded_in
from ports.outbound.books import BookRepository


class InMemoryBookRepository(BookRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["books"]
        self.sessions: dict = tables["reading_sessions"]
        self.tables = tables

    def add(self, book):
        if book.id in self.rows:
            raise ValueError("duplicate book id")
        self.rows[book.id] = replace(book)

    def get_owned(self, book_id, user_id, *, lock=False):
        book = self.rows.get(book_id)
        return replace(book) if book is not None and book.user_id == user_id else None

    def save(self, book):
        if book.id in self.rows:
            self.rows[book.id] = replace(book)

    def delete_owned(self, book_id, user_id):
        if self.get_owned(book_id, user_id) is None:
            return False
        del self.rows[book_id]
        for session_id in [s.id for s in self.sessions.values() if s.book_id == book_id]:
            del self.sessions[session_id]
        return True

    def page(self, user_id, request, status=None):
        rows = sorted((b for b in self.rows.values() if b.user_id == user_id and status in (None, b.status)),
                      key=lambda b: (b.created_at, b.id), reverse=True)
        if request.after is not None:
            rows = [b for b in rows if (b.created_at, b.id) < tuple(request.after)]
        return [replace(b) for b in rows[:request.limit + 1]]

    def add_session(self, session):
        if session.book_id not in self.rows or session.id in self.sessions:
            raise ValueError("no such book, or a duplicate session id")
        self.sessions[session.id] = replace(session)

    def sessions_page(self, book_id, user_id, request):
        if self.get_owned(book_id, user_id) is None:
            return None
        rows = sorted((s for s in self.sessions.values() if s.book_id == book_id and s.user_id == user_id),
                      key=lambda s: (s.started_at, s.id), reverse=True)
        if request.after is not None:
            rows = [s for s in rows if (s.started_at, s.id) < tuple(request.after)]
        return [replace(s) for s in rows[:request.limit + 1]]

    def recorded(self, user_id, event_type, subject_id):
        return recorded_in(self.tables, user_id, event_type, subject_id)
