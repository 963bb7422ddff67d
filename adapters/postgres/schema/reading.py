"""Books and the reading sessions logged against them."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema.base import (
    NOW, ZERO, created_at, id_column, metadata, not_negative, one_of, owner_index, parent_column,
    timestamps, user_id_column,
)

books = sa.Table(
    "books", metadata,
    id_column(),
    user_id_column(),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("author", sa.Text(), nullable=True),
    sa.Column("total_pages", sa.Integer(), nullable=True),
    sa.Column("current_page", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("status", sa.Text(), nullable=False, server_default=sa.text("'want_to_read'::text")),
    sa.Column("rating", sa.SmallInteger(), nullable=True),
    sa.Column("notes", sa.Text(), nullable=True),
    sa.Column("started_on", sa.Date(), nullable=True),
    sa.Column("finished_on", sa.Date(), nullable=True),
    *timestamps(),
    one_of("status", ("want_to_read", "reading", "finished", "abandoned")),
    sa.CheckConstraint("total_pages > 0", name="total_pages_positive"),
    *not_negative("current_page"),
    sa.CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    owner_index(),
    sa.Index(None, "user_id", "status"),
)

reading_sessions = sa.Table(
    "reading_sessions", metadata,
    id_column(),
    parent_column("book_id", "books.id"),
    user_id_column(),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
    sa.Column("minutes", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("pages_read", sa.Integer(), nullable=False, server_default=ZERO),
    sa.Column("start_page", sa.Integer(), nullable=True),
    sa.Column("end_page", sa.Integer(), nullable=True),
    sa.Column("notes", sa.Text(), nullable=True),
    created_at(),
    *not_negative("minutes", "pages_read", "start_page", "end_page"),
    sa.CheckConstraint("end_page IS NULL OR start_page IS NULL OR end_page >= start_page",
                       name="pages_in_order"),
    sa.Index(None, "book_id", "started_at", "id"),
    owner_index("started_at", "id"),  # reading stats over the user's days
)
