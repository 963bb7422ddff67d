"""Postgres habits (`habits`), their logs (`habit_logs`) and cached streaks (`user_streaks`).

Statements are built once with bind parameters. Lists join the cached streak and the day's
log to each habit in one query. Every statement names the owner.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, UUID, insert

from adapters.postgres.nested import split, with_children
from adapters.postgres.schema import activity_events, habit_logs, habits, user_streaks
from domain.habits import Habit, HabitLog
from domain.streaks import Streak, Vacation
from ports.outbound.habits import HabitLogRepository, HabitRecord, HabitRepository

h, hl, us = habits.c, habit_logs.c, user_streaks.c
_OWNER = h.user_id == sa.bindparam("u")
_HABIT = [h.id, h.user_id, h.title, h.description, h.frequency, h.days, h.times, h.color, h.icon, h.archived,
          h.created_at, h.updated_at]
_LOG = [hl.id, hl.habit_id, hl.user_id, hl.local_date, hl.status, hl.count, hl.points_awarded, hl.created_at,
        hl.updated_at]
_RECORD = sa.select(
    *_HABIT, us.current_streak, us.longest_streak, us.last_date,
    *(c.label(f"log_{c.name}") for c in _LOG),
).select_from(
    habits.outerjoin(user_streaks, sa.and_(us.habit_id == h.id, us.kind == "habit"))
    .outerjoin(habit_logs, sa.and_(hl.habit_id == h.id, hl.local_date == sa.bindparam("day"))))

GET_OWNED = sa.select(*_HABIT).where(h.id == sa.bindparam("hid"), _OWNER)
LOCK_OWNED = GET_OWNED.with_for_update()
ALL = sa.select(*_HABIT).where(_OWNER).order_by(h.created_at, h.id)
RECORD = _RECORD.where(h.id == sa.bindparam("hid"), _OWNER)
_OLDEST_FIRST = (h.created_at, h.id)
_AFTER = sa.tuple_(h.created_at, h.id) > sa.tuple_(sa.bindparam("at", type_=h.created_at.type),
                                                   sa.bindparam("after", type_=h.id.type))
PAGES = {after: _RECORD.where(_OWNER, h.archived == sa.bindparam("archived"), *([_AFTER] if after else []))
         .order_by(*_OLDEST_FIRST).limit(sa.bindparam("n")) for after in (False, True)}
_EDITABLE = {name: sa.bindparam(f"b_{name}") for name in (
    "title", "description", "frequency", "days", "times", "color", "icon", "archived")}
INSERT = habits.insert().values(id=sa.bindparam("hid"), user_id=sa.bindparam("u"),
                                created_at=sa.bindparam("b_created_at"), updated_at=sa.bindparam("b_updated_at"),
                                **_EDITABLE)
UPDATE = habits.update().where(h.id == sa.bindparam("hid"), _OWNER).values(
    updated_at=sa.bindparam("b_updated_at"), **_EDITABLE)
DELETE_OWNED = habits.delete().where(h.id == sa.bindparam("hid"), _OWNER).returning(h.id)

ENSURE_ACCOUNT_STREAK = insert(user_streaks).values(user_id=sa.bindparam("u"), kind="habits") \
    .on_conflict_do_nothing(constraint="uq_user_streaks_user_id_kind_habit_id")
LOCK_ACCOUNT_STREAK = sa.select(us.id).where(us.user_id == sa.bindparam("u"), us.kind == "habits",
                                             us.habit_id.is_(None)).with_for_update()
_UPSERT = insert(user_streaks).values(
    user_id=sa.bindparam("u"), kind=sa.bindparam("kind"), habit_id=sa.bindparam("hid", type_=UUID(as_uuid=True)),
    current_streak=sa.bindparam("current"), longest_streak=sa.bindparam("longest"),
    last_date=sa.bindparam("last", type_=sa.Date()), computed_at=sa.bindparam("now"))
SAVE_STREAK = _UPSERT.on_conflict_do_update(
    constraint="uq_user_streaks_user_id_kind_habit_id",
    set_={"current_streak": _UPSERT.excluded.current_streak, "longest_streak": _UPSERT.excluded.longest_streak,
          "last_date": _UPSERT.excluded.last_date, "computed_at": _UPSERT.excluded.computed_at})
VACATIONS_TAKEN = sa.select(activity_events.c.data).where(
    activity_events.c.user_id == sa.bindparam("u"), activity_events.c.event_type == "vacation.taken")


def _habit(row) -> Habit:
    return Habit(id=row.id, user_id=row.user_id, title=row.title, frequency=row.frequency,
                 days=tuple(row.days) if row.days is not None else None, times=row.times,
                 description=row.description, color=row.color, icon=row.icon, archived=row.archived,
                 created_at=row.created_at, updated_at=row.updated_at)


def _record(row) -> HabitRecord:
    m = row._mapping
    streak = Streak("habit", m["current_streak"] or 0, m["longest_streak"] or 0, m["last_date"], row.id)
    log = None
    if m["log_id"] is not None:
        log = HabitLog(id=m["log_id"], habit_id=m["log_habit_id"], user_id=m["log_user_id"],
                       date=m["log_local_date"], status=m["log_status"], count=m["log_count"],
                       points_awarded=m["log_points_awarded"], created_at=m["log_created_at"],
                       updated_at=m["log_updated_at"])
    return HabitRecord(_habit(row), streak, log)


def _fields(habit: Habit) -> dict:
    return {"hid": habit.id, "u": habit.user_id, "b_updated_at": habit.updated_at,
            **{f"b_{name}": getattr(habit, name) for name in _EDITABLE},
            "b_days": list(habit.days) if habit.days is not None else None}


class PgHabitRepository(HabitRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, habit):
        self.connection.execute(INSERT, {**_fields(habit), "b_created_at": habit.created_at})

    def get_owned(self, habit_id, user_id, *, lock=False):
        row = self.connection.execute(LOCK_OWNED if lock else GET_OWNED, {"hid": habit_id, "u": user_id}).first()
        return _habit(row) if row else None

    def save(self, habit):
        self.connection.execute(UPDATE, _fields(habit))

    def delete_owned(self, habit_id, user_id):
        return self.connection.execute(DELETE_OWNED, {"hid": habit_id, "u": user_id}).first() is not None

    def all(self, user_id):
        return [_habit(row) for row in self.connection.execute(ALL, {"u": user_id})]

    def record(self, habit_id, user_id, day):
        row = self.connection.execute(RECORD, {"hid": habit_id, "u": user_id, "day": day}).first()
        return _record(row) if row else None

    def page(self, user_id, request, day, archived=False):
        params = {"u": user_id, "day": day, "archived": archived, "n": request.limit + 1}
        if request.after is not None:
            params["at"], params["after"] = request.after
        return [_record(row) for row in self.connection.execute(PAGES[request.after is not None], params)]

    def lock_streaks(self, user_id):
        self.connection.execute(ENSURE_ACCOUNT_STREAK, {"u": user_id})
        self.connection.execute(LOCK_ACCOUNT_STREAK, {"u": user_id}).one()

    def save_streaks(self, user_id, streaks, now):
        if streaks:
            self.connection.execute(SAVE_STREAK, [
                {"u": user_id, "kind": s.kind, "hid": s.habit_id, "current": s.current, "longest": s.longest,
                 "last": s.last_date, "now": now} for s in streaks])

    def vacations_taken(self, user_id):
        rows = self.connection.execute(VACATIONS_TAKEN, {"u": user_id})
        return [Vacation(date.fromisoformat(row.data["from"]), date.fromisoformat(row.data["to"])) for row in rows]


_LOG_OWNER = hl.user_id == sa.bindparam("u")
GET_LOG = sa.select(*_LOG).where(hl.habit_id == sa.bindparam("hid"), _LOG_OWNER, hl.local_date == sa.bindparam("day"))
_LOG_STATE = {"status": sa.bindparam("b_status"), "count": sa.bindparam("b_count"),
              "points_awarded": sa.bindparam("b_points"), "created_at": sa.bindparam("b_created_at"),
              "updated_at": sa.bindparam("b_updated_at")}
INSERT_LOG = habit_logs.insert().values(id=sa.bindparam("lid"), habit_id=sa.bindparam("hid"),
                                        user_id=sa.bindparam("u"), local_date=sa.bindparam("day"), **_LOG_STATE)
# A change of status is a new log: the row keeps its (habit, day) and takes the new id.
REPLACE_LOG = habit_logs.update().where(hl.id == sa.bindparam("old"), _LOG_OWNER).values(
    id=sa.bindparam("lid"), **_LOG_STATE)
DELETE_LOG = habit_logs.delete().where(hl.id == sa.bindparam("lid"), _LOG_OWNER)


def _log_page(after: bool) -> sa.Select:
    """A page of one habit's logs: the owner check and the page in one statement."""
    def logs(habit: sa.Subquery) -> sa.Select:
        return (sa.select(*_LOG).where(hl.habit_id == habit.c.id, hl.user_id == habit.c.user_id,
                                       *([hl.local_date < sa.bindparam("after", type_=sa.Date())] if after else []))
                .order_by(hl.local_date.desc()).limit(sa.bindparam("n")))
    return with_children(sa.select(h.id, h.user_id).where(h.id == sa.bindparam("hid"), _OWNER), logs,
                         lambda habit, log: (log.c.local_date.desc(),))


