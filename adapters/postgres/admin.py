"""Postgres admin console storage: the user directory, the five content tables, the stats.

Statements are built once with bind parameters. A user's detail and the stats are one round
trip each (scalar subqueries). Content rows are locked (`FOR UPDATE`) before a change, so the
history counted on a delete is exact: a new child row would need the parent's key-share lock.
"""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema import (accounts, achievement_definitions, feedback, focus_sessions, learn_lessons,
                                      learn_topics, market_items, sessions, universal_quests, user_achievements,
                                      user_lesson_progress, user_purchases, user_quest_progress, user_wallet, users)
from domain.admin import OPEN_FEEDBACK, Stats, UserDetail, UserSummary
from domain.admin_content import KINDS, ContentRow
from ports.outbound.admin import AdminStats, AdminUserDirectory, ContentStore

u = users.c
_LIVE = u.deleted_at.is_(None)
_SUMMARY = [u.id, u.email, u.email_verified, u.name, u.role, u.disabled, u.created_at]
_MATCH = sa.or_(u.email.ilike(sa.bindparam("pattern"), escape="\\"), u.name.ilike(sa.bindparam("pattern"), escape="\\"))
_ROLE = u.role == sa.bindparam("role")
_AFTER = sa.tuple_(u.created_at, u.id) < sa.tuple_(sa.bindparam("after_t", type_=u.created_at.type),
                                                   sa.bindparam("after_id", type_=u.id.type))
SEARCHES = {  # (q?, role?, after a cursor?) → statement
    (q, role, after): sa.select(*_SUMMARY).where(_LIVE, *([_MATCH] if q else []), *([_ROLE] if role else []),
                                                 *([_AFTER] if after else []))
    .order_by(u.created_at.desc(), u.id.desc()).limit(sa.bindparam("n"))
    for q in (False, True) for role in (False, True) for after in (False, True)}
_OWN = sessions.c.user_id == u.id
DETAIL = sa.select(
    *_SUMMARY, u.role_source,
    sa.func.coalesce(user_wallet.c.balance, 0).label("balance"), sa.func.coalesce(user_wallet.c.xp, 0).label("xp"),
    sa.select(sa.func.array_agg(sa.distinct(accounts.c.provider))).where(accounts.c.user_id == u.id)
    .scalar_subquery().label("providers"),
    sa.select(sa.func.count()).select_from(sessions).where(_OWN, sessions.c.expires_at > sa.bindparam("now"))
    .scalar_subquery().label("sessions_active"),
    sa.select(sa.func.max(sessions.c.last_active_at)).where(_OWN).scalar_subquery().label("last_active_at"),
).select_from(users.outerjoin(user_wallet, user_wallet.c.user_id == u.id)).where(u.id == sa.bindparam("id"), _LIVE)
LOCK = sa.select(u.id).where(u.id == sa.bindparam("id"), _LIVE).with_for_update()
SET_ACCESS = users.update().where(u.id == sa.bindparam("uid")).values(
    role=sa.bindparam("b_role"), role_source=sa.bindparam("b_role_source"), disabled=sa.bindparam("b_disabled"))
END_SESSIONS = sessions.delete().where(sessions.c.user_id == sa.bindparam("id")).returning(sessions.c.id)


def _escaped(q: str) -> str:
    """A LIKE pattern that matches `q` literally anywhere."""
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class PgAdminUserDirectory(AdminUserDirectory):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def search(self, request, *, q=None, role=None):
        params = {"n": request.limit + 1, "pattern": _escaped(q) if q else None, "role": role}
        if request.after is not None:
            params["after_t"], params["after_id"] = request.after
        statement = SEARCHES[(bool(q), role is not None, request.after is not None)]
        return [UserSummary(**row._mapping) for row in self.connection.execute(statement, params)]

    def detail(self, user_id, now):
        row = self.connection.execute(DETAIL, {"id": user_id, "now": now}).first()
        if row is None:
            return None
        m = dict(row._mapping)
        return UserDetail(**{**m, "providers": tuple(sorted(m["providers"] or ()))})

    def lock(self, user_id):
        return self.connection.execute(LOCK, {"id": user_id}).first() is not None

    def set_access(self, user_id, *, role, role_source, disabled):
        self.connection.execute(SET_ACCESS, {"uid": user_id, "b_role": role, "b_role_source": role_source,
                                             "b_disabled": disabled})

    def end_sessions(self, user_id):
        return len(self.connection.execute(END_SESSIONS, {"id": user_id}).all())


TABLES = {"quest": universal_quests, "achievement": achievement_definitions, "market_item": market_items,
          "learn_topic": learn_topics, "learn_lesson": learn_lessons}
_SCOPE = {"market_item": [market_items.c.user_id.is_(None)]}  # the catalog, never a user's own reward


