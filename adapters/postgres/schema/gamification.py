"""Points and XP: wallet, ledger, achievements, the rewards market, idempotent retries."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from adapters.postgres.schema.base import (
    NOW, TRUE, ZERO, created_at, id_column, metadata, not_negative, one_of, owner_index,
    parent_column, timestamps, updated_at, user_id_column,
)

# What achievements and universal quests can count. The domain owns the meaning; the CHECK
# only stops a typo from creating a condition that can never be met.
METRICS = (
    "focus_sessions_completed", "focus_minutes", "habit_logs_done", "streak_days",
    "purchases_made", "level_reached", "quests_completed", "lessons_completed",
    "books_finished", "pages_read", "reading_minutes", "workouts_completed",
    "goals_completed", "milestones_completed", "ideas_created", "infobase_entries_created",
    "points_earned", "xp_earned", "onboarding_completed", "daily_plans_completed",
)

user_wallet = sa.Table(
    "user_wallet", metadata,
    user_id_column(primary_key=True),
    sa.Column("balance", sa.BigInteger(), nullable=False, server_default=ZERO),
    sa.Column("xp", sa.BigInteger(), nullable=False, server_default=ZERO),
    updated_at(),
    *not_negative("balance", "xp"),
)

points_ledger = sa.Table(
    "points_ledger", metadata,
    id_column(),
    user_id_column(),
    sa.Column("delta", sa.BigInteger(), nullable=False),
    sa.Column("balance_after", sa.BigInteger(), nullable=False),
    sa.Column("xp_delta", sa.BigInteger(), nullable=False, server_default=ZERO),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("source_type", sa.Text(), nullable=False),
    sa.Column("source_id", sa.Text(), nullable=False),
    created_at(),
    *not_negative("balance_after"),
    # An award's source is unique: a retried award is a no-op (ON CONFLICT DO NOTHING).
    sa.UniqueConstraint("user_id", "source_type", "source_id"),
    owner_index(),
)

achievement_definitions = sa.Table(
    "achievement_definitions", metadata,
    id_column(),
    sa.Column("key", sa.Text(), nullable=True),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("description", sa.Text(), nullable=True),
    sa.Column("icon", sa.Text(), nullable=True),
    sa.Column("condition_type", sa.Text(), nullable=False),
    sa.Column("threshold", sa.BigInteger(), nullable=False),
    sa.Column("reward_points", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("reward_xp", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("active", sa.Boolean(), nullable=False, server_default=TRUE),
    sa.Column("sort_order", sa.Integer(), nullable=False, server_default=ZERO),
    *timestamps(),
    sa.UniqueConstraint("key"),
    one_of("condition_type", METRICS),
    sa.CheckConstraint("threshold > 0", name="threshold_positive"),
    *not_negative("reward_points", "reward_xp"),
    sa.Index(None, "condition_type"),  # "which definitions does this event touch?"
)

user_achievements = sa.Table(
    "user_achievements", metadata,
    id_column(),
    user_id_column(),
    parent_column("achievement_id", "achievement_definitions.id"),
    sa.Column("unlocked_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
    sa.Column("points_awarded", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("xp_awarded", sa.Integer(), nullable=False, server_default=ZERO),
    sa.UniqueConstraint("user_id", "achievement_id"),  # unlocked at most once
    *not_negative("points_awarded", "xp_awarded"),
    owner_index("unlocked_at", "id"),
    sa.Index(None, "achievement_id"),
)

market_items = sa.Table(
    "market_items", metadata,
    id_column(),
    sa.Column("key", sa.Text(), nullable=True),  # catalog rows only
    user_id_column(nullable=True),  # NULL: the catalog; set: a personal reward seen by its owner
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("description", sa.Text(), nullable=True),
    sa.Column("category", sa.Text(), nullable=True),
    sa.Column("icon", sa.Text(), nullable=True),
    sa.Column("cost", sa.BigInteger(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False, server_default=TRUE),
    sa.Column("sort_order", sa.Integer(), nullable=False, server_default=ZERO),
    *timestamps(),
    sa.UniqueConstraint("key"),
    *not_negative("cost"),
    sa.CheckConstraint("key IS NULL OR user_id IS NULL", name="keyed_rows_are_catalog"),
    owner_index(),
    sa.Index("ix_market_items_catalog", "sort_order", "id", postgresql_where=sa.text("(user_id IS NULL)")),
)

user_purchases = sa.Table(
    "user_purchases", metadata,
    id_column(),
    user_id_column(),
    # History outlives the item: the name and the price paid are copied at purchase time.
    parent_column("item_id", "market_items.id", nullable=True, ondelete="SET NULL"),
    sa.Column("item_name", sa.Text(), nullable=False),
    sa.Column("cost", sa.BigInteger(), nullable=False),
    sa.Column("status", sa.Text(), nullable=False, server_default=sa.text("'purchased'::text")),
    sa.Column("redeemed_at", sa.DateTime(timezone=True), nullable=True),
    *timestamps(),
    *not_negative("cost"),
    one_of("status", ("purchased", "redeemed", "refunded")),
    sa.CheckConstraint("status <> 'redeemed' OR redeemed_at IS NOT NULL", name="redeemed_has_time"),
    owner_index(),
    sa.Index(None, "item_id"),
)

idempotency_keys = sa.Table(
    "idempotency_keys", metadata,
    user_id_column(primary_key=True),
    sa.Column("key", sa.Text(), primary_key=True),
    sa.Column("method", sa.Text(), nullable=False),
    sa.Column("path", sa.Text(), nullable=False),
    sa.Column("request_fingerprint", sa.Text(), nullable=True),  # e.g. a hash of the body
    sa.Column("response_status", sa.SmallInteger(), nullable=True),  # NULL while in flight
    sa.Column("response_body", JSONB(), nullable=True),
    created_at(),
    sa.CheckConstraint("response_status BETWEEN 100 AND 599", name="response_status_range"),
    sa.Index(None, "created_at"),  # purge after 24 h
)
