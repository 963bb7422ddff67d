"""Exercise: the catalog, workout templates, logged sessions and the personal records they set.

Exercises a user names must be in the catalog or their own; anything else is not found, as
are other users' workouts and sessions.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain import personal_records as records
from domain.activity import Event
from domain.errors import NotFound
from domain.exercise import (EXERCISE_KEY, MAX_NAME, TIME_KEY, Exercise, Workout, WorkoutSession, check_after,
                             check_text)
from domain.paging import Page, PageRequest, page_of
from domain.personal_records import RECORD_KEY, PersonalRecord
from domain.users import User
from ports.inbound import rewards
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class LoggedSession:
    """A logged session, the records it set and what its event earned (quests, achievements)."""

    session: WorkoutSession
    new_records: list[PersonalRecord]
    earned: rewards.Earned


def list_exercises(uow: UnitOfWork, *, user: User, request: PageRequest, query: str | None = None) -> Page[Exercise]:
    """The catalog and the user's own exercises by name (case-blind), optionally those whose name contains `query`."""
    check_after(request, EXERCISE_KEY)
    check_text("q", query, MAX_NAME, minimum=1)
    with uow.read_only():
        rows = uow.exercises.page(user.id, request, query)
    return page_of(rows, request, key=lambda e: e.sort_key)


def create_exercise(uow: UnitOfWork, clock: Clock, *, user: User, name: str, category: str = "strength",
                    muscle_group: str | None = None, equipment: str | None = None,
                    description: str | None = None) -> Exercise:
    """Add an exercise of the user's own."""
    exercise = Exercise.create(user.id, name=name, category=category, muscle_group=muscle_group,
                               equipment=equipment, description=description, now=clock.now())
    with uow:
        uow.exercises.add(exercise)
        uow.commit()
    return exercise


def list_workouts(uow: UnitOfWork, *, user: User, request: PageRequest) -> Page[Workout]:
    """The user's workout templates with their exercises, newest first."""
    check_after(request, TIME_KEY)
    with uow.read_only():
        rows = uow.workouts.page(user.id, request)
    return page_of(rows, request, key=lambda w: w.sort_key)


def get_workout(uow: UnitOfWork, *, user: User, workout_id: UUID) -> Workout:
    """One of the user's templates."""
    with uow.read_only():
        return _workout(uow, user, workout_id)


def create_workout(uow: UnitOfWork, clock: Clock, *, user: User, name: str, description: str | None = None,
                   exercises: list[dict] | None = None) -> Workout:
    """Create a template of catalog or own exercises, in the order given."""
    workout = Workout.create(user.id, name=name, description=description, exercises=exercises, now=clock.now())
    with uow:
        workout.name_exercises(_names(uow, user, workout.exercise_ids))
        uow.workouts.add(workout)
        uow.commit()
    return workout


def update_workout(uow: UnitOfWork, clock: Clock, *, user: User, workout_id: UUID, changes: dict) -> Workout:
    """Change name or description; a given `exercises` list replaces the whole list."""
    with uow:
        workout = _workout(uow, user, workout_id, lock=True)
        workout.edit(changes, clock.now())
        workout.name_exercises(_names(uow, user, workout.exercise_ids))
        uow.workouts.save(workout)
        uow.commit()
    return workout


def delete_workout(uow: UnitOfWork, *, user: User, workout_id: UUID) -> None:
    """Delete a template; logged sessions stay, and programs keep their days without it."""
    with uow:
        if not uow.workouts.delete_owned(workout_id, user.id):
            raise NotFound("Workout not found.")
        uow.programs.detach_workout(user.id, workout_id)
        uow.commit()


def log_workout_session(uow: UnitOfWork, clock: Clock, *, user: User, started_at: datetime, sets: list[dict],
                        ended_at: datetime | None = None, notes: str | None = None,
                        workout_id: UUID | None = None) -> LoggedSession:
    """Log a session with its sets, set the records it beats and record `workout.completed`, in one go."""
    now = clock.now()
    session = WorkoutSession.log(user.id, started_at=started_at, ended_at=ended_at, notes=notes,
                                 workout_id=workout_id, sets=sets, now=now)
    with uow:
        if workout_id is not None and not uow.workouts.owned_ids(user.id, {workout_id}):
            raise NotFound("Workout not found.")
        session.name_exercises(_names(uow, user, session.exercise_ids))
        uow.workout_sessions.add(session)
        current = uow.personal_records.current(user.id, session.exercise_ids)
        new_records = uow.personal_records.raise_to(records.beaten(current, records.session_bests(session)))
        earned = rewards.record(uow, user, _completed(user, session, now), now)
        uow.commit()
    return LoggedSession(session, new_records, earned)


def list_workout_sessions(uow: UnitOfWork, *, user: User, request: PageRequest) -> Page[WorkoutSession]:
    """The user's sessions with their sets, newest first by start."""
    check_after(request, TIME_KEY)
    with uow.read_only():
        rows = uow.workout_sessions.page(user.id, request)
    return page_of(rows, request, key=lambda s: s.sort_key)


def get_workout_session(uow: UnitOfWork, *, user: User, session_id: UUID) -> WorkoutSession:
    """One of the user's sessions with its sets."""
    with uow.read_only():
        session = uow.workout_sessions.get_owned(session_id, user.id)
    if session is None:
        raise NotFound("Workout session not found.")
    return session


def list_personal_records(uow: UnitOfWork, *, user: User, request: PageRequest,
                          exercise_id: UUID | None = None) -> Page[PersonalRecord]:
    """The user's current records, newest first; optionally of one exercise."""
    check_after(request, RECORD_KEY)
    with uow.read_only():
        rows = uow.personal_records.page(user.id, request, exercise_id)
    return page_of(rows, request, key=lambda r: r.sort_key)


def _workout(uow: UnitOfWork, user: User, workout_id: UUID, lock: bool = False) -> Workout:
    workout = uow.workouts.get_owned(workout_id, user.id, lock=lock)
    if workout is None:
        raise NotFound("Workout not found.")
    return workout


def _names(uow: UnitOfWork, user: User, exercise_ids: set[UUID]) -> dict[UUID, str]:
    """The names of these exercises; any that is neither catalog nor the user's own is not found."""
    if not exercise_ids:
        return {}
    usable = uow.exercises.usable(user.id, exercise_ids)
    missing = sorted(str(i) for i in exercise_ids - set(usable))
    if missing:
        raise NotFound("Exercise not found.", exercise_ids=missing)
    return {i: e.name for i, e in usable.items()}


def _completed(user: User, session: WorkoutSession, now: datetime) -> Event:
    """Counted on the day it is logged, so that backdating cannot complete past periods' quests."""
    return Event(user_id=user.id, type="workout.completed", occurred_at=now, local_date=user.day.local_date(now),
                 subject_type="workout_session", subject_id=str(session.id), metrics={"workouts_completed": 1},
                 data={"workout_id": str(session.workout_id) if session.workout_id else None,
                       "started_at": session.started_at.isoformat(), "sets": len(session.sets)})
