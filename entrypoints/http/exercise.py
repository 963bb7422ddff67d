"""/api/v1 exercise routes: the exercise catalog, workout templates, workout sessions, personal records."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from domain.exercise import EXERCISE_KEY
from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.idempotency import idempotent
from entrypoints.http.paging import PageQuery, page_body, page_request
from entrypoints.http.schemas.exercise import (ExerciseIn, ExerciseOut, ExerciseQuery, ExercisesOut,
                                               LoggedSessionOut, PersonalRecordQuery, PersonalRecordsOut, WorkoutIn,
                                               WorkoutOut, WorkoutPatchIn, WorkoutSessionIn, WorkoutSessionOut,
                                               WorkoutSessionsOut, WorkoutsOut)
from ports.inbound import exercise
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("exercise", __name__, url_prefix="/api/v1",
               description="Exercises, workout templates, logged sessions and personal records")


@bp.get("/exercises")
@bp.arguments(ExerciseQuery, location="query")
@bp.response(200, ExercisesOut)
@bp.errors(400)
@inject
def list_exercises(query: dict, uow: UnitOfWork = Provide["uow"]):
    """The catalog and your own exercises, by name (case-blind), then id; `q` filters by part of the name."""
    page = exercise.list_exercises(uow, user=current_user(), request=page_request(query, EXERCISE_KEY),
                                   query=query["q"])
    return page_body(page)


@bp.post("/exercises")
@bp.arguments(ExerciseIn)
@bp.response(201, ExerciseOut)
@bp.errors(400, 415)
@inject
def create_exercise(body: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Add an exercise of your own, seen and used by you only."""
    return exercise.create_exercise(uow, clock, user=current_user(), **body)


@bp.get("/workouts")
@bp.arguments(PageQuery, location="query")
@bp.response(200, WorkoutsOut)
@bp.errors(400)
@inject
def list_workouts(query: dict, uow: UnitOfWork = Provide["uow"]):
    """Your workout templates with their exercises, newest first."""
    return page_body(exercise.list_workouts(uow, user=current_user(), request=page_request(query)))


@bp.post("/workouts")
@bp.arguments(WorkoutIn)
@bp.response(201, WorkoutOut)
@bp.errors(400, 404, 415)
@inject
def create_workout(body: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Create a template; each exercise must be in the catalog or your own (else 404)."""
    return exercise.create_workout(uow, clock, user=current_user(), **body)


@bp.get("/workouts/<uuid:workout_id>")
@bp.response(200, WorkoutOut)
@bp.errors(404)
@inject
def get_workout(workout_id, uow: UnitOfWork = Provide["uow"]):
    """One of your templates."""
    return exercise.get_workout(uow, user=current_user(), workout_id=workout_id)


@bp.patch("/workouts/<uuid:workout_id>")
@bp.arguments(WorkoutPatchIn)
@bp.response(200, WorkoutOut)
@bp.errors(400, 404, 415)
@inject
def update_workout(changes: dict, workout_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Change name or description; `exercises`, when given, replaces the whole list."""
    return exercise.update_workout(uow, clock, user=current_user(), workout_id=workout_id, changes=changes)


@bp.delete("/workouts/<uuid:workout_id>")
@bp.response(204)
@bp.errors(404)
@inject
def delete_workout(workout_id, uow: UnitOfWork = Provide["uow"]):
    """Delete a template; its logged sessions stay, and program days keep their place without it."""
    exercise.delete_workout(uow, user=current_user(), workout_id=workout_id)
    return ""


@bp.post("/workout-sessions")
@bp.arguments(WorkoutSessionIn)
@bp.response(201, LoggedSessionOut)
@bp.errors(400, 404, 409, 415)
@idempotent
@inject
def log_session(body: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Log a session with its sets; answers the records it set. Honours Idempotency-Key."""
    return exercise.log_workout_session(uow, clock, user=current_user(), **body)


@bp.get("/workout-sessions")
@bp.arguments(PageQuery, location="query")
@bp.response(200, WorkoutSessionsOut)
@bp.errors(400)
@inject
def list_sessions(query: dict, uow: UnitOfWork = Provide["uow"]):
    """Your sessions with their sets, newest first by started_at (then id)."""
    return page_body(exercise.list_workout_sessions(uow, user=current_user(), request=page_request(query)))


@bp.get("/workout-sessions/<uuid:session_id>")
@bp.response(200, WorkoutSessionOut)
@bp.errors(404)
@inject
def get_session(session_id, uow: UnitOfWork = Provide["uow"]):
    """One of your sessions with its sets."""
    return exercise.get_workout_session(uow, user=current_user(), session_id=session_id)


@bp.get("/personal-records")
@bp.arguments(PersonalRecordQuery, location="query")
@bp.response(200, PersonalRecordsOut)
@bp.errors(400)
@inject
def list_records(query: dict, uow: UnitOfWork = Provide["uow"]):
    """Your current records (max_weight, max_reps, e1rm per exercise), newest first; `exercise_id` filters."""
    page = exercise.list_personal_records(uow, user=current_user(), request=page_request(query),
                                          exercise_id=query["exercise_id"])
    return page_body(page)