def _statements(kind: str, t: sa.Table) -> dict:
    scope, names = _SCOPE.get(kind, []), KINDS[kind].fields
    select = sa.select(t.c.id, t.c.key, t.c.created_at, t.c.updated_at, *(t.c[n] for n in names))
    one = select.where(t.c.id == sa.bindparam("id"), *scope)
    after = sa.tuple_(t.c.created_at, t.c.id) < sa.tuple_(sa.bindparam("after_t", type_=t.c.created_at.type),
                                                          sa.bindparam("after_id", type_=t.c.id.type))
    topic = [t.c.topic_id == sa.bindparam("topic_id")] if "topic_id" in t.c else []
    pages = {(a, tp): select.where(*scope, *([after] if a else []), *(topic if tp else []))
             .order_by(t.c.created_at.desc(), t.c.id.desc()).limit(sa.bindparam("n"))
             for a in (False, True) for tp in (False, True)}
    update = t.update().where(t.c.id == sa.bindparam("rid"), *scope).values(
        {**{n: sa.bindparam(f"b_{n}") for n in names}, "updated_at": sa.bindparam("b_updated_at")})
    return {"get": one, "lock": one.with_for_update(), "pages": pages, "update": update,
            "delete": t.delete().where(t.c.id == sa.bindparam("id"), *scope).returning(t.c.id)}


STATEMENTS = {kind: _statements(kind, table) for kind, table in TABLES.items()}


def _count(table: sa.Table, column: str, label: str):
    return sa.select(sa.func.count().label(label)).select_from(table).where(table.c[column] == sa.bindparam("id"))


_lessons = sa.select(learn_lessons.c.id).where(learn_lessons.c.topic_id == sa.bindparam("id"))
HISTORY = {  # what a delete takes with it (cascades) or leaves behind detached (SET NULL)
    "quest": _count(user_quest_progress, "quest_id", "user_quest_progress"),
    "achievement": _count(user_achievements, "achievement_id", "user_achievements"),
    "market_item": _count(user_purchases, "item_id", "user_purchases_detached"),
    "learn_lesson": _count(user_lesson_progress, "lesson_id", "user_lesson_progress"),
    "learn_topic": sa.select(
        sa.select(sa.func.count()).where(learn_lessons.c.topic_id == sa.bindparam("id"))
        .scalar_subquery().label("learn_lessons"),
        sa.select(sa.func.count()).where(user_lesson_progress.c.lesson_id.in_(_lessons))
        .scalar_subquery().label("user_lesson_progress")),
}


def _row(kind: str, r) -> ContentRow:
    m = r._mapping
    return ContentRow(kind=kind, id=m["id"], values={n: m[n] for n in KINDS[kind].fields}, key=m["key"],
                      created_at=m["created_at"], updated_at=m["updated_at"])


class PgContentStore(ContentStore):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def page(self, kind, request, *, topic_id=None):
        params = {"n": request.limit + 1, "topic_id": topic_id}
        if request.after is not None:
            params["after_t"], params["after_id"] = request.after
        statement = STATEMENTS[kind]["pages"][(request.after is not None, topic_id is not None)]
        return [_row(kind, r) for r in self.connection.execute(statement, params)]

    def get(self, kind, row_id, *, lock=False):
        row = self.connection.execute(STATEMENTS[kind]["lock" if lock else "get"], {"id": row_id}).first()
        return _row(kind, row) if row else None

    def add(self, row):
        self.connection.execute(TABLES[row.kind].insert().values(
            id=row.id, key=row.key, created_at=row.created_at, updated_at=row.updated_at, **row.values))

    def save(self, row):
        self.connection.execute(STATEMENTS[row.kind]["update"], {
            "rid": row.id, "b_updated_at": row.updated_at, **{f"b_{k}": v for k, v in row.values.items()}})

    def delete(self, kind, row_id):
        if self.get(kind, row_id, lock=True) is None:
            return {}
        history = dict(self.connection.execute(HISTORY[kind], {"id": row_id}).one()._mapping)
        self.connection.execute(STATEMENTS[kind]["delete"], {"id": row_id}).first()
        return history


_SINCE = sa.bindparam("since")
_users = sa.select(sa.func.count()).select_from(users).where(_LIVE)
STATS = sa.select(
    _users.scalar_subquery().label("users_total"),
    _users.where(u.created_at >= _SINCE).scalar_subquery().label("users_new_7d"),
    sa.select(sa.func.count(sa.distinct(sessions.c.user_id))).where(sessions.c.last_active_at >= _SINCE)
    .scalar_subquery().label("users_active_7d"),
    sa.select(sa.func.count()).select_from(focus_sessions).where(
        focus_sessions.c.mode == "focus", focus_sessions.c.status == "completed",
        focus_sessions.c.completed_at >= _SINCE).scalar_subquery().label("focus_sessions_completed_7d"),
    sa.select(sa.func.coalesce(sa.func.sum(user_wallet.c.balance), 0)).scalar_subquery()
    .label("points_in_circulation"),
    sa.select(sa.func.count()).select_from(user_purchases).where(user_purchases.c.created_at >= _SINCE)
    .scalar_subquery().label("purchases_7d"),
    sa.select(sa.func.count()).select_from(feedback).where(feedback.c.status.in_(OPEN_FEEDBACK))
    .scalar_subquery().label("feedback_open"))


class PgAdminStats(AdminStats):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def collect(self, since):
        row = self.connection.execute(STATS, {"since": since}).one()
        return Stats(**{k: int(v) for k, v in row._mapping.items()})
