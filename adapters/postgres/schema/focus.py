"""Focus sessions (a timer with pauses) and the open pause of a paused session."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema.base import (
    NOW, ZERO, id_column, metadata, not_negative, one_of, owner_index, parent_column, timestamps,
    user_id_column,
)

focus_sessions = sa.Table(
    "focus_sessions", metadata,
    id_column(),
    user_id_column(),
    sa.Column("mode", sa.Text(), nullable=False),
    sa.Column("status", sa.Text(), nullable=False, server_default=sa.text("'active'::text")),
    sa.Column("duration", sa.Integer(), nullable=False),  # planned seconds
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
    sa.Column("paused_seconds", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("focused_seconds", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("points_awarded", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("xp_awarded", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("abandoned_at", sa.DateTime(timezone=True), nullable=True),
    *timestamps(),
    one_of("mode", ("focus", "break", "long_break")),
    one_of("status", ("active", "paused", "completed", "abandoned")),
    sa.CheckConstraint("duration BETWEEN 60 AND 14400", name="duration_range"),
    *not_negative("paused_seconds", "focused_seconds", "points_awarded", "xp_awarded"),
    sa.CheckConstraint("focused_seconds <= duration", name="focused_within_duration"),
    sa.CheckConstraint("status <> 'completed' OR completed_at IS NOT NULL", name="completed_has_time"),
    sa.CheckConstraint("status <> 'abandoned' OR abandoned_at IS NOT NULL", name="abandoned_has_time"),
    # One active-or-paused session per user: a second start fails with a unique violation.
    sa.Index("uq_focus_sessions_one_open", "user_id", unique=True,
             postgresql_where=sa.text("(status = ANY (ARRAY['active'::text, 'paused'::text]))")),
    owner_index("started_at", "id"),  # list, stats by day
)

focus_pause_state = sa.Table(
    "focus_pause_state", metadata,
    parent_column("session_id", "focus_sessions.id", primary_key=True),
    user_id_column(),
    sa.Column("paused_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index(None, "user_id"),
    sa.Index(None, "paused_at"),  # cleanup of stale pause states
)
