"""Writing: the knowledge base (full-text searched), ideas, daily plans and feedback."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR

from adapters.postgres.schema.base import (
    EMPTY_ARRAY, EMPTY_TEXT_ARRAY, FALSE, id_column, metadata, one_of, owner_index, timestamps,
    user_id_column,
)

# Written as Postgres prints it back, so that the reflected expression matches.
SEARCH_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, title), 'A'::\"char\") || "
    "setweight(to_tsvector('english'::regconfig, content), 'B'::\"char\"))"
)

infobase_entries = sa.Table(
    "infobase_entries", metadata,
    id_column(),
    user_id_column(),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("content", sa.Text(), nullable=False, server_default=sa.text("''::text")),
    sa.Column("tags", sa.ARRAY(sa.Text()), nullable=False, server_default=EMPTY_TEXT_ARRAY),
    sa.Column("search_vector", TSVECTOR(), sa.Computed(SEARCH_VECTOR, persisted=True), nullable=True),
    *timestamps(),
    owner_index(),
    owner_index("updated_at", "id"),
    sa.Index(None, "search_vector", postgresql_using="gin"),
    sa.Index(None, "tags", postgresql_using="gin"),
)

ideas = sa.Table(
    "ideas", metadata,
    id_column(),
    user_id_column(),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("body", sa.Text(), nullable=True),
    sa.Column("tags", sa.ARRAY(sa.Text()), nullable=False, server_default=EMPTY_TEXT_ARRAY),
    sa.Column("pinned", sa.Boolean(), nullable=False, server_default=FALSE),
    *timestamps(),
    owner_index(),
    sa.Index(None, "tags", postgresql_using="gin"),
)

daily_plans = sa.Table(
    "daily_plans", metadata,
    id_column(),
    user_id_column(),
    sa.Column("plan_date", sa.Date(), nullable=False),
    sa.Column("items", JSONB(), nullable=False, server_default=EMPTY_ARRAY),  # [{title, done}]
    sa.Column("notes", sa.Text(), nullable=True),
    *timestamps(),
    sa.UniqueConstraint("user_id", "plan_date"),  # also the list path, by date
    sa.CheckConstraint("jsonb_typeof(items) = 'array'", name="items_is_array"),
)

feedback = sa.Table(
    "feedback", metadata,
    id_column(),
    user_id_column(),
    sa.Column("kind", sa.Text(), nullable=False),
    sa.Column("message", sa.Text(), nullable=False),
    sa.Column("status", sa.Text(), nullable=False, server_default=sa.text("'new'::text")),
    sa.Column("admin_notes", sa.Text(), nullable=True),
    sa.Column("page", sa.Text(), nullable=True),  # where in the UI it was sent from
    sa.Column("user_agent", sa.Text(), nullable=True),
    *timestamps(),
    one_of("kind", ("bug", "idea", "other")),
    one_of("status", ("new", "in_progress", "resolved", "closed", "wont_fix")),
    owner_index(),
    sa.Index(None, "created_at", "id"),  # admin list
    sa.Index(None, "status", "created_at", "id"),  # admin list by status
)
