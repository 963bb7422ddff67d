"""Onboarding: data-defined flows of steps and where each user stands in them."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from adapters.postgres.schema.base import (
    EMPTY_ARRAY, FALSE, NOW, TRUE, ZERO, id_column, metadata, not_negative, one_of, parent_column,
    timestamps, user_id_column,
)

onboarding_flows = sa.Table(
    "onboarding_flows", metadata,
    id_column(),
    sa.Column("key", sa.Text(), nullable=False),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("description", sa.Text(), nullable=True),
    sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")),
    sa.Column("active", sa.Boolean(), nullable=False, server_default=TRUE),
    *timestamps(),
    sa.UniqueConstraint("key"),
)

onboarding_steps = sa.Table(
    "onboarding_steps", metadata,
    id_column(),
    # Globally unique, so that POST /onboarding/steps/{key}/complete needs no flow.
    sa.Column("key", sa.Text(), nullable=False),
    parent_column("flow_id", "onboarding_flows.id"),
    sa.Column("position", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("body", sa.Text(), nullable=True),
    sa.Column("action", sa.Text(), nullable=True),  # where the UI sends the user, e.g. /focus
    sa.Column("optional", sa.Boolean(), nullable=False, server_default=FALSE),
    sa.Column("reward_points", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("reward_xp", sa.Integer(), nullable=False, server_default=ZERO),
    *timestamps(),
    sa.UniqueConstraint("key"),
    *not_negative("position", "reward_points", "reward_xp"),
    sa.Index(None, "flow_id", "position"),
)

user_onboarding_state = sa.Table(
    "user_onboarding_state", metadata,
    id_column(),
    user_id_column(),
    parent_column("flow_id", "onboarding_flows.id"),
    sa.Column("status", sa.Text(), nullable=False, server_default=sa.text("'in_progress'::text")),
    sa.Column("completed_steps", JSONB(), nullable=False, server_default=EMPTY_ARRAY),  # step keys
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
    sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("skipped_at", sa.DateTime(timezone=True), nullable=True),
    *timestamps(),
    sa.UniqueConstraint("user_id", "flow_id"),
    one_of("status", ("in_progress", "completed", "skipped")),
    sa.CheckConstraint("jsonb_typeof(completed_steps) = 'array'", name="completed_steps_is_array"),
    sa.Index(None, "flow_id"),
)
