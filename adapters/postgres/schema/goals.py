"""Goals and their milestones."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema.base import (
    FALSE, ZERO, id_column, metadata, one_of, owner_index, parent_column, timestamps, user_id_column,
)

goals = sa.Table(
    "goals", metadata,
    id_column(),
    user_id_column(),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("description", sa.Text(), nullable=True),
    sa.Column("target_date", sa.Date(), nullable=True),
    sa.Column("status", sa.Text(), nullable=False, server_default=sa.text("'active'::text")),
    sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
    *timestamps(),
    one_of("status", ("active", "completed", "archived")),
    sa.CheckConstraint("status <> 'completed' OR completed_at IS NOT NULL", name="completed_has_time"),
    owner_index(),
)

goal_milestones = sa.Table(
    "goal_milestones", metadata,
    id_column(),
    parent_column("goal_id", "goals.id"),
    user_id_column(),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("due_date", sa.Date(), nullable=True),
    sa.Column("done", sa.Boolean(), nullable=False, server_default=FALSE),
    sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False, server_default=ZERO),
    *timestamps(),
    sa.CheckConstraint("NOT done OR done_at IS NOT NULL", name="done_has_time"),
    sa.CheckConstraint("position >= 0", name="position_not_negative"),
    sa.Index(None, "goal_id", "position", "id"),
    owner_index(),
)
