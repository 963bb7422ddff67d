"""Postgres exercises, workout templates and logged sessions.

Statements are built once with bind parameters. A workout or session, or a page of them,
comes with its exercises or sets (and their names) in one statement (adapters/postgres/nested.py).
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID

from adapters.postgres.nested import split, with_children
from adapters.postgres.schema import exercises, workout_exercises, workout_sessions, workout_sets, workouts
from domain.exercise import Exercise, PlannedExercise, Workout, WorkoutSession, WorkoutSet
from ports.outbound.exercise import ExerciseRepository, WorkoutRepository, WorkoutSessionRepository

_e, _w, _we, _s, _ws = exercises.c, workouts.c, workout_exercises.c, workout_sessions.c, workout_sets.c
_USER = sa.bindparam("u", type_=UUID(as_uuid=True))
_IDS = sa.bindparam("ids", expanding=True, type_=UUID(as_uuid=True))

# Exercises: the catalog (no owner) and the user's own, in name order under the "C" collation,
# so that the order (and the cursors) do not depend on the server's locale.
_EXERCISE = sa.select(_e.id, _e.name, _e.category, _e.user_id, _e.key, _e.muscle_group, _e.equipment,
                      _e.description, _e.created_at).where(sa.or_(_e.user_id.is_(None), _e.user_id == _USER))
_AFTER_NAME = sa.bindparam("after_name", type_=sa.Text).collate("C")
_EXERCISE_ORDER = (sa.func.lower(_e.name.collate("C")), _e.name.collate("C"), _e.id)
_EXERCISE_AFTER = sa.tuple_(*_EXERCISE_ORDER) > sa.tuple_(
    sa.func.lower(_AFTER_NAME), _AFTER_NAME, sa.bindparam("after_id", type_=UUID(as_uuid=True)))
_MATCH = sa.func.strpos(sa.func.lower(_e.name), sa.func.lower(sa.bindparam("q", type_=sa.Text))) > 0
EXERCISE_PAGES = {  # (after a cursor?, a name filter?) → statement
    (after, match): _EXERCISE.where(*([_EXERCISE_AFTER] if after else []), *([_MATCH] if match else []))
    .order_by(*_EXERCISE_ORDER).limit(sa.bindparam("n"))
    for after in (False, True) for match in (False, True)}
USABLE = _EXERCISE.where(_e.id.in_(_IDS))

_WORKOUT = sa.select(_w.id, _w.user_id, _w.name, _w.description, _w.created_at, _w.updated_at)


def _planned(workout: sa.Subquery) -> sa.Select:
    return (sa.select(_we.exercise_id, _e.name.label("exercise_name"), _we.position, _we.target_sets,
                      _we.target_reps, _we.target_weight_kg, _we.notes)
            .join_from(workout_exercises, exercises, _e.id == _we.exercise_id).where(_we.workout_id == workout.c.id))


def _workouts_first(workout: sa.Subquery, planned: sa.Subquery) -> tuple:
    return workout.c.created_at.desc(), workout.c.id.desc(), planned.c.position


_GET_WORKOUT = _WORKOUT.where(_w.id == sa.bindparam("id"), _w.user_id == _USER)
GET_WORKOUT = with_children(_GET_WORKOUT, _planned, _workouts_first)
LOCK_WORKOUT = _GET_WORKOUT.with_for_update()  # alone, then GET_WORKOUT: see adapters/postgres/nested.py
INSERT_WORKOUT = workouts.insert()
SAVE_WORKOUT = workouts.update().where(_w.id == sa.bindparam("wid")).values(
    name=sa.bindparam("b_name"), description=sa.bindparam("b_description"), updated_at=sa.bindparam("b_updated_at"))
INSERT_PLANNED = workout_exercises.insert()
CLEAR_PLANNED = workout_exercises.delete().where(_we.workout_id == sa.bindparam("wid"))
DELETE_WORKOUT = workouts.delete().where(_w.id == sa.bindparam("id"), _w.user_id == _USER).returning(_w.id)
OWNED_WORKOUTS = sa.select(_w.id).where(_w.user_id == _USER, _w.id.in_(_IDS))
_TIME_AFTER = (sa.bindparam("after_t", type_=sa.DateTime(timezone=True)),
               sa.bindparam("after_id", type_=UUID(as_uuid=True)))
WORKOUT_PAGES = {after: with_children(_WORKOUT.where(_w.user_id == _USER, *(
    [sa.tuple_(_w.created_at, _w.id) < sa.tuple_(*_TIME_AFTER)] if after else []))
    .order_by(_w.created_at.desc(), _w.id.desc()).limit(sa.bindparam("n")), _planned, _workouts_first)
    for after in (False, True)}

_SESSION = sa.select(_s.id, _s.user_id, _s.workout_id, _s.started_at, _s.ended_at, _s.notes, _s.created_at)


def _sets(session: sa.Subquery) -> sa.Select:
    return (sa.select(_ws.id, _ws.exercise_id, _e.name.label("exercise_name"), _ws.position, _ws.reps, _ws.weight_kg,
                      _ws.rpe)
            .join_from(workout_sets, exercises, _e.id == _ws.exercise_id).where(_ws.session_id == session.c.id))


def _sessions_first(session: sa.Subquery, workout_set: sa.Subquery) -> tuple:
    return session.c.started_at.desc(), session.c.id.desc(), workout_set.c.position


GET_SESSION = with_children(_SESSION.where(_s.id == sa.bindparam("id"), _s.user_id == _USER), _sets, _sessions_first)
INSERT_SESSION = workout_sessions.insert()
INSERT_SETS = workout_sets.insert()
SESSION_PAGES = {after: with_children(_SESSION.where(_s.user_id == _USER, *(
    [sa.tuple_(_s.started_at, _s.id) < sa.tuple_(*_TIME_AFTER)] if after else []))
    .order_by(_s.started_at.desc(), _s.id.desc()).limit(sa.bindparam("n")), _sets, _sessions_first)
    for after in (False, True)}


def _exercise(r) -> Exercise:
    return Exercise(id=r.id, name=r.name, category=r.category, user_id=r.user_id, key=r.key,
                    muscle_group=r.muscle_group, equipment=r.equipment, description=r.description,
                    created_at=r.created_at)


def _workouts(rows) -> list[Workout]:
    return [Workout(id=r.id, user_id=r.user_id, name=r.name, description=r.description, created_at=r.created_at,
                    updated_at=r.updated_at, exercises=[PlannedExercise(
                        exercise_id=p["exercise_id"], target_sets=p["target_sets"], target_reps=p["target_reps"],
                        target_weight_kg=p["target_weight_kg"], notes=p["notes"], exercise_name=p["exercise_name"])
                        for p in planned]) for r, planned in split(rows, present="exercise_id")]


def _sessions(rows) -> list[WorkoutSession]:
    return [WorkoutSession(id=r.id, user_id=r.user_id, workout_id=r.workout_id, started_at=r.started_at,
                           ended_at=r.ended_at, notes=r.notes, created_at=r.created_at,
                           sets=[WorkoutSet(**x) for x in sets]) for r, sets in split(rows)]


def _page_params(user_id, request) -> dict:
    params = {"u": user_id, "n": request.limit + 1}
    if request.after is not None:
        params["after_t"], params["after_id"] = request.after
    return params


class PgExerciseRepository(ExerciseRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, e):
        values = dict(id=e.id, name=e.name, category=e.category, user_id=e.user_id, key=e.key,
                      muscle_group=e.muscle_group, equipment=e.equipment, description=e.description)
        if e.created_at is not None:
            values.update(created_at=e.created_at, updated_at=e.created_at)
        self.connection.execute(exercises.insert().values(**values))

    def usable(self, user_id, exercise_ids):
        rows = self.connection.execute(USABLE, {"u": user_id, "ids": list(exercise_ids)})
        return {r.id: _exercise(r) for r in rows}

    def page(self, user_id, request, query=None):
        params = {"u": user_id, "n": request.limit + 1}
        if request.after is not None:
            params["after_name"], params["after_id"] = request.after
        if query is not None:
            params["q"] = query
        statement = EXERCISE_PAGES[(request.after is not None, query is not None)]
        return [_exercise(r) for r in self.connection.execute(statement, params)]


class PgWorkoutRepository(WorkoutRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, w):
        self.connection.execute(INSERT_WORKOUT, dict(id=w.id, user_id=w.user_id, name=w.name,
                                                     description=w.description, created_at=w.created_at,
                                                     updated_at=w.updated_at))
        self._insert_planned(w)

    def get_owned(self, workout_id, user_id, *, lock=False):
        params = {"id": workout_id, "u": user_id}
        if lock and self.connection.execute(LOCK_WORKOUT, params).first() is None:
            return None
        found = _workouts(self.connection.execute(GET_WORKOUT, params))
        return found[0] if found else None

    def save(self, w):
        self.connection.execute(SAVE_WORKOUT, {"wid": w.id, "b_name": w.name, "b_description": w.description,
                                               "b_updated_at": w.updated_at})
        self.connection.execute(CLEAR_PLANNED, {"wid": w.id})
        self._insert_planned(w)

    def delete_owned(self, workout_id, user_id):
        return self.connection.execute(DELETE_WORKOUT, {"id": workout_id, "u": user_id}).first() is not None

    def owned_ids(self, user_id, workout_ids):
        if not workout_ids:
            return set()
        return set(self.connection.scalars(OWNED_WORKOUTS, {"u": user_id, "ids": list(workout_ids)}))

    def page(self, user_id, request):
        statement = WORKOUT_PAGES[request.after is not None]
        return _workouts(self.connection.execute(statement, _page_params(user_id, request)))

    def _insert_planned(self, w):
        if w.exercises:
            self.connection.execute(INSERT_PLANNED, [
                dict(workout_id=w.id, user_id=w.user_id, exercise_id=p.exercise_id, position=n,
                     target_sets=p.target_sets, target_reps=p.target_reps, target_weight_kg=p.target_weight_kg,
                     notes=p.notes) for n, p in enumerate(w.exercises)])


class PgWorkoutSessionRepository(WorkoutSessionRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, s):
        self.connection.execute(INSERT_SESSION, dict(id=s.id, user_id=s.user_id, workout_id=s.workout_id,
                                                     started_at=s.started_at, ended_at=s.ended_at, notes=s.notes,
                                                     created_at=s.created_at, updated_at=s.created_at))
        self.connection.execute(INSERT_SETS, [
            dict(id=x.id, session_id=s.id, user_id=s.user_id, exercise_id=x.exercise_id, position=x.position,
                 reps=x.reps, weight_kg=x.weight_kg, rpe=x.rpe, created_at=s.created_at) for x in s.sets])

    def get_owned(self, session_id, user_id):
        found = _sessions(self.connection.execute(GET_SESSION, {"id": session_id, "u": user_id}))
        return found[0] if found else None

    def page(self, user_id, request):
        statement = SESSION_PAGES[request.after is not None]
        return _sessions(self.connection.execute(statement, _page_params(user_id, request)))
