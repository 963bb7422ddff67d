"""Habits, one log per habit and local day, and the cached streaks derived from the logs."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema.base import (
    FALSE, NOW, ZERO, id_column, metadata, not_negative, one_of, owner_index, parent_column,
    timestamps, user_id_column,
)

habits = sa.Table(
    "habits", metadata,
    id_column(),
    user_id_column(),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("description", sa.Text(), nullable=True),
    sa.Column("frequency", sa.Text(), nullable=False, server_default=sa.text("'daily'::text")),
    sa.Column("days", sa.ARRAY(sa.SmallInteger()), nullable=True),  # ISO weekdays 1 (Mon)..7 (Sun)
    sa.Column("times", sa.SmallInteger(), nullable=True),  # for times_per_week
    sa.Column("color", sa.Text(), nullable=True),
    sa.Column("icon", sa.Text(), nullable=True),
    sa.Column("archived", sa.Boolean(), nullable=False, server_default=FALSE),
    *timestamps(),
    one_of("frequency", ("daily", "weekdays", "times_per_week")),
    sa.CheckConstraint("times BETWEEN 1 AND 7", name="times_range"),
    sa.CheckConstraint("days <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[]", name="days_are_weekdays"),
    owner_index(),
)

habit_logs = sa.Table(
    "habit_logs", metadata,
    id_column(),
    parent_column("habit_id", "habits.id"),
    user_id_column(),
    sa.Column("local_date", sa.Date(), nullable=False),  # the user's day (timezone + day_start_hour)
    sa.Column("status", sa.Text(), nullable=False, server_default=sa.text("'done'::text")),
    sa.Column("count", sa.Integer(), nullable=False, server_default=sa.text("1")),
    sa.Column("points_awarded", sa.Integer(), nullable=False, server_default=ZERO),
    *timestamps(),
    sa.UniqueConstraint("habit_id", "local_date"),  # the same date again replaces that day's log
    one_of("status", ("done", "skipped")),
    sa.CheckConstraint("count >= 1", name="count_positive"),
    *not_negative("points_awarded"),
    sa.Index(None, "user_id", "local_date"),  # streaks, stats and "today" across habits
)

# Streaks are derived from logs and cached here, never moved by hand. kind 'habit' is per
# habit (habit_id set); the other kinds are account-wide (habit_id NULL). NULLS NOT DISTINCT
# makes (user_id, kind, habit_id) one conflict target for upserts of both shapes.
user_streaks = sa.Table(
    "user_streaks", metadata,
    id_column(),
    user_id_column(),
    sa.Column("kind", sa.Text(), nullable=False),
    parent_column("habit_id", "habits.id", nullable=True),
    sa.Column("current_streak", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("longest_streak", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("last_date", sa.Date(), nullable=True),  # the latest local day that counted
    sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
    one_of("kind", ("habit", "habits", "focus", "activity", "reading", "learn", "workout")),
    sa.CheckConstraint("(kind = 'habit') = (habit_id IS NOT NULL)", name="habit_kind_has_habit"),
    *not_negative("current_streak", "longest_streak"),
    sa.CheckConstraint("longest_streak >= current_streak", name="longest_covers_current"),
    sa.UniqueConstraint("user_id", "kind", "habit_id", postgresql_nulls_not_distinct=True),
    sa.Index(None, "habit_id"),
)