LOG_PAGES = {after: _log_page(after) for after in (False, True)}
_IDS = hl.habit_id == sa.func.any(sa.bindparam("ids", type_=ARRAY(UUID(as_uuid=True))))
STATUSES = {after: sa.select(hl.habit_id, hl.local_date, hl.status).where(
    _LOG_OWNER, _IDS, *([hl.local_date > sa.bindparam("after", type_=sa.Date())] if after else []))
    for after in (False, True)}
DAYS = sa.select(hl.local_date, sa.func.bool_or(hl.status == "done").label("done")).where(_LOG_OWNER) \
    .group_by(hl.local_date)


def _log(m) -> HabitLog:
    return HabitLog(id=m["id"], habit_id=m["habit_id"], user_id=m["user_id"], date=m["local_date"], status=m["status"],
                    count=m["count"], points_awarded=m["points_awarded"], created_at=m["created_at"],
                    updated_at=m["updated_at"])


class PgHabitLogRepository(HabitLogRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def get(self, habit_id, user_id, day):
        row = self.connection.execute(GET_LOG, {"hid": habit_id, "u": user_id, "day": day}).first()
        return _log(row._mapping) if row else None

    def put(self, log, replacing=None):
        state = {"lid": log.id, "u": log.user_id, "b_status": log.status, "b_count": log.count,
                 "b_points": log.points_awarded, "b_created_at": log.created_at, "b_updated_at": log.updated_at}
        if replacing is None:
            self.connection.execute(INSERT_LOG, {**state, "hid": log.habit_id, "day": log.date})
        else:
            self.connection.execute(REPLACE_LOG, {**state, "old": replacing.id})

    def delete(self, log):
        self.connection.execute(DELETE_LOG, {"lid": log.id, "u": log.user_id})

    def page(self, habit_id, user_id, request):
        params = {"hid": habit_id, "u": user_id, "n": request.limit + 1}
        if request.after is not None:
            params["after"] = request.after[0]
        found = split(self.connection.execute(LOG_PAGES[request.after is not None], params))
        return [_log(log) for log in found[0][1]] if found else None

    def statuses(self, user_id, habit_ids, after=None):
        params = {"u": user_id, "ids": list(habit_ids), **({"after": after} if after is not None else {})}
        found: dict = {}
        for row in self.connection.execute(STATUSES[after is not None], params):
            found.setdefault(row.habit_id, {})[row.local_date] = row.status
        return found

    def days(self, user_id):
        rows = self.connection.execute(DAYS, {"u": user_id})
        return {row.local_date: "done" if row.done else "skipped" for row in rows}
