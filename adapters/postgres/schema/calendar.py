"""Calendar events; a recurring series is one row with an RRULE, expanded when read."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema.base import FALSE, id_column, metadata, owner_index, timestamps, user_id_column

calendar_events = sa.Table(
    "calendar_events", metadata,
    id_column(),
    user_id_column(),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("description", sa.Text(), nullable=True),
    sa.Column("location", sa.Text(), nullable=True),
    sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("all_day", sa.Boolean(), nullable=False, server_default=FALSE),
    sa.Column("recurrence_rule", sa.Text(), nullable=True),  # RFC 5545 RRULE
    # The end of the series (UNTIL or last COUNT occurrence); NULL: endless or not recurring.
    sa.Column("recurrence_until", sa.DateTime(timezone=True), nullable=True),
    sa.Column("timezone", sa.Text(), nullable=True),  # the zone the RRULE is expanded in
    sa.Column("color", sa.Text(), nullable=True),
    *timestamps(),
    sa.CheckConstraint("ends_at >= starts_at", name="ends_after_start"),
    sa.CheckConstraint("recurrence_until IS NULL OR recurrence_rule IS NOT NULL", name="until_needs_rule"),
    # Single events in a range: user_id = ? AND starts_at < :to AND ends_at > :from.
    owner_index("starts_at", "id"),
    # Series that may have occurrences in a range are few per user; fetch them all.
    sa.Index("ix_calendar_events_series", "user_id", "starts_at",
             postgresql_where=sa.text("(recurrence_rule IS NOT NULL)")),
)
