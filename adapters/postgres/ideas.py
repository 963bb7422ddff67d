"""Postgres ideas: pinned first, then newest, keyed by (pinned, created_at, id) descending.

Statements are built once with bind parameters; tags filter with `tags @> ARRAY[:tag]`.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

from adapters.postgres.schema import ideas
from domain.notes import Idea
from ports.outbound.ideas import IdeaRepository

i = ideas.c
_COLUMNS = [i.id, i.user_id, i.title, i.body, i.tags, i.pinned, i.created_at, i.updated_at]
_OWNER = i.user_id == sa.bindparam("u")
_OWNED = sa.and_(i.id == sa.bindparam("iid"), _OWNER)
_TAGS = ARRAY(sa.Text())
_TAG = i.tags.op("@>")(sa.bindparam("tags", type_=_TAGS))
_STATE = {"title": sa.bindparam("b_title"), "body": sa.bindparam("b_body"),
          "tags": sa.bindparam("b_tags", type_=_TAGS), "pinned": sa.bindparam("b_pinned"),
          "updated_at": sa.bindparam("b_updated")}

INSERT = ideas.insert().values(id=sa.bindparam("iid"), user_id=sa.bindparam("u"),
                               created_at=sa.bindparam("b_created"), **_STATE)
GET_OWNED = sa.select(*_COLUMNS).where(_OWNED)
LOCK_OWNED = GET_OWNED.with_for_update()
SAVE = ideas.update().where(_OWNED).values(**_STATE)
DELETE_OWNED = ideas.delete().where(_OWNED).returning(i.id)
_AFTER = sa.tuple_(i.pinned, i.created_at, i.id) < sa.tuple_(
    sa.bindparam("after_p", type_=sa.Boolean()), sa.bindparam("after_t", type_=i.created_at.type),
    sa.bindparam("after_id", type_=i.id.type))
PAGES = {  # (after a cursor?, one tag?) → statement
    (after, tag): sa.select(*_COLUMNS).where(_OWNER, *([_AFTER] if after else []), *([_TAG] if tag else []))
    .order_by(i.pinned.desc(), i.created_at.desc(), i.id.desc()).limit(sa.bindparam("n"))
    for after in (False, True) for tag in (False, True)}


def _idea(r) -> Idea:
    return Idea(id=r.id, user_id=r.user_id, title=r.title, body=r.body, tags=list(r.tags), pinned=r.pinned,
                created_at=r.created_at, updated_at=r.updated_at)


def _state(x: Idea) -> dict:
    return {"iid": x.id, "u": x.user_id, "b_title": x.title, "b_body": x.body, "b_tags": list(x.tags),
            "b_pinned": x.pinned, "b_updated": x.updated_at}


class PgIdeaRepository(IdeaRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, x):
        self.connection.execute(INSERT, {**_state(x), "b_created": x.created_at})

    def get_owned(self, idea_id, user_id, *, lock=False):
        row = self.connection.execute(LOCK_OWNED if lock else GET_OWNED, {"iid": idea_id, "u": user_id}).first()
        return _idea(row) if row else None

    def save(self, x):
        self.connection.execute(SAVE, _state(x))

    def delete_owned(self, idea_id, user_id):
        return self.connection.execute(DELETE_OWNED, {"iid": idea_id, "u": user_id}).first() is not None

    def page(self, user_id, request, tag=None):
        params = {"u": user_id, "n": request.limit + 1}
        if tag is not None:
            params["tags"] = [tag]
        if request.after is not None:
            pinned, params["after_t"], params["after_id"] = request.after
            params["after_p"] = bool(pinned)
        statement = PAGES[(request.after is not None, tag is not None)]
        return [_idea(r) for r in self.connection.execute(statement, params)]
