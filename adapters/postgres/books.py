"""Postgres books and reading sessions; statements built once with bind parameters."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.goals import RECORDED
from adapters.postgres.nested import split, with_children
from adapters.postgres.schema import books, reading_sessions
from domain.books import Book, ReadingSession
from ports.outbound.books import BookRepository

b, r = books.c, reading_sessions.c
_FIELDS = ("title", "author", "total_pages", "current_page", "status", "rating", "notes", "started_on",
           "finished_on", "updated_at")
_OWNER = b.user_id == sa.bindparam("u")
_BOOK = sa.select(b.id, b.user_id, b.created_at, *(b[name] for name in _FIELDS))
GET_OWNED = _BOOK.where(b.id == sa.bindparam("bid"), _OWNER)
LOCK_OWNED = GET_OWNED.with_for_update()
_STATE = {name: sa.bindparam(f"b_{name}") for name in _FIELDS}
INSERT = books.insert().values(id=sa.bindparam("bid"), user_id=sa.bindparam("u"),
                               created_at=sa.bindparam("b_created_at"), **_STATE)
UPDATE = books.update().where(b.id == sa.bindparam("bid"), _OWNER).values(**_STATE)
DELETE = books.delete().where(b.id == sa.bindparam("bid"), _OWNER).returning(b.id)
_AFTER = sa.tuple_(b.created_at, b.id) < sa.tuple_(sa.bindparam("after_t", type_=b.created_at.type),
                                                   sa.bindparam("after_id", type_=b.id.type))
_STATUS = b.status == sa.bindparam("status")
PAGES = {(after, status): _BOOK.where(_OWNER, *([_AFTER] if after else []), *([_STATUS] if status else []))
         .order_by(b.created_at.desc(), b.id.desc()).limit(sa.bindparam("n"))
         for after in (False, True) for status in (False, True)}
_SESSION_COLUMNS = ("id", "book_id", "user_id", "started_at", "minutes", "pages_read", "start_page", "end_page",
                    "notes", "created_at")
INSERT_SESSION = reading_sessions.insert()
_SESSION_AFTER = sa.tuple_(r.started_at, r.id) < sa.tuple_(sa.bindparam("after_t", type_=r.started_at.type),
                                                           sa.bindparam("after_id", type_=r.id.type))


def _session_page(after: bool):
    """A page of one book's sessions: the owner check and the page in one statement."""
    def sessions(book: sa.Subquery) -> sa.Select:
        return (sa.select(*(r[name] for name in _SESSION_COLUMNS))
                .where(r.book_id == book.c.id, r.user_id == book.c.user_id, *([_SESSION_AFTER] if after else []))
                .order_by(r.started_at.desc(), r.id.desc()).limit(sa.bindparam("n")))
    return with_children(sa.select(b.id, b.user_id).where(b.id == sa.bindparam("bid"), _OWNER), sessions,
                         lambda book, session: (session.c.started_at.desc(), session.c.id.desc()))


SESSION_PAGES = {after: _session_page(after) for after in (False, True)}


def _book(row) -> Book:
    return Book(**row._mapping)


def _state(book: Book) -> dict:
    return {"bid": book.id, "u": book.user_id, **{f"b_{name}": getattr(book, name) for name in _FIELDS}}


def _after(params: dict, request) -> dict:
    if request.after is not None:
        params["after_t"], params["after_id"] = request.after
    return params


class PgBookRepository(BookRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, book):
        self.connection.execute(INSERT, {**_state(book), "b_created_at": book.created_at})

    def get_owned(self, book_id, user_id, *, lock=False):
        row = self.connection.execute(LOCK_OWNED if lock else GET_OWNED, {"bid": book_id, "u": user_id}).first()
        return _book(row) if row else None

    def save(self, book):
        self.connection.execute(UPDATE, _state(book))

    def delete_owned(self, book_id, user_id):
        return self.connection.execute(DELETE, {"bid": book_id, "u": user_id}).first() is not None

    def page(self, user_id, request, status=None):
        params = _after({"u": user_id, "n": request.limit + 1}, request)
        if status is not None:
            params["status"] = status
        statement = PAGES[(request.after is not None, status is not None)]
        return [_book(row) for row in self.connection.execute(statement, params)]

    def add_session(self, session):
        self.connection.execute(INSERT_SESSION, {name: getattr(session, name) for name in _SESSION_COLUMNS})

    def sessions_page(self, book_id, user_id, request):
        params = _after({"bid": book_id, "u": user_id, "n": request.limit + 1}, request)
        found = split(self.connection.execute(SESSION_PAGES[request.after is not None], params))
        return [ReadingSession(**session) for session in found[0][1]] if found else None

    def recorded(self, user_id, event_type, subject_id):
        return self.connection.execute(RECORDED, {"u": user_id, "t": event_type, "s": str(subject_id)}).scalar_one()
