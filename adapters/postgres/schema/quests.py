"""Quests: universal ones defined by admins (per period) and the user's own (XP only)."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema.base import (
    TRUE, ZERO, id_column, metadata, not_negative, one_of, owner_index, parent_column, timestamps,
    user_id_column,
)
from adapters.postgres.schema.gamification import METRICS

quests = sa.Table(
    "quests", metadata,
    id_column(),
    user_id_column(),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("description", sa.Text(), nullable=True),
    sa.Column("target", sa.Integer(), nullable=False),
    sa.Column("progress", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("due_date", sa.Date(), nullable=True),
    sa.Column("status", sa.Text(), nullable=False, server_default=sa.text("'active'::text")),
    sa.Column("reward_xp", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
    *timestamps(),
    sa.CheckConstraint("target > 0", name="target_positive"),
    *not_negative("progress", "reward_xp"),
    one_of("status", ("active", "completed", "archived")),
    sa.CheckConstraint("status <> 'completed' OR completed_at IS NOT NULL", name="completed_has_time"),
    owner_index(),
)

universal_quests = sa.Table(
    "universal_quests", metadata,
    id_column(),
    sa.Column("key", sa.Text(), nullable=True),  # seeded rows; admins may add rows without one
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("description", sa.Text(), nullable=True),
    sa.Column("metric", sa.Text(), nullable=False),
    sa.Column("target", sa.BigInteger(), nullable=False),
    sa.Column("period", sa.Text(), nullable=False),
    sa.Column("reward_points", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("reward_xp", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("active", sa.Boolean(), nullable=False, server_default=TRUE),
    sa.Column("sort_order", sa.Integer(), nullable=False, server_default=ZERO),
    *timestamps(),
    sa.UniqueConstraint("key"),
    one_of("metric", METRICS),
    one_of("period", ("daily", "weekly", "once")),
    sa.CheckConstraint("target > 0", name="target_positive"),
    *not_negative("reward_points", "reward_xp"),
    sa.Index(None, "metric"),  # "which quests does this event advance?"
)

user_quest_progress = sa.Table(
    "user_quest_progress", metadata,
    id_column(),
    user_id_column(),
    parent_column("quest_id", "universal_quests.id"),
    # The user's period: '2024-05-01' (daily), '2024-W18' (ISO week), 'once'.
    sa.Column("period_key", sa.Text(), nullable=False),
    sa.Column("progress", sa.BigInteger(), nullable=False, server_default=ZERO),
    sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("points_awarded", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("xp_awarded", sa.Integer(), nullable=False, server_default=ZERO),
    *timestamps(),
    sa.UniqueConstraint("user_id", "quest_id", "period_key"),  # completion rewards once per period
    *not_negative("progress", "points_awarded", "xp_awarded"),
    sa.Index(None, "user_id", "period_key"),
    sa.Index(None, "quest_id"),
)
