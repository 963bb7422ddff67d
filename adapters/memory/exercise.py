"""In-memory exercises, workout templates and logged sessions; names are read from the exercises
table, as Postgres joins them."""
from __future__ import annotations

import copy

from domain.exercise import name_order
from ports.outbound.exercise import ExerciseRepository, WorkoutRepository, WorkoutSessionRepository


def _newest_first(rows, request, key):
    rows = sorted(rows, key=key, reverse=True)
    if request.after is not None:
        rows = [r for r in rows if key(r) < tuple(request.after)]
    return rows[:request.limit + 1]


class InMemoryExerciseRepository(ExerciseRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["exercises"]

    def add(self, exercise):
        if exercise.id in self.rows:
            raise ValueError("duplicate exercise id")
        self.rows[exercise.id] = copy.deepcopy(exercise)

    def usable(self, user_id, exercise_ids):
        return {i: copy.deepcopy(self.rows[i]) for i in exercise_ids
                if i in self.rows and self.rows[i].usable_by(user_id)}

    def page(self, user_id, request, query=None):
        rows = [e for e in self.rows.values()
                if e.usable_by(user_id) and (query is None or query.lower() in e.name.lower())]
        rows.sort(key=lambda e: name_order(e.name, e.id))
        if request.after is not None:
            rows = [e for e in rows if name_order(e.name, e.id) > name_order(*request.after)]
        return [copy.deepcopy(e) for e in rows[:request.limit + 1]]


class InMemoryWorkoutRepository(WorkoutRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["workouts"]
        self.tables = tables

    def add(self, workout):
        if workout.id in self.rows:
            raise ValueError("duplicate workout id")
        self.rows[workout.id] = copy.deepcopy(workout)

    def get_owned(self, workout_id, user_id, *, lock=False):
        workout = self.rows.get(workout_id)
        return self._read(workout) if workout is not None and workout.user_id == user_id else None

    def save(self, workout):
        if workout.id in self.rows:
            self.rows[workout.id] = copy.deepcopy(workout)

    def delete_owned(self, workout_id, user_id):
        if self.get_owned(workout_id, user_id) is None:
            return False
        del self.rows[workout_id]
        for session in self.tables["workout_sessions"].values():
            if session.workout_id == workout_id:
                session.workout_id = None  # as ON DELETE SET NULL
        return True

    def owned_ids(self, user_id, workout_ids):
        return {i for i in workout_ids if i in self.rows and self.rows[i].user_id == user_id}

    def page(self, user_id, request):
        mine = (w for w in self.rows.values() if w.user_id == user_id)
        return [self._read(w) for w in _newest_first(mine, request, lambda w: w.sort_key)]

    def _read(self, workout):
        workout = copy.deepcopy(workout)
        workout.name_exercises({i: e.name for i, e in self.tables["exercises"].items()})
        return workout


class InMemoryWorkoutSessionRepository(WorkoutSessionRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["workout_sessions"]
        self.tables = tables

    def add(self, session):
        if session.id in self.rows:
            raise ValueError("duplicate session id")
        self.rows[session.id] = copy.deepcopy(session)

    def get_owned(self, session_id, user_id):
        session = self.rows.get(session_id)
        return self._read(session) if session is not None and session.user_id == user_id else None

    def page(self, user_id, request):
        mine = (s for s in self.rows.values() if s.user_id == user_id)
        return [self._read(s) for s in _newest_first(mine, request, lambda s: s.sort_key)]

    def _read(self, session):
        session = copy.deepcopy(session)
        session.name_exercises({i: e.name for i, e in self.tables["exercises"].items()})
        return session
