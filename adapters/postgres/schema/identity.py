"""People, their provider accounts, login sessions and pending OAuth transactions."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import BYTEA, CITEXT, INET, JSONB

from adapters.postgres.schema.base import (
    EMPTY_OBJECT, FALSE, NOW, created_at, id_column, metadata, one_of, owner_index, parent_column,
    timestamps, updated_at, user_id_column,
)

PROVIDERS = ("google", "microsoft")

users = sa.Table(
    "users", metadata,
    id_column(),
    sa.Column("email", CITEXT(), nullable=True),
    sa.Column("email_verified", sa.Boolean(), nullable=False, server_default=FALSE),
    sa.Column("name", sa.Text(), nullable=True),
    sa.Column("image", sa.Text(), nullable=True),
    sa.Column("role", sa.Text(), nullable=False, server_default=sa.text("'user'::text")),
    sa.Column("role_source", sa.Text(), nullable=True),
    sa.Column("timezone", sa.Text(), nullable=False, server_default=sa.text("'UTC'::text")),
    sa.Column("day_start_hour", sa.SmallInteger(), nullable=False, server_default=sa.text("0")),
    sa.Column("tos_version", sa.Text(), nullable=True),
    sa.Column("tos_accepted_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("birthdate", sa.Date(), nullable=True),
    sa.Column("age_verified", sa.Boolean(), nullable=False, server_default=FALSE),
    sa.Column("disabled", sa.Boolean(), nullable=False, server_default=FALSE),
    sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    *timestamps(),
    one_of("role", ("user", "admin")),
    one_of("role_source", ("admin_emails", "manual")),
    sa.CheckConstraint("day_start_hour BETWEEN 0 AND 23", name="day_start_hour_range"),
    # Emails are unique among verified ones only: an unverified email claims nothing.
    sa.Index("uq_users_verified_email", "email", unique=True, postgresql_where=sa.text("email_verified")),
    sa.Index(None, "email"),  # admin search and dev login, verified or not
    sa.Index(None, "created_at", "id"),  # admin user list (keyset)
)

user_settings = sa.Table(
    "user_settings", metadata,
    user_id_column(primary_key=True),
    sa.Column("settings", JSONB(), nullable=False, server_default=EMPTY_OBJECT),
    sa.Column("vacation_from", sa.Date(), nullable=True),
    sa.Column("vacation_to", sa.Date(), nullable=True),
    updated_at(),
    sa.CheckConstraint("vacation_to IS NULL OR vacation_from IS NULL OR vacation_to >= vacation_from",
                       name="vacation_order"),
    sa.CheckConstraint("vacation_to IS NULL OR vacation_from IS NOT NULL", name="vacation_has_start"),
)

accounts = sa.Table(
    "accounts", metadata,
    id_column(),
    user_id_column(),
    sa.Column("provider", sa.Text(), nullable=False),
    sa.Column("provider_account_id", sa.Text(), nullable=False),  # the OIDC `sub`
    sa.Column("email", CITEXT(), nullable=True),
    sa.Column("email_verified", sa.Boolean(), nullable=False, server_default=FALSE),
    sa.Column("oid", sa.Text(), nullable=True),
    sa.Column("tid", sa.Text(), nullable=True),
    created_at(),
    one_of("provider", PROVIDERS),
    sa.UniqueConstraint("provider", "provider_account_id"),
    sa.Index(None, "user_id"),
)

sessions = sa.Table(
    "sessions", metadata,
    id_column(),
    user_id_column(),
    sa.Column("token_hash", BYTEA(), nullable=False),
    created_at(),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_active_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
    sa.Column("user_agent", sa.Text(), nullable=True),
    sa.Column("ip", INET(), nullable=True),
    sa.UniqueConstraint("token_hash"),
    sa.CheckConstraint("octet_length(token_hash) = 32", name="token_hash_length"),
    owner_index("created_at"),  # "my sessions", newest first
    sa.Index(None, "expires_at"),  # cleanup of dead sessions
)

oauth_states = sa.Table(
    "oauth_states", metadata,
    id_column(),
    sa.Column("state_hash", BYTEA(), nullable=False),
    sa.Column("provider", sa.Text(), nullable=False),
    sa.Column("code_verifier", sa.Text(), nullable=False),
    sa.Column("nonce", sa.Text(), nullable=False),
    sa.Column("redirect_to", sa.Text(), nullable=False),
    sa.Column("browser_hash", BYTEA(), nullable=False),
    parent_column("link_user_id", "users.id", nullable=True),
    created_at(),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("state_hash"),
    one_of("provider", PROVIDERS),
    sa.Index(None, "expires_at"),  # cleanup of stale transactions
    sa.Index(None, "link_user_id"),  # the cascade from users
)
