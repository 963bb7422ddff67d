"""Uploaded files (bytes live in the blob store under `key`), audio reference tracks, analyses."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from adapters.postgres.schema.base import (
    EMPTY_ARRAY, id_column, metadata, not_negative, one_of, owner_index, parent_column, timestamps,
    created_at, user_id_column,
)

blobs = sa.Table(
    "blobs", metadata,
    id_column(),
    user_id_column(),
    sa.Column("storage_key", sa.Text(), nullable=False),  # {user_id}/{category}/{uuid}
    sa.Column("category", sa.Text(), nullable=False),
    sa.Column("content_type", sa.Text(), nullable=False),  # sniffed from the bytes
    sa.Column("size_bytes", sa.BigInteger(), nullable=False),
    sa.Column("filename", sa.Text(), nullable=True),  # safe display name for Content-Disposition
    sa.Column("sha256", sa.Text(), nullable=True),  # lowercase hex
    created_at(),
    sa.UniqueConstraint("storage_key"),
    one_of("category", ("image", "audio", "document")),
    *not_negative("size_bytes"),
    sa.CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name="sha256_hex"),
    owner_index(),
    sa.Index(None, "user_id", "category", "created_at", "id"),
)

# A track either points at a blob row or holds its own storage key (tracks uploaded through
# /tracks); content_type and size are copied beside it for listing without a join.
reference_tracks = sa.Table(
    "reference_tracks", metadata,
    id_column(),
    user_id_column(),
    parent_column("blob_id", "blobs.id", nullable=True),
    sa.Column("storage_key", sa.Text(), nullable=True),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("filename", sa.Text(), nullable=True),
    sa.Column("content_type", sa.Text(), nullable=False),
    sa.Column("size_bytes", sa.BigInteger(), nullable=False),
    sa.Column("sha256", sa.Text(), nullable=True),
    *timestamps(),
    sa.UniqueConstraint("storage_key"),
    sa.UniqueConstraint("blob_id"),
    sa.CheckConstraint("blob_id IS NOT NULL OR storage_key IS NOT NULL", name="has_bytes"),
    *not_negative("size_bytes"),
    sa.CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name="sha256_hex"),
    owner_index(),
)

track_analysis_cache = sa.Table(
    "track_analysis_cache", metadata,
    parent_column("track_id", "reference_tracks.id", primary_key=True),
    user_id_column(),
    sa.Column("bpm", sa.Float(), nullable=False),
    sa.Column("key", sa.Text(), nullable=True),  # the musical key, e.g. "A minor"
    sa.Column("loudness_lufs", sa.Float(), nullable=True),
    sa.Column("duration_seconds", sa.Float(), nullable=False),
    sa.Column("waveform", JSONB(), nullable=False, server_default=EMPTY_ARRAY),  # ≤ 4096 floats 0..1
    sa.Column("analyzer_version", sa.Text(), nullable=False),
    *timestamps(),
    sa.CheckConstraint("bpm > 0", name="bpm_positive"),
    *not_negative("duration_seconds"),
    sa.CheckConstraint("jsonb_typeof(waveform) = 'array'", name="waveform_is_array"),
    sa.CheckConstraint("jsonb_array_length(waveform) <= 4096", name="waveform_length"),
    sa.Index(None, "user_id"),
)
