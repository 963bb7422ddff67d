"""Learning content (topics of ordered lessons) and each user's lesson progress."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema.base import (
    NOW, TRUE, ZERO, id_column, metadata, not_negative, parent_column, timestamps, user_id_column,
)

learn_topics = sa.Table(
    "learn_topics", metadata,
    id_column(),
    sa.Column("key", sa.Text(), nullable=True),  # seeded rows; admins may add rows without one
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("description", sa.Text(), nullable=True),
    sa.Column("icon", sa.Text(), nullable=True),
    sa.Column("position", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("published", sa.Boolean(), nullable=False, server_default=TRUE),
    *timestamps(),
    sa.UniqueConstraint("key"),
    sa.Index(None, "position", "id"),
)

learn_lessons = sa.Table(
    "learn_lessons", metadata,
    id_column(),
    sa.Column("key", sa.Text(), nullable=True),
    parent_column("topic_id", "learn_topics.id"),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("summary", sa.Text(), nullable=True),
    sa.Column("content", sa.Text(), nullable=False, server_default=sa.text("''::text")),
    sa.Column("position", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("duration_minutes", sa.SmallInteger(), nullable=True),
    sa.Column("reward_points", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("reward_xp", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("published", sa.Boolean(), nullable=False, server_default=TRUE),
    *timestamps(),
    sa.UniqueConstraint("key"),
    *not_negative("position", "duration_minutes", "reward_points", "reward_xp"),
    sa.Index(None, "topic_id", "position", "id"),
)

user_lesson_progress = sa.Table(
    "user_lesson_progress", metadata,
    id_column(),
    user_id_column(),
    parent_column("lesson_id", "learn_lessons.id"),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
    sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("points_awarded", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("xp_awarded", sa.Integer(), nullable=False, server_default=ZERO),
    *timestamps(),
    sa.UniqueConstraint("user_id", "lesson_id"),  # completing again awards nothing
    *not_negative("points_awarded", "xp_awarded"),
    sa.Index(None, "lesson_id"),
)
