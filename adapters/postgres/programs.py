"""Postgres training programs and their weeks; a week's days are one JSONB array.

A program or a page of programs comes with its weeks in one statement (adapters/postgres/nested.py).
"""
from __future__ import annotations

from uuid import UUID as PyUUID

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID

from adapters.postgres.nested import split, with_children
from adapters.postgres.schema import program_weeks, training_programs
from domain.programs import ProgramDay, ProgramWeek, TrainingProgram
from ports.outbound.programs import TrainingProgramRepository

_p, _pw = training_programs.c, program_weeks.c
_USER = sa.bindparam("u", type_=UUID(as_uuid=True))
_PROGRAM = sa.select(_p.id, _p.user_id, _p.name, _p.description, _p.started_on, _p.active, _p.created_at,
                     _p.updated_at)


def _weeks(program: sa.Subquery) -> sa.Select:
    return (sa.select(_pw.week_number, _pw.title, _pw.notes, _pw.days)
            .where(_pw.program_id == program.c.id))


def _newest_first(program: sa.Subquery, week: sa.Subquery) -> tuple:
    return program.c.created_at.desc(), program.c.id.desc(), week.c.week_number


_GET = _PROGRAM.where(_p.id == sa.bindparam("id"), _p.user_id == _USER)
GET = with_children(_GET, _weeks, _newest_first)
LOCK = _GET.with_for_update()  # alone, then GET: see adapters/postgres/nested.py
INSERT = training_programs.insert()
SAVE = training_programs.update().where(_p.id == sa.bindparam("pid")).values(
    name=sa.bindparam("b_name"), description=sa.bindparam("b_description"),
    started_on=sa.bindparam("b_started_on"), active=sa.bindparam("b_active"),
    updated_at=sa.bindparam("b_updated_at"))
INSERT_WEEKS = program_weeks.insert()
CLEAR_WEEKS = program_weeks.delete().where(_pw.program_id == sa.bindparam("pid"))
DELETE = training_programs.delete().where(_p.id == sa.bindparam("id"), _p.user_id == _USER).returning(_p.id)
PAGES = {after: with_children(_PROGRAM.where(_p.user_id == _USER, *([sa.tuple_(_p.created_at, _p.id) < sa.tuple_(
    sa.bindparam("after_t", type_=sa.DateTime(timezone=True)), sa.bindparam("after_id", type_=UUID(as_uuid=True)))]
    if after else [])).order_by(_p.created_at.desc(), _p.id.desc()).limit(sa.bindparam("n")), _weeks, _newest_first)
    for after in (False, True)}
# Days that name the workout keep their place, with "workout_id": null; the order stays.
DETACH_WORKOUT = sa.text("""
    UPDATE program_weeks SET updated_at = now(), days = (
        SELECT jsonb_agg(CASE WHEN d ->> 'workout_id' = :wid THEN jsonb_set(d, '{workout_id}', 'null'::jsonb)
                              ELSE d END ORDER BY n)
        FROM jsonb_array_elements(days) WITH ORDINALITY AS t(d, n))
    WHERE user_id = :u AND days @> jsonb_build_array(jsonb_build_object('workout_id', CAST(:wid AS text)))
""")


def _days_json(week: ProgramWeek) -> list[dict]:
    return [{"day": d.day, "workout_id": str(d.workout_id) if d.workout_id else None, "notes": d.notes}
            for d in week.days]


def _week(w: dict) -> ProgramWeek:
    days = tuple(ProgramDay(d["day"], PyUUID(d["workout_id"]) if d.get("workout_id") else None, d.get("notes"))
                 for d in w["days"])
    return ProgramWeek(week_number=w["week_number"], title=w["title"], notes=w["notes"], days=days)


def _programs(rows) -> list[TrainingProgram]:
    return [TrainingProgram(id=r.id, user_id=r.user_id, name=r.name, description=r.description,
                            started_on=r.started_on, active=r.active, created_at=r.created_at, updated_at=r.updated_at,
                            weeks=[_week(w) for w in weeks]) for r, weeks in split(rows, present="week_number")]


class PgTrainingProgramRepository(TrainingProgramRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, p):
        self.connection.execute(INSERT, dict(id=p.id, user_id=p.user_id, name=p.name, description=p.description,
                                             started_on=p.started_on, active=p.active, created_at=p.created_at,
                                             updated_at=p.updated_at))
        self._insert_weeks(p)

    def get_owned(self, program_id, user_id, *, lock=False):
        params = {"id": program_id, "u": user_id}
        if lock and self.connection.execute(LOCK, params).first() is None:
            return None
        found = _programs(self.connection.execute(GET, params))
        return found[0] if found else None

    def save(self, p):
        self.connection.execute(SAVE, {"pid": p.id, "b_name": p.name, "b_description": p.description,
                                       "b_started_on": p.started_on, "b_active": p.active,
                                       "b_updated_at": p.updated_at})
        self.connection.execute(CLEAR_WEEKS, {"pid": p.id})
        self._insert_weeks(p)

    def delete_owned(self, program_id, user_id):
        return self.connection.execute(DELETE, {"id": program_id, "u": user_id}).first() is not None

    def page(self, user_id, request):
        params = {"u": user_id, "n": request.limit + 1}
        if request.after is not None:
            params["after_t"], params["after_id"] = request.after
        return _programs(self.connection.execute(PAGES[request.after is not None], params))

    def detach_workout(self, user_id, workout_id):
        self.connection.execute(DETACH_WORKOUT, {"u": user_id, "wid": str(workout_id)})

    def _insert_weeks(self, p):
        if p.weeks:
            self.connection.execute(INSERT_WEEKS, [
                dict(program_id=p.id, user_id=p.user_id, week_number=w.week_number, title=w.title, notes=w.notes,
                     days=_days_json(w)) for w in p.weeks])
