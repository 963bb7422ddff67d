"""Postgres personal records: one row per (user, exercise, metric).

Raising records is one INSERT … ON CONFLICT DO UPDATE … WHERE stored < new, RETURNING what it
wrote: a record is only ever raised, even when two sessions of one user are logged at once,
without a read-modify-write to race.
"""
from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID, insert

from adapters.postgres.schema import exercises, personal_records
from domain.personal_records import PersonalRecord, check_distinct
from ports.outbound.exercise import PersonalRecordRepository

_r, _e = personal_records.c, exercises.c
_USER = sa.bindparam("u", type_=UUID(as_uuid=True))
_NAMED = sa.select(_r.id, _r.user_id, _r.exercise_id, _e.name, _r.metric, _r.value, _r.achieved_at,
                   _r.session_id).join_from(personal_records, exercises, _e.id == _r.exercise_id)
CURRENT = _NAMED.where(_r.user_id == _USER, _r.exercise_id.in_(sa.bindparam("ids", expanding=True,
                                                                             type_=UUID(as_uuid=True))))
_AFTER = sa.tuple_(_r.achieved_at, _r.id) < sa.tuple_(sa.bindparam("after_t", type_=sa.DateTime(timezone=True)),
                                                      sa.bindparam("after_id", type_=UUID(as_uuid=True)))
_ONE = _r.exercise_id == sa.bindparam("exercise_id", type_=UUID(as_uuid=True))
PAGES = {  # (after a cursor?, one exercise?) → statement
    (after, one): _NAMED.where(_r.user_id == _USER, *([_AFTER] if after else []), *([_ONE] if one else []))
    .order_by(_r.achieved_at.desc(), _r.id.desc()).limit(sa.bindparam("n"))
    for after in (False, True) for one in (False, True)}


def _record(r) -> PersonalRecord:
    return PersonalRecord(id=r.id, user_id=r.user_id, exercise_id=r.exercise_id, metric=r.metric, value=r.value,
                          achieved_at=r.achieved_at, session_id=r.session_id, exercise_name=r.name)


def _raise(rows: list[dict]):
    """Built per call: one VALUES row per record."""
    statement = insert(personal_records).values(rows)
    new = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=[_r.user_id, _r.exercise_id, _r.metric],
        set_={"value": new.value, "achieved_at": new.achieved_at, "session_id": new.session_id,
              "updated_at": sa.func.now()},
        where=_r.value < new.value,
    ).returning(_r.id, _r.user_id, _r.exercise_id, _r.metric)


class PgPersonalRecordRepository(PersonalRecordRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def current(self, user_id, exercise_ids):
        if not exercise_ids:
            return {}
        rows = self.connection.execute(CURRENT, {"u": user_id, "ids": list(exercise_ids)})
        return {(r.exercise_id, r.metric): _record(r) for r in rows}

    def raise_to(self, records):
        check_distinct(records)  # ON CONFLICT DO UPDATE may touch a row once per statement
        if not records:
            return []
        rows = [dict(id=r.id, user_id=r.user_id, exercise_id=r.exercise_id, metric=r.metric, value=r.value,
                     achieved_at=r.achieved_at, session_id=r.session_id) for r in records]
        written = {(row.user_id, row.exercise_id, row.metric): row.id for row in self.connection.execute(_raise(rows))}
        return [replace(r, id=written[(r.user_id, *r.key)]) for r in records if (r.user_id, *r.key) in written]

    def page(self, user_id, request, exercise_id=None):
        params = {"u": user_id, "n": request.limit + 1}
        if request.after is not None:
            params["after_t"], params["after_id"] = request.after
        if exercise_id is not None:
            params["exercise_id"] = exercise_id
        statement = PAGES[(request.after is not None, exercise_id is not None)]
        return [_record(r) for r in self.connection.execute(statement, params)]
