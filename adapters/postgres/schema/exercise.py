"""Exercises (a global catalog plus the user's own), workouts, logged sets, records, programs."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from adapters.postgres.schema.base import (
    EMPTY_ARRAY, FALSE, ZERO, created_at, id_column, metadata, not_negative, one_of, owner_index,
    parent_column, timestamps, user_id_column,
)

CATEGORIES = ("strength", "cardio", "bodyweight", "mobility", "flexibility", "plyometric", "other")

exercises = sa.Table(
    "exercises", metadata,
    id_column(),
    sa.Column("key", sa.Text(), nullable=True),  # global catalog rows only
    user_id_column(nullable=True),  # NULL: the global catalog
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("category", sa.Text(), nullable=False, server_default=sa.text("'strength'::text")),
    sa.Column("muscle_group", sa.Text(), nullable=True),
    sa.Column("equipment", sa.Text(), nullable=True),
    sa.Column("description", sa.Text(), nullable=True),
    *timestamps(),
    sa.UniqueConstraint("key"),
    one_of("category", CATEGORIES),
    sa.CheckConstraint("key IS NULL OR user_id IS NULL", name="keyed_rows_are_global"),
    sa.Index(None, "user_id", "name", "id"),  # global (user_id IS NULL) + mine, by name
)

workouts = sa.Table(
    "workouts", metadata,
    id_column(),
    user_id_column(),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("description", sa.Text(), nullable=True),
    *timestamps(),
    owner_index(),
)

workout_exercises = sa.Table(  # the planned exercises of a workout template
    "workout_exercises", metadata,
    id_column(),
    parent_column("workout_id", "workouts.id"),
    user_id_column(),
    parent_column("exercise_id", "exercises.id"),
    sa.Column("position", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("target_sets", sa.SmallInteger(), nullable=True),
    sa.Column("target_reps", sa.SmallInteger(), nullable=True),
    sa.Column("target_weight_kg", sa.Numeric(7, 2), nullable=True),
    sa.Column("notes", sa.Text(), nullable=True),
    created_at(),
    *not_negative("position", "target_sets", "target_reps", "target_weight_kg"),
    sa.Index(None, "workout_id", "position"),
    sa.Index(None, "exercise_id"),
    sa.Index(None, "user_id"),
)

workout_sessions = sa.Table(
    "workout_sessions", metadata,
    id_column(),
    user_id_column(),
    parent_column("workout_id", "workouts.id", nullable=True, ondelete="SET NULL"),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("notes", sa.Text(), nullable=True),
    *timestamps(),
    sa.CheckConstraint("ended_at IS NULL OR ended_at >= started_at", name="ends_after_start"),
    owner_index("started_at", "id"),
    sa.Index(None, "workout_id"),
)

workout_sets = sa.Table(
    "workout_sets", metadata,
    id_column(),
    parent_column("session_id", "workout_sessions.id"),
    user_id_column(),
    parent_column("exercise_id", "exercises.id"),
    sa.Column("position", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("reps", sa.Integer(), nullable=False),
    sa.Column("weight_kg", sa.Numeric(7, 2), nullable=False, server_default=ZERO),
    sa.Column("rpe", sa.Numeric(3, 1), nullable=True),
    created_at(),
    *not_negative("position", "reps", "weight_kg"),
    sa.CheckConstraint("rpe BETWEEN 1 AND 10", name="rpe_range"),
    sa.Index(None, "session_id", "position"),
    sa.Index(None, "user_id", "exercise_id"),  # personal records per exercise
    sa.Index(None, "exercise_id"),
)

personal_records = sa.Table(  # the current best per (user, exercise, metric)
    "personal_records", metadata,
    id_column(),
    user_id_column(),
    parent_column("exercise_id", "exercises.id"),
    sa.Column("metric", sa.Text(), nullable=False),
    sa.Column("value", sa.Numeric(10, 2), nullable=False),
    sa.Column("achieved_at", sa.DateTime(timezone=True), nullable=False),
    parent_column("session_id", "workout_sessions.id", nullable=True, ondelete="SET NULL"),
    *timestamps(),
    one_of("metric", ("max_weight", "max_reps", "e1rm")),
    *not_negative("value"),
    sa.UniqueConstraint("user_id", "exercise_id", "metric"),
    sa.Index(None, "exercise_id"),
    sa.Index(None, "session_id"),
)

training_programs = sa.Table(
    "training_programs", metadata,
    id_column(),
    user_id_column(),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("description", sa.Text(), nullable=True),
    sa.Column("started_on", sa.Date(), nullable=True),
    sa.Column("active", sa.Boolean(), nullable=False, server_default=FALSE),
    *timestamps(),
    owner_index(),
)

program_weeks = sa.Table(
    "program_weeks", metadata,
    id_column(),
    parent_column("program_id", "training_programs.id"),
    user_id_column(),
    sa.Column("week_number", sa.SmallInteger(), nullable=False),
    sa.Column("title", sa.Text(), nullable=True),
    sa.Column("notes", sa.Text(), nullable=True),
    # [{"day": 1..7, "workout_id": "...", "notes": "..."}]: a week's plan is read whole.
    sa.Column("days", JSONB(), nullable=False, server_default=EMPTY_ARRAY),
    *timestamps(),
    sa.UniqueConstraint("program_id", "week_number"),
    sa.CheckConstraint("week_number >= 1", name="week_number_positive"),
    sa.CheckConstraint("jsonb_typeof(days) = 'array'", name="days_is_array"),
    sa.Index(None, "user_id"),
)
