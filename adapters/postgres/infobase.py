"""Postgres infobase entries and their full-text search.

`search_vector` is a generated column (title weight A, content weight B, `english`), GIN
indexed. A search is `search_vector @@ websearch_to_tsquery('english', :q)` — which accepts
any text — ranked by `ts_rank_cd` scaled to a whole number (`score`), so that the keyset
(score, id) compares exactly and travels in a cursor. Tags filter with `tags @> ARRAY[:tag]`
(GIN indexed too). Statements are built once with bind parameters.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

from adapters.postgres.schema import infobase_entries
from domain.notes import InfobaseEntry, Ranked
from ports.outbound.infobase import InfobaseRepository

e = infobase_entries.c
SCALE = 1_000_000
_COLUMNS = [e.id, e.user_id, e.title, e.content, e.tags, e.created_at, e.updated_at]
_OWNER = e.user_id == sa.bindparam("u")
_OWNED = sa.and_(e.id == sa.bindparam("eid"), _OWNER)
_TAG = e.tags.op("@>")(sa.bindparam("tags", type_=ARRAY(sa.Text())))

INSERT = infobase_entries.insert().values(
    id=sa.bindparam("eid"), user_id=sa.bindparam("u"), title=sa.bindparam("b_title"),
    content=sa.bindparam("b_content"), tags=sa.bindparam("b_tags", type_=ARRAY(sa.Text())),
    created_at=sa.bindparam("b_created"), updated_at=sa.bindparam("b_updated"))
GET_OWNED = sa.select(*_COLUMNS).where(_OWNED)
LOCK_OWNED = GET_OWNED.with_for_update()
SAVE = infobase_entries.update().where(_OWNED).values(
    title=sa.bindparam("b_title"), content=sa.bindparam("b_content"),
    tags=sa.bindparam("b_tags", type_=ARRAY(sa.Text())), updated_at=sa.bindparam("b_updated"))
DELETE_OWNED = infobase_entries.delete().where(_OWNED).returning(e.id)

_AFTER = sa.tuple_(e.created_at, e.id) < sa.tuple_(sa.bindparam("after_t", type_=e.created_at.type),
                                                   sa.bindparam("after_id", type_=e.id.type))
PAGES = {  # (after a cursor?, one tag?) → statement
    (after, tag): sa.select(*_COLUMNS).where(_OWNER, *([_AFTER] if after else []), *([_TAG] if tag else []))
    .order_by(e.created_at.desc(), e.id.desc()).limit(sa.bindparam("n"))
    for after in (False, True) for tag in (False, True)}

_QUERY = sa.func.websearch_to_tsquery(sa.literal_column("'english'::regconfig"), sa.bindparam("q", type_=sa.Text()))
_SCORE = sa.cast(sa.func.ts_rank_cd(e.search_vector, _QUERY) * sa.literal_column(f"{SCALE}::float8"),
                 sa.BigInteger()).label("score")


def _search(after: bool, tag: bool) -> sa.Select:
    hits = sa.select(*_COLUMNS, _SCORE).where(_OWNER, e.search_vector.op("@@")(_QUERY),
                                             *([_TAG] if tag else [])).subquery("hits")
    keyset = sa.tuple_(hits.c.score, hits.c.id) < sa.tuple_(sa.bindparam("after_s", type_=sa.BigInteger()),
                                                          sa.bindparam("after_id", type_=e.id.type))
    return (sa.select(hits).where(*([keyset] if after else []))
            .order_by(hits.c.score.desc(), hits.c.id.desc()).limit(sa.bindparam("n")))


SEARCHES = {(after, tag): _search(after, tag) for after in (False, True) for tag in (False, True)}


def _entry(r) -> InfobaseEntry:
    return InfobaseEntry(id=r.id, user_id=r.user_id, title=r.title, content=r.content, tags=list(r.tags),
                         created_at=r.created_at, updated_at=r.updated_at)


def _params(user_id, request, tag) -> dict:
    params = {"u": user_id, "n": request.limit + 1}
    if tag is not None:
        params["tags"] = [tag]
    return params


class PgInfobaseRepository(InfobaseRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, x):
        self.connection.execute(INSERT, {"eid": x.id, "u": x.user_id, "b_title": x.title, "b_content": x.content,
                                         "b_tags": list(x.tags), "b_created": x.created_at, "b_updated": x.updated_at})

    def get_owned(self, entry_id, user_id, *, lock=False):
        row = self.connection.execute(LOCK_OWNED if lock else GET_OWNED, {"eid": entry_id, "u": user_id}).first()
        return _entry(row) if row else None

    def save(self, x):
        self.connection.execute(SAVE, {"eid": x.id, "u": x.user_id, "b_title": x.title, "b_content": x.content,
                                       "b_tags": list(x.tags), "b_updated": x.updated_at})

    def delete_owned(self, entry_id, user_id):
        return self.connection.execute(DELETE_OWNED, {"eid": entry_id, "u": user_id}).first() is not None

    def page(self, user_id, request, tag=None):
        params = _params(user_id, request, tag)
        if request.after is not None:
            params["after_t"], params["after_id"] = request.after
        statement = PAGES[(request.after is not None, tag is not None)]
        return [_entry(r) for r in self.connection.execute(statement, params)]

    def search(self, user_id, text, request, tag=None):
        params = {**_params(user_id, request, tag), "q": text}
        if request.after is not None:
            params["after_s"], params["after_id"] = request.after
        statement = SEARCHES[(request.after is not None, tag is not None)]
        return [Ranked(r.score, _entry(r)) for r in self.connection.execute(statement, params)]
