"""The one MetaData of the schema and the column shapes every area repeats.

Server defaults, partial-index predicates and generated-column expressions are written the
way Postgres prints them back, so that autogenerate and migrate.drift() compare like with like. `updated_at` also carries a client-side `onupdate`:
any Core `update()` that does not set it stamps it with now().
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

NOW = sa.text("now()")
FALSE = sa.text("false")
TRUE = sa.text("true")
ZERO = sa.text("0")
EMPTY_OBJECT = sa.text("'{}'::jsonb")
EMPTY_ARRAY = sa.text("'[]'::jsonb")
EMPTY_TEXT_ARRAY = sa.text("'{}'::text[]")


def id_column() -> sa.Column:
    return sa.Column("id", UUID(as_uuid=True), primary_key=True, server_default=sa.text("gen_random_uuid()"))


def user_id_column(*, nullable: bool = False, primary_key: bool = False) -> sa.Column:
    """The owner of a row; deleting the user deletes what they own."""
    return sa.Column("user_id", UUID(as_uuid=True), sa.ForeignKey("users.id", ondelete="CASCADE"),
                     nullable=nullable, primary_key=primary_key)


def parent_column(name: str, target: str, *, nullable: bool = False, ondelete: str = "CASCADE",
                  primary_key: bool = False) -> sa.Column:
    return sa.Column(name, UUID(as_uuid=True), sa.ForeignKey(target, ondelete=ondelete), nullable=nullable,
                     primary_key=primary_key)


def created_at() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW)


def updated_at() -> sa.Column:
    return sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW,
                     onupdate=sa.func.now())


def timestamps() -> tuple[sa.Column, sa.Column]:
    return created_at(), updated_at()


def one_of(column: str, values: tuple[str, ...], *, name: str | None = None) -> sa.CheckConstraint:
    """Text + CHECK instead of a Postgres enum type: adding a value is one migration line."""
    listed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=name or column)


def not_negative(*columns: str) -> list[sa.CheckConstraint]:
    return [sa.CheckConstraint(f"{column} >= 0", name=f"{column}_not_negative") for column in columns]


def owner_index(*columns: str) -> sa.Index:
    """The keyset-pagination path of a user's list: (user_id, <order>, id)."""
    return sa.Index(None, "user_id", *(columns or ("created_at", "id")))
