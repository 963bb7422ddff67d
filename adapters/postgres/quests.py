"""Postgres user quests, and the quest board: universal quests with their progress and a page of
the user's own, in one statement (a UNION ALL of both shapes, padded to the same columns)."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID

from adapters.postgres.metrics import event_sums, metric_total, range_params, value
from adapters.postgres.schema import quests, universal_quests, user_quest_progress
from domain.days import PERIODS
from domain.quests import QuestProgress, UniversalQuest, UserQuest
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
_AFTER = sa.tuple_(quests.c.created_at, quests.c.id) < sa.tuple_(
    sa.bindparam("at", type_=quests.c.created_at.type), sa.bindparam("after", type_=quests.c.id.type))

# --- the board
q, p = universal_quests.c, user_quest_progress.c
_U = sa.bindparam("u", type_=UUID(as_uuid=True))


_BOARD_COLUMNS = ("kind", "position", "id", "user_id", "key", "title", "description", "metric", "target", "period",
                  "reward_points", "reward_xp", "active", "sort_order", "amount", "due_date", "status", "completed_at",
                  "created_at", "p_period_key", "p_progress", "p_completed_at", "p_points_awarded", "p_xp_awarded")
_TIME = sa.DateTime(timezone=True)


def _null(kind) -> sa.ColumnElement:
    return sa.cast(sa.null(), kind)


def _board_row(*expressions) -> sa.Select:
    return sa.select(*(e.label(name) for name, e in zip(_BOARD_COLUMNS, expressions, strict=True)))


def _by_period(value_of) -> sa.Case:
    return sa.case(*((q.period == name, value_of(name)) for name in PERIODS))


_UNIVERSAL = (
    _board_row(sa.literal("universal"), sa.func.row_number().over(order_by=(q.sort_order, q.id)), q.id, _U, q.key,
               q.title, q.description, q.metric, q.target, q.period, q.reward_points, q.reward_xp, q.active,
               q.sort_order, metric_total(_U, q.metric, event_sums(_U, PERIODS),
                                          lambda sums: _by_period(lambda name: sums.c[name])),
               _null(sa.Date), _null(sa.Text), _null(_TIME), _null(_TIME),
               p.period_key, p.progress, p.completed_at, p.points_awarded, p.xp_awarded)
    .select_from(universal_quests.outerjoin(user_quest_progress, sa.and_(
        p.quest_id == q.id, p.user_id == _U,
        p.period_key == _by_period(lambda name: sa.bindparam(f"{name}_key", type_=sa.Text())))))
    .where(q.active))


def _own(after: bool) -> sa.Select:
    page = (sa.select(*_COLUMNS).where(quests.c.user_id == _U, *([_AFTER] if after else []))
            .order_by(*_NEWEST_FIRST).limit(sa.bindparam("n")).subquery("own"))
    c = page.c
    return _board_row(sa.literal("personal"), sa.func.row_number().over(order_by=(c.created_at.desc(), c.id.desc())),
                      c.id, c.user_id, _null(sa.Text), c.title, c.description, _null(sa.Text), c.target,
                      _null(sa.Text), sa.literal(0), c.reward_xp, sa.true(), sa.literal(0), c.progress, c.due_date,
                      c.status, c.completed_at, c.created_at, _null(sa.Text), _null(sa.BigInteger), _null(_TIME),
                      _null(sa.Integer), _null(sa.Integer))


def _board(universal: bool, after: bool) -> sa.Select:
    rows = (sa.union_all(_UNIVERSAL, _own(after)) if universal else _own(after)).subquery("board")
    return sa.select(rows).order_by(rows.c.kind.desc(), rows.c.position)  # "universal" first


BOARDS = {(universal, after): _board(universal, after) for universal in (False, True) for after in (False, True)}


def _quest(r) -> UserQuest:
    return UserQuest(id=r.id, user_id=r.user_id, title=r.title, target=r.target, description=r.description,
                     progress=r.progress, due_date=r.due_date, status=r.status, reward_xp=r.reward_xp,
                     completed_at=r.completed_at, created_at=r.created_at)


def _universal(r) -> tuple[UniversalQuest, int, QuestProgress | None]:
    quest = UniversalQuest(id=r.id, key=r.key, title=r.title, description=r.description, metric=r.metric,
                           target=r.target, period=r.period, reward_points=r.reward_points, reward_xp=r.reward_xp,
                           active=r.active, sort_order=r.sort_order)
    stored = None if r.p_period_key is None else QuestProgress(
        quest_id=r.id, user_id=r.user_id, period_key=r.p_period_key, progress=r.p_progress,
        completed_at=r.p_completed_at, points_awarded=r.p_points_awarded, xp_awarded=r.p_xp_awarded)
    return quest, value(r.metric, r.amount), stored


def _own_quest(r) -> UserQuest:
    return UserQuest(id=r.id, user_id=r.user_id, title=r.title, target=r.target, description=r.description,
                     progress=r.amount, due_date=r.due_date, status=r.status, reward_xp=r.reward_xp,
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

    def board(self, user_id, request, periods):
        params = {"u": user_id, "n": request.limit + 1}
        if request.after is not None:
            params["at"], params["after"] = request.after
        for name, (key, dates) in (periods or {}).items():
            params.update({f"{name}_key": key, **range_params(name, dates)})
        rows = self.connection.execute(BOARDS[(periods is not None, request.after is not None)], params).all()
        return ([_universal(r) for r in rows if r.kind == "universal"],
                [_own_quest(r) for r in rows if r.kind == "personal"])
