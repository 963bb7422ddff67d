"""Postgres user quests."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema import quests
from domain.quests import UserQuest
from ports.outbound.quests import UserQuestRepository

_COLUMNS = [quests.c.id, quests.c.user_id, quests.c.title, quests.c.description, quests.c.target, quests.c.progress,
            quests.c.due_date, quests.c.status, quests.c.reward_xp, quests.c.completed_at, quests.c.created_at]
_OWNED = sa.and_(quests.c.id == sa.bindparam("id"), quests.c.user_id == sa.bindparam("u"))
_NEWEST_FIRST = (quests.c.created_at.desc(), quests.c.id.desc())

GET_OWNED = sa.select(*_COLUMNS).where(_OWNED)
LOCK_OWNED = GET_OWNED.with_for_update()
SAVE = quests.update().where(quests.c.id == sa.bindparam("qid")).values(
    title=sa.bindparam("title"), description=sa.bindparam("description"), target=sa.bindparam("target"),
    progress=sa.bindparam("progress"), due_date=sa.bindparam("due_date"), status=sa.bindparam("status"),
    completed_at=sa.bindparam("completed_at"))
DELETE_OWNED = quests.delete().where(_OWNED)
FIRST_PAGE = (sa.select(*_COLUMNS).where(quests.c.user_id == sa.bindparam("u"))
              .order_by(*_NEWEST_FIRST).limit(sa.bindparam("n")))
NEXT_PAGE = (sa.select(*_COLUMNS).where(quests.c.user_id == sa.bindparam("u"),
                                        sa.tuple_(quests.c.created_at, quests.c.id)
                                        < sa.tuple_(sa.bindparam("at", type_=quests.c.created_at.type),
                                                    sa.bindparam("after", type_=quests.c.id.type)))
             .order_by(*_NEWEST_FIRST).limit(sa.bindparam("n")))


def _quest(r) -> UserQuest:
    return UserQuest(id=r.id, user_id=r.user_id, title=r.title, target=r.target, description=r.description,
                     progress=r.progress, due_date=r.due_date, status=r.status, reward_xp=r.reward_xp,
                     completed_at=r.completed_at, created_at=r.created_at)


class PgUserQuestRepository(UserQuestRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, q):
        self.connection.execute(quests.insert().values(
            id=q.id, user_id=q.user_id, title=q.title, description=q.description, target=q.target,
            progress=q.progress, due_date=q.due_date, status=q.status, reward_xp=q.reward_xp,
            completed_at=q.completed_at, created_at=q.created_at or sa.func.now()))

    def get_owned(self, quest_id, user_id, *, lock=False):
        row = self.connection.execute(LOCK_OWNED if lock else GET_OWNED, {"id": quest_id, "u": user_id}).first()
        return _quest(row) if row else None

    def save(self, q):
        self.connection.execute(SAVE, {"qid": q.id, "title": q.title, "description": q.description, "target": q.target,
                                       "progress": q.progress, "due_date": q.due_date, "status": q.status,
                                       "completed_at": q.completed_at})

    def delete_owned(self, quest_id, user_id):
        return self.connection.execute(DELETE_OWNED, {"id": quest_id, "u": user_id}).rowcount == 1

    def page(self, user_id, request):
        params = {"u": user_id, "n": request.limit + 1}
        if request.after is None:
            return [_quest(r) for r in self.connection.execute(FIRST_PAGE, params)]
        at, after = request.after
        return [_quest(r) for r in self.connection.execute(NEXT_PAGE, {**params, "at": at, "after": after})]
