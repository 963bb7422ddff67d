"""The activity feed (stats) and the admin audit log, which outlives what it describes."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import CITEXT, INET, JSONB, UUID

from adapters.postgres.schema.base import EMPTY_OBJECT, NOW, created_at, id_column, metadata, user_id_column

# event_type is open-ended ('focus.completed', 'habit.logged', ...): no CHECK, new kinds of
# activity need no migration.
activity_events = sa.Table(
    "activity_events", metadata,
    id_column(),
    user_id_column(),
    sa.Column("event_type", sa.Text(), nullable=False),
    sa.Column("subject_type", sa.Text(), nullable=True),
    sa.Column("subject_id", sa.Text(), nullable=True),
    sa.Column("data", JSONB(), nullable=False, server_default=EMPTY_OBJECT),
    sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
    sa.Column("local_date", sa.Date(), nullable=True),  # the user's day when it happened
    created_at(),
    sa.Index(None, "user_id", "occurred_at", "id"),
    sa.Index(None, "user_id", "event_type", "occurred_at"),
    sa.Index(None, "user_id", "local_date"),
    sa.Index(None, "occurred_at"),  # admin stats across users
)

# No foreign key and no user_id: history outlives deletions of actors and targets.
admin_audit_log = sa.Table(
    "admin_audit_log", metadata,
    id_column(),
    sa.Column("actor_id", UUID(as_uuid=True), nullable=True),  # NULL: the CLI or the system
    sa.Column("actor_email", CITEXT(), nullable=True),
    sa.Column("action", sa.Text(), nullable=False),
    sa.Column("target_type", sa.Text(), nullable=False),
    sa.Column("target_id", sa.Text(), nullable=True),
    sa.Column("before", JSONB(), nullable=True),
    sa.Column("after", JSONB(), nullable=True),
    sa.Column("request_id", sa.Text(), nullable=True),
    sa.Column("ip", INET(), nullable=True),
    created_at(),
    sa.Index(None, "created_at", "id"),
    sa.Index(None, "actor_id", "created_at"),
    sa.Index(None, "target_type", "target_id", "created_at"),
)
