"""Initial schema: every table of DESIGN §7.

Written from autogenerate against adapters.postgres.schema and tidied by hand; the drift
test (tests/integration/test_migrations.py) fails when this and the metadata disagree.

Revision ID: 0001
Revises:
Create Date: 2025-11-26
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # citext for emails; gen_random_uuid() is built into Postgres 13+.
    op.execute("CREATE EXTENSION IF NOT EXISTS citext")
    op.create_table('achievement_definitions',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('key', sa.Text(), nullable=True),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('icon', sa.Text(), nullable=True),
        sa.Column('condition_type', sa.Text(), nullable=False),
        sa.Column('threshold', sa.BigInteger(), nullable=False),
        sa.Column('reward_points', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('reward_xp', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
        sa.Column('sort_order', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("condition_type IN ('focus_sessions_completed', 'focus_minutes', 'habit_logs_done', 'streak_days', 'purchases_made', 'level_reached', 'quests_completed', 'lessons_completed', 'books_finished', 'pages_read', 'reading_minutes', 'workouts_completed', 'goals_completed', 'milestones_completed', 'ideas_created', 'infobase_entries_created', 'points_earned', 'xp_earned', 'onboarding_completed', 'daily_plans_completed')", name=op.f('ck_achievement_definitions_condition_type')),
        sa.CheckConstraint('reward_points >= 0', name=op.f('ck_achievement_definitions_reward_points_not_negative')),
        sa.CheckConstraint('reward_xp >= 0', name=op.f('ck_achievement_definitions_reward_xp_not_negative')),
        sa.CheckConstraint('threshold > 0', name=op.f('ck_achievement_definitions_threshold_positive')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_achievement_definitions')),
        sa.UniqueConstraint('key', name=op.f('uq_achievement_definitions_key'))
    )
    op.create_index(op.f('ix_achievement_definitions_condition_type'), 'achievement_definitions', ['condition_type'], unique=False)
    op.create_table('admin_audit_log',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('actor_id', sa.UUID(), nullable=True),
        sa.Column('actor_email', postgresql.CITEXT(), nullable=True),
        sa.Column('action', sa.Text(), nullable=False),
        sa.Column('target_type', sa.Text(), nullable=False),
        sa.Column('target_id', sa.Text(), nullable=True),
        sa.Column('before', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column('after', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column('request_id', sa.Text(), nullable=True),
        sa.Column('ip', postgresql.INET(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_audit_log'))
    )
    op.create_index(op.f('ix_admin_audit_log_actor_id_created_at'), 'admin_audit_log', ['actor_id', 'created_at'], unique=False)
    op.create_index(op.f('ix_admin_audit_log_created_at_id'), 'admin_audit_log', ['created_at', 'id'], unique=False)
    op.create_index(op.f('ix_admin_audit_log_target_type_target_id_created_at'), 'admin_audit_log', ['target_type', 'target_id', 'created_at'], unique=False)
    op.create_table('learn_topics',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('key', sa.Text(), nullable=True),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('icon', sa.Text(), nullable=True),
        sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('published', sa.Boolean(), server_default=sa.text('true'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_learn_topics')),
        sa.UniqueConstraint('key', name=op.f('uq_learn_topics_key'))
    )
    op.create_index(op.f('ix_learn_topics_position_id'), 'learn_topics', ['position', 'id'], unique=False)
    op.create_table('onboarding_flows',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
        sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_onboarding_flows')),
        sa.UniqueConstraint('key', name=op.f('uq_onboarding_flows_key'))
    )
    op.create_table('universal_quests',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('key', sa.Text(), nullable=True),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('metric', sa.Text(), nullable=False),
        sa.Column('target', sa.BigInteger(), nullable=False),
        sa.Column('period', sa.Text(), nullable=False),
        sa.Column('reward_points', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('reward_xp', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
        sa.Column('sort_order', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("metric IN ('focus_sessions_completed', 'focus_minutes', 'habit_logs_done', 'streak_days', 'purchases_made', 'level_reached', 'quests_completed', 'lessons_completed', 'books_finished', 'pages_read', 'reading_minutes', 'workouts_completed', 'goals_completed', 'milestones_completed', 'ideas_created', 'infobase_entries_created', 'points_earned', 'xp_earned', 'onboarding_completed', 'daily_plans_completed')", name=op.f('ck_universal_quests_metric')),
        sa.CheckConstraint("period IN ('daily', 'weekly', 'once')", name=op.f('ck_universal_quests_period')),
        sa.CheckConstraint('reward_points >= 0', name=op.f('ck_universal_quests_reward_points_not_negative')),
        sa.CheckConstraint('reward_xp >= 0', name=op.f('ck_universal_quests_reward_xp_not_negative')),
        sa.CheckConstraint('target > 0', name=op.f('ck_universal_quests_target_positive')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_universal_quests')),
        sa.UniqueConstraint('key', name=op.f('uq_universal_quests_key'))
    )
    op.create_index(op.f('ix_universal_quests_metric'), 'universal_quests', ['metric'], unique=False)
    op.create_table('users',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('email', postgresql.CITEXT(), nullable=True),
        sa.Column('email_verified', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.Column('name', sa.Text(), nullable=True),
        sa.Column('image', sa.Text(), nullable=True),
        sa.Column('role', sa.Text(), server_default=sa.text("'user'::text"), nullable=False),
        sa.Column('role_source', sa.Text(), nullable=True),
        sa.Column('timezone', sa.Text(), server_default=sa.text("'UTC'::text"), nullable=False),
        sa.Column('day_start_hour', sa.SmallInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('tos_version', sa.Text(), nullable=True),
        sa.Column('tos_accepted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('birthdate', sa.Date(), nullable=True),
        sa.Column('age_verified', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.Column('disabled', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("role IN ('user', 'admin')", name=op.f('ck_users_role')),
        sa.CheckConstraint("role_source IN ('admin_emails', 'manual')", name=op.f('ck_users_role_source')),
        sa.CheckConstraint('day_start_hour BETWEEN 0 AND 23', name=op.f('ck_users_day_start_hour_range')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_users'))
    )
    op.create_index(op.f('ix_users_created_at_id'), 'users', ['created_at', 'id'], unique=False)
    op.create_index(op.f('ix_users_email'), 'users', ['email'], unique=False)
    op.create_index('uq_users_verified_email', 'users', ['email'], unique=True, postgresql_where=sa.text('email_verified'))
    op.create_table('accounts',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('provider', sa.Text(), nullable=False),
        sa.Column('provider_account_id', sa.Text(), nullable=False),
        sa.Column('email', postgresql.CITEXT(), nullable=True),
        sa.Column('email_verified', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.Column('oid', sa.Text(), nullable=True),
        sa.Column('tid', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("provider IN ('google', 'microsoft')", name=op.f('ck_accounts_provider')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_accounts_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_accounts')),
        sa.UniqueConstraint('provider', 'provider_account_id', name=op.f('uq_accounts_provider_provider_account_id'))
    )
    op.create_index(op.f('ix_accounts_user_id'), 'accounts', ['user_id'], unique=False)
    op.create_table('activity_events',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('event_type', sa.Text(), nullable=False),
        sa.Column('subject_type', sa.Text(), nullable=True),
        sa.Column('subject_id', sa.Text(), nullable=True),
        sa.Column('data', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column('occurred_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('local_date', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_activity_events_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_events'))
    )
    op.create_index(op.f('ix_activity_events_occurred_at'), 'activity_events', ['occurred_at'], unique=False)
    op.create_index(op.f('ix_activity_events_user_id_event_type_occurred_at'), 'activity_events', ['user_id', 'event_type', 'occurred_at'], unique=False)
    op.create_index(op.f('ix_activity_events_user_id_local_date'), 'activity_events', ['user_id', 'local_date'], unique=False)
    op.create_index(op.f('ix_activity_events_user_id_occurred_at_id'), 'activity_events', ['user_id', 'occurred_at', 'id'], unique=False)
    op.create_table('blobs',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('storage_key', sa.Text(), nullable=False),
        sa.Column('category', sa.Text(), nullable=False),
        sa.Column('content_type', sa.Text(), nullable=False),
        sa.Column('size_bytes', sa.BigInteger(), nullable=False),
        sa.Column('filename', sa.Text(), nullable=True),
        sa.Column('sha256', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("category IN ('image', 'audio', 'document')", name=op.f('ck_blobs_category')),
        sa.CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name=op.f('ck_blobs_sha256_hex')),
        sa.CheckConstraint('size_bytes >= 0', name=op.f('ck_blobs_size_bytes_not_negative')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_blobs_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_blobs')),
        sa.UniqueConstraint('storage_key', name=op.f('uq_blobs_storage_key'))
    )
    op.create_index(op.f('ix_blobs_user_id_category_created_at_id'), 'blobs', ['user_id', 'category', 'created_at', 'id'], unique=False)
    op.create_index(op.f('ix_blobs_user_id_created_at_id'), 'blobs', ['user_id', 'created_at', 'id'], unique=False)
    op.create_table('books',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('author', sa.Text(), nullable=True),
        sa.Column('total_pages', sa.Integer(), nullable=True),
        sa.Column('current_page', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('status', sa.Text(), server_default=sa.text("'want_to_read'::text"), nullable=False),
        sa.Column('rating', sa.SmallInteger(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('started_on', sa.Date(), nullable=True),
        sa.Column('finished_on', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("status IN ('want_to_read', 'reading', 'finished', 'abandoned')", name=op.f('ck_books_status')),
        sa.CheckConstraint('current_page >= 0', name=op.f('ck_books_current_page_not_negative')),
        sa.CheckConstraint('rating BETWEEN 1 AND 5', name=op.f('ck_books_rating_range')),
        sa.CheckConstraint('total_pages > 0', name=op.f('ck_books_total_pages_positive')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_books_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_books'))
    )
    op.create_index(op.f('ix_books_user_id_created_at_id'), 'books', ['user_id', 'created_at', 'id'], unique=False)
    op.create_index(op.f('ix_books_user_id_status'), 'books', ['user_id', 'status'], unique=False)
    op.create_table('calendar_events',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('location', sa.Text(), nullable=True),
        sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('all_day', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.Column('recurrence_rule', sa.Text(), nullable=True),
        sa.Column('recurrence_until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('timezone', sa.Text(), nullable=True),
        sa.Column('color', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('ends_at >= starts_at', name=op.f('ck_calendar_events_ends_after_start')),
        sa.CheckConstraint('recurrence_until IS NULL OR recurrence_rule IS NOT NULL', name=op.f('ck_calendar_events_until_needs_rule')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_events_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_events'))
    )
    op.create_index('ix_calendar_events_series', 'calendar_events', ['user_id', 'starts_at'], unique=False, postgresql_where=sa.text('(recurrence_rule IS NOT NULL)'))
    op.create_index(op.f('ix_calendar_events_user_id_starts_at_id'), 'calendar_events', ['user_id', 'starts_at', 'id'], unique=False)
    op.create_table('daily_plans',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('plan_date', sa.Date(), nullable=False),
        sa.Column('items', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("jsonb_typeof(items) = 'array'", name=op.f('ck_daily_plans_items_is_array')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_daily_plans_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_daily_plans')),
        sa.UniqueConstraint('user_id', 'plan_date', name=op.f('uq_daily_plans_user_id_plan_date'))
    )
    op.create_table('exercises',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('key', sa.Text(), nullable=True),
        sa.Column('user_id', sa.UUID(), nullable=True),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('category', sa.Text(), server_default=sa.text("'strength'::text"), nullable=False),
        sa.Column('muscle_group', sa.Text(), nullable=True),
        sa.Column('equipment', sa.Text(), nullable=True),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("category IN ('strength', 'cardio', 'bodyweight', 'mobility', 'flexibility', 'plyometric', 'other')", name=op.f('ck_exercises_category')),
        sa.CheckConstraint('key IS NULL OR user_id IS NULL', name=op.f('ck_exercises_keyed_rows_are_global')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_exercises_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exercises')),
        sa.UniqueConstraint('key', name=op.f('uq_exercises_key'))
    )
    op.create_index(op.f('ix_exercises_user_id_name_id'), 'exercises', ['user_id', 'name', 'id'], unique=False)
    op.create_table('feedback',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('kind', sa.Text(), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('status', sa.Text(), server_default=sa.text("'new'::text"), nullable=False),
        sa.Column('admin_notes', sa.Text(), nullable=True),
        sa.Column('page', sa.Text(), nullable=True),
        sa.Column('user_agent', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("kind IN ('bug', 'idea', 'other')", name=op.f('ck_feedback_kind')),
        sa.CheckConstraint("status IN ('new', 'in_progress', 'resolved', 'closed', 'wont_fix')", name=op.f('ck_feedback_status')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_feedback_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    op.create_index(op.f('ix_feedback_created_at_id'), 'feedback', ['created_at', 'id'], unique=False)
    op.create_index(op.f('ix_feedback_status_created_at_id'), 'feedback', ['status', 'created_at', 'id'], unique=False)
    op.create_index(op.f('ix_feedback_user_id_created_at_id'), 'feedback', ['user_id', 'created_at', 'id'], unique=False)
    op.create_table('focus_sessions',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('mode', sa.Text(), nullable=False),
        sa.Column('status', sa.Text(), server_default=sa.text("'active'::text"), nullable=False),
        sa.Column('duration', sa.Integer(), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('paused_seconds', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('focused_seconds', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('points_awarded', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('xp_awarded', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('abandoned_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("mode IN ('focus', 'break', 'long_break')", name=op.f('ck_focus_sessions_mode')),
        sa.CheckConstraint("status <> 'abandoned' OR abandoned_at IS NOT NULL", name=op.f('ck_focus_sessions_abandoned_has_time')),
        sa.CheckConstraint("status <> 'completed' OR completed_at IS NOT NULL", name=op.f('ck_focus_sessions_completed_has_time')),
        sa.CheckConstraint("status IN ('active', 'paused', 'completed', 'abandoned')", name=op.f('ck_focus_sessions_status')),
        sa.CheckConstraint('duration BETWEEN 60 AND 14400', name=op.f('ck_focus_sessions_duration_range')),
        sa.CheckConstraint('focused_seconds <= duration', name=op.f('ck_focus_sessions_focused_within_duration')),
        sa.CheckConstraint('focused_seconds >= 0', name=op.f('ck_focus_sessions_focused_seconds_not_negative')),
        sa.CheckConstraint('paused_seconds >= 0', name=op.f('ck_focus_sessions_paused_seconds_not_negative')),
        sa.CheckConstraint('points_awarded >= 0', name=op.f('ck_focus_sessions_points_awarded_not_negative')),
        sa.CheckConstraint('xp_awarded >= 0', name=op.f('ck_focus_sessions_xp_awarded_not_negative')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_focus_sessions_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_focus_sessions'))
    )
    op.create_index(op.f('ix_focus_sessions_user_id_started_at_id'), 'focus_sessions', ['user_id', 'started_at', 'id'], unique=False)
    op.create_index('uq_focus_sessions_one_open', 'focus_sessions', ['user_id'], unique=True, postgresql_where=sa.text("(status = ANY (ARRAY['active'::text, 'paused'::text]))"))
    op.create_table('goals',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('target_date', sa.Date(), nullable=True),
        sa.Column('status', sa.Text(), server_default=sa.text("'active'::text"), nullable=False),
        sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("status <> 'completed' OR completed_at IS NOT NULL", name=op.f('ck_goals_completed_has_time')),
        sa.CheckConstraint("status IN ('active', 'completed', 'archived')", name=op.f('ck_goals_status')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_goals_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_goals'))
    )
    op.create_index(op.f('ix_goals_user_id_created_at_id'), 'goals', ['user_id', 'created_at', 'id'], unique=False)
    op.create_table('habits',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('frequency', sa.Text(), server_default=sa.text("'daily'::text"), nullable=False),
        sa.Column('days', sa.ARRAY(sa.SmallInteger()), nullable=True),
        sa.Column('times', sa.SmallInteger(), nullable=True),
        sa.Column('color', sa.Text(), nullable=True),
        sa.Column('icon', sa.Text(), nullable=True),
        sa.Column('archived', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("frequency IN ('daily', 'weekdays', 'times_per_week')", name=op.f('ck_habits_frequency')),
        sa.CheckConstraint('days <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[]', name=op.f('ck_habits_days_are_weekdays')),
        sa.CheckConstraint('times BETWEEN 1 AND 7', name=op.f('ck_habits_times_range')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_habits_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_habits'))
    )
    op.create_index(op.f('ix_habits_user_id_created_at_id'), 'habits', ['user_id', 'created_at', 'id'], unique=False)
    op.create_table('ideas',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('body', sa.Text(), nullable=True),
        sa.Column('tags', sa.ARRAY(sa.Text()), server_default=sa.text("'{}'::text[]"), nullable=False),
        sa.Column('pinned', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_ideas_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ideas'))
    )
    op.create_index(op.f('ix_ideas_tags'), 'ideas', ['tags'], unique=False, postgresql_using='gin')
    op.create_index(op.f('ix_ideas_user_id_created_at_id'), 'ideas', ['user_id', 'created_at', 'id'], unique=False)
    op.create_table('idempotency_keys',
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('method', sa.Text(), nullable=False),
        sa.Column('path', sa.Text(), nullable=False),
        sa.Column('request_fingerprint', sa.Text(), nullable=True),
        sa.Column('response_status', sa.SmallInteger(), nullable=True),
        sa.Column('response_body', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('response_status BETWEEN 100 AND 599', name=op.f('ck_idempotency_keys_response_status_range')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_idempotency_keys_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'key', name=op.f('pk_idempotency_keys'))
    )
    op.create_index(op.f('ix_idempotency_keys_created_at'), 'idempotency_keys', ['created_at'], unique=False)
    op.create_table('infobase_entries',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('content', sa.Text(), server_default=sa.text("''::text"), nullable=False),
        sa.Column('tags', sa.ARRAY(sa.Text()), server_default=sa.text("'{}'::text[]"), nullable=False),
        sa.Column('search_vector', postgresql.TSVECTOR(), sa.Computed('(setweight(to_tsvector(\'english\'::regconfig, title), \'A\'::"char") || setweight(to_tsvector(\'english\'::regconfig, content), \'B\'::"char"))', persisted=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_infobase_entries_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_infobase_entries'))
    )
    op.create_index(op.f('ix_infobase_entries_search_vector'), 'infobase_entries', ['search_vector'], unique=False, postgresql_using='gin')
    op.create_index(op.f('ix_infobase_entries_tags'), 'infobase_entries', ['tags'], unique=False, postgresql_using='gin')
    op.create_index(op.f('ix_infobase_entries_user_id_created_at_id'), 'infobase_entries', ['user_id', 'created_at', 'id'], unique=False)
    op.create_index(op.f('ix_infobase_entries_user_id_updated_at_id'), 'infobase_entries', ['user_id', 'updated_at', 'id'], unique=False)
    op.create_table('learn_lessons',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('key', sa.Text(), nullable=True),
        sa.Column('topic_id', sa.UUID(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('summary', sa.Text(), nullable=True),
        sa.Column('content', sa.Text(), server_default=sa.text("''::text"), nullable=False),
        sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('duration_minutes', sa.SmallInteger(), nullable=True),
        sa.Column('reward_points', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('reward_xp', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('published', sa.Boolean(), server_default=sa.text('true'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('duration_minutes >= 0', name=op.f('ck_learn_lessons_duration_minutes_not_negative')),
        sa.CheckConstraint('position >= 0', name=op.f('ck_learn_lessons_position_not_negative')),
        sa.CheckConstraint('reward_points >= 0', name=op.f('ck_learn_lessons_reward_points_not_negative')),
        sa.CheckConstraint('reward_xp >= 0', name=op.f('ck_learn_lessons_reward_xp_not_negative')),
        sa.ForeignKeyConstraint(['topic_id'], ['learn_topics.id'], name=op.f('fk_learn_lessons_topic_id_learn_topics'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_learn_lessons')),
        sa.UniqueConstraint('key', name=op.f('uq_learn_lessons_key'))
    )
    op.create_index(op.f('ix_learn_lessons_topic_id_position_id'), 'learn_lessons', ['topic_id', 'position', 'id'], unique=False)
    op.create_table('market_items',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('key', sa.Text(), nullable=True),
        sa.Column('user_id', sa.UUID(), nullable=True),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('category', sa.Text(), nullable=True),
        sa.Column('icon', sa.Text(), nullable=True),
        sa.Column('cost', sa.BigInteger(), nullable=False),
        sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
        sa.Column('sort_order', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('cost >= 0', name=op.f('ck_market_items_cost_not_negative')),
        sa.CheckConstraint('key IS NULL OR user_id IS NULL', name=op.f('ck_market_items_keyed_rows_are_catalog')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_market_items_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_market_items')),
        sa.UniqueConstraint('key', name=op.f('uq_market_items_key'))
    )
    op.create_index('ix_market_items_catalog', 'market_items', ['sort_order', 'id'], unique=False, postgresql_where=sa.text('(user_id IS NULL)'))
    op.create_index(op.f('ix_market_items_user_id_created_at_id'), 'market_items', ['user_id', 'created_at', 'id'], unique=False)
    op.create_table('oauth_states',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('state_hash', postgresql.BYTEA(), nullable=False),
        sa.Column('provider', sa.Text(), nullable=False),
        sa.Column('code_verifier', sa.Text(), nullable=False),
        sa.Column('nonce', sa.Text(), nullable=False),
        sa.Column('redirect_to', sa.Text(), nullable=False),
        sa.Column('browser_hash', postgresql.BYTEA(), nullable=False),
        sa.Column('link_user_id', sa.UUID(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("provider IN ('google', 'microsoft')", name=op.f('ck_oauth_states_provider')),
        sa.ForeignKeyConstraint(['link_user_id'], ['users.id'], name=op.f('fk_oauth_states_link_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_oauth_states')),
        sa.UniqueConstraint('state_hash', name=op.f('uq_oauth_states_state_hash'))
    )
    op.create_index(op.f('ix_oauth_states_expires_at'), 'oauth_states', ['expires_at'], unique=False)
    op.create_index(op.f('ix_oauth_states_link_user_id'), 'oauth_states', ['link_user_id'], unique=False)
    op.create_table('onboarding_steps',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('flow_id', sa.UUID(), nullable=False),
        sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('body', sa.Text(), nullable=True),
        sa.Column('action', sa.Text(), nullable=True),
        sa.Column('optional', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.Column('reward_points', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('reward_xp', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('position >= 0', name=op.f('ck_onboarding_steps_position_not_negative')),
        sa.CheckConstraint('reward_points >= 0', name=op.f('ck_onboarding_steps_reward_points_not_negative')),
        sa.CheckConstraint('reward_xp >= 0', name=op.f('ck_onboarding_steps_reward_xp_not_negative')),
        sa.ForeignKeyConstraint(['flow_id'], ['onboarding_flows.id'], name=op.f('fk_onboarding_steps_flow_id_onboarding_flows'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_onboarding_steps')),
        sa.UniqueConstraint('key', name=op.f('uq_onboarding_steps_key'))
    )
    op.create_index(op.f('ix_onboarding_steps_flow_id_position'), 'onboarding_steps', ['flow_id', 'position'], unique=False)
    op.create_table('points_ledger',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('delta', sa.BigInteger(), nullable=False),
        sa.Column('balance_after', sa.BigInteger(), nullable=False),
        sa.Column('xp_delta', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('source_type', sa.Text(), nullable=False),
        sa.Column('source_id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('balance_after >= 0', name=op.f('ck_points_ledger_balance_after_not_negative')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_points_ledger_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_points_ledger')),
        sa.UniqueConstraint('user_id', 'source_type', 'source_id', name=op.f('uq_points_ledger_user_id_source_type_source_id'))
    )
    op.create_index(op.f('ix_points_ledger_user_id_created_at_id'), 'points_ledger', ['user_id', 'created_at', 'id'], unique=False)
    op.create_table('quests',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('target', sa.Integer(), nullable=False),
        sa.Column('progress', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('due_date', sa.Date(), nullable=True),
        sa.Column('status', sa.Text(), server_default=sa.text("'active'::text"), nullable=False),
        sa.Column('reward_xp', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("status <> 'completed' OR completed_at IS NOT NULL", name=op.f('ck_quests_completed_has_time')),
        sa.CheckConstraint("status IN ('active', 'completed', 'archived')", name=op.f('ck_quests_status')),
        sa.CheckConstraint('progress >= 0', name=op.f('ck_quests_progress_not_negative')),
        sa.CheckConstraint('reward_xp >= 0', name=op.f('ck_quests_reward_xp_not_negative')),
        sa.CheckConstraint('target > 0', name=op.f('ck_quests_target_positive')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_quests_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quests'))
    )
    op.create_index(op.f('ix_quests_user_id_created_at_id'), 'quests', ['user_id', 'created_at', 'id'], unique=False)
    op.create_table('sessions',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('token_hash', postgresql.BYTEA(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_active_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('user_agent', sa.Text(), nullable=True),
        sa.Column('ip', postgresql.INET(), nullable=True),
        sa.CheckConstraint('octet_length(token_hash) = 32', name=op.f('ck_sessions_token_hash_length')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sessions_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sessions')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_sessions_token_hash'))
    )
    op.create_index(op.f('ix_sessions_expires_at'), 'sessions', ['expires_at'], unique=False)
    op.create_index(op.f('ix_sessions_user_id_created_at'), 'sessions', ['user_id', 'created_at'], unique=False)
    op.create_table('training_programs',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('started_on', sa.Date(), nullable=True),
        sa.Column('active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_training_programs_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_training_programs'))
    )
    op.create_index(op.f('ix_training_programs_user_id_created_at_id'), 'training_programs', ['user_id', 'created_at', 'id'], unique=False)
    op.create_table('user_achievements',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('achievement_id', sa.UUID(), nullable=False),
        sa.Column('unlocked_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('points_awarded', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('xp_awarded', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.CheckConstraint('points_awarded >= 0', name=op.f('ck_user_achievements_points_awarded_not_negative')),
        sa.CheckConstraint('xp_awarded >= 0', name=op.f('ck_user_achievements_xp_awarded_not_negative')),
        sa.ForeignKeyConstraint(['achievement_id'], ['achievement_definitions.id'], name=op.f('fk_user_achievements_achievement_id_achievement_definitions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_achievements_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_achievements')),
        sa.UniqueConstraint('user_id', 'achievement_id', name=op.f('uq_user_achievements_user_id_achievement_id'))
    )
    op.create_index(op.f('ix_user_achievements_achievement_id'), 'user_achievements', ['achievement_id'], unique=False)
    op.create_index(op.f('ix_user_achievements_user_id_unlocked_at_id'), 'user_achievements', ['user_id', 'unlocked_at', 'id'], unique=False)
    op.create_table('user_onboarding_state',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('flow_id', sa.UUID(), nullable=False),
        sa.Column('status', sa.Text(), server_default=sa.text("'in_progress'::text"), nullable=False),
        sa.Column('completed_steps', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('skipped_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("jsonb_typeof(completed_steps) = 'array'", name=op.f('ck_user_onboarding_state_completed_steps_is_array')),
        sa.CheckConstraint("status IN ('in_progress', 'completed', 'skipped')", name=op.f('ck_user_onboarding_state_status')),
        sa.ForeignKeyConstraint(['flow_id'], ['onboarding_flows.id'], name=op.f('fk_user_onboarding_state_flow_id_onboarding_flows'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_onboarding_state_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_onboarding_state')),
        sa.UniqueConstraint('user_id', 'flow_id', name=op.f('uq_user_onboarding_state_user_id_flow_id'))
    )
    op.create_index(op.f('ix_user_onboarding_state_flow_id'), 'user_onboarding_state', ['flow_id'], unique=False)
    op.create_table('user_quest_progress',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('quest_id', sa.UUID(), nullable=False),
        sa.Column('period_key', sa.Text(), nullable=False),
        sa.Column('progress', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('points_awarded', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('xp_awarded', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('points_awarded >= 0', name=op.f('ck_user_quest_progress_points_awarded_not_negative')),
        sa.CheckConstraint('progress >= 0', name=op.f('ck_user_quest_progress_progress_not_negative')),
        sa.CheckConstraint('xp_awarded >= 0', name=op.f('ck_user_quest_progress_xp_awarded_not_negative')),
        sa.ForeignKeyConstraint(['quest_id'], ['universal_quests.id'], name=op.f('fk_user_quest_progress_quest_id_universal_quests'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_quest_progress_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_quest_progress')),
        sa.UniqueConstraint('user_id', 'quest_id', 'period_key', name=op.f('uq_user_quest_progress_user_id_quest_id_period_key'))
    )
    op.create_index(op.f('ix_user_quest_progress_quest_id'), 'user_quest_progress', ['quest_id'], unique=False)
    op.create_index(op.f('ix_user_quest_progress_user_id_period_key'), 'user_quest_progress', ['user_id', 'period_key'], unique=False)
    op.create_table('user_settings',
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('settings', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column('vacation_from', sa.Date(), nullable=True),
        sa.Column('vacation_to', sa.Date(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('vacation_to IS NULL OR vacation_from IS NOT NULL', name=op.f('ck_user_settings_vacation_has_start')),
        sa.CheckConstraint('vacation_to IS NULL OR vacation_from IS NULL OR vacation_to >= vacation_from', name=op.f('ck_user_settings_vacation_order')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_settings_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_user_settings'))
    )
    op.create_table('user_wallet',
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('balance', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('xp', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('balance >= 0', name=op.f('ck_user_wallet_balance_not_negative')),
        sa.CheckConstraint('xp >= 0', name=op.f('ck_user_wallet_xp_not_negative')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_wallet_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_user_wallet'))
    )
    op.create_table('workouts',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_workouts_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_workouts'))
    )
    op.create_index(op.f('ix_workouts_user_id_created_at_id'), 'workouts', ['user_id', 'created_at', 'id'], unique=False)
    op.create_table('focus_pause_state',
        sa.Column('session_id', sa.UUID(), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('paused_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['focus_sessions.id'], name=op.f('fk_focus_pause_state_session_id_focus_sessions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_focus_pause_state_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('session_id', name=op.f('pk_focus_pause_state'))
    )
    op.create_index(op.f('ix_focus_pause_state_paused_at'), 'focus_pause_state', ['paused_at'], unique=False)
    op.create_index(op.f('ix_focus_pause_state_user_id'), 'focus_pause_state', ['user_id'], unique=False)
    op.create_table('goal_milestones',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('goal_id', sa.UUID(), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('due_date', sa.Date(), nullable=True),
        sa.Column('done', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('NOT done OR done_at IS NOT NULL', name=op.f('ck_goal_milestones_done_has_time')),
        sa.CheckConstraint('position >= 0', name=op.f('ck_goal_milestones_position_not_negative')),
        sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_goal_milestones_goal_id_goals'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_goal_milestones_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_milestones'))
    )
    op.create_index(op.f('ix_goal_milestones_goal_id_position_id'), 'goal_milestones', ['goal_id', 'position', 'id'], unique=False)
    op.create_index(op.f('ix_goal_milestones_user_id_created_at_id'), 'goal_milestones', ['user_id', 'created_at', 'id'], unique=False)
    op.create_table('habit_logs',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('habit_id', sa.UUID(), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('local_date', sa.Date(), nullable=False),
        sa.Column('status', sa.Text(), server_default=sa.text("'done'::text"), nullable=False),
        sa.Column('count', sa.Integer(), server_default=sa.text('1'), nullable=False),
        sa.Column('points_awarded', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("status IN ('done', 'skipped')", name=op.f('ck_habit_logs_status')),
        sa.CheckConstraint('count >= 1', name=op.f('ck_habit_logs_count_positive')),
        sa.CheckConstraint('points_awarded >= 0', name=op.f('ck_habit_logs_points_awarded_not_negative')),
        sa.ForeignKeyConstraint(['habit_id'], ['habits.id'], name=op.f('fk_habit_logs_habit_id_habits'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_habit_logs_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_habit_logs')),
        sa.UniqueConstraint('habit_id', 'local_date', name=op.f('uq_habit_logs_habit_id_local_date'))
    )
    op.create_index(op.f('ix_habit_logs_user_id_local_date'), 'habit_logs', ['user_id', 'local_date'], unique=False)
    op.create_table('program_weeks',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('program_id', sa.UUID(), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('week_number', sa.SmallInteger(), nullable=False),
        sa.Column('title', sa.Text(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('days', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("jsonb_typeof(days) = 'array'", name=op.f('ck_program_weeks_days_is_array')),
        sa.CheckConstraint('week_number >= 1', name=op.f('ck_program_weeks_week_number_positive')),
        sa.ForeignKeyConstraint(['program_id'], ['training_programs.id'], name=op.f('fk_program_weeks_program_id_training_programs'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_program_weeks_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_program_weeks')),
        sa.UniqueConstraint('program_id', 'week_number', name=op.f('uq_program_weeks_program_id_week_number'))
    )
    op.create_index(op.f('ix_program_weeks_user_id'), 'program_weeks', ['user_id'], unique=False)
    op.create_table('reading_sessions',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('book_id', sa.UUID(), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('minutes', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('pages_read', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('start_page', sa.Integer(), nullable=True),
        sa.Column('end_page', sa.Integer(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('end_page >= 0', name=op.f('ck_reading_sessions_end_page_not_negative')),
        sa.CheckConstraint('end_page IS NULL OR start_page IS NULL OR end_page >= start_page', name=op.f('ck_reading_sessions_pages_in_order')),
        sa.CheckConstraint('minutes >= 0', name=op.f('ck_reading_sessions_minutes_not_negative')),
        sa.CheckConstraint('pages_read >= 0', name=op.f('ck_reading_sessions_pages_read_not_negative')),
        sa.CheckConstraint('start_page >= 0', name=op.f('ck_reading_sessions_start_page_not_negative')),
        sa.ForeignKeyConstraint(['book_id'], ['books.id'], name=op.f('fk_reading_sessions_book_id_books'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reading_sessions_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reading_sessions'))
    )
    op.create_index(op.f('ix_reading_sessions_book_id_started_at_id'), 'reading_sessions', ['book_id', 'started_at', 'id'], unique=False)
    op.create_index(op.f('ix_reading_sessions_user_id_started_at_id'), 'reading_sessions', ['user_id', 'started_at', 'id'], unique=False)
    op.create_table('reference_tracks',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('blob_id', sa.UUID(), nullable=True),
        sa.Column('storage_key', sa.Text(), nullable=True),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('filename', sa.Text(), nullable=True),
        sa.Column('content_type', sa.Text(), nullable=False),
        sa.Column('size_bytes', sa.BigInteger(), nullable=False),
        sa.Column('sha256', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name=op.f('ck_reference_tracks_sha256_hex')),
        sa.CheckConstraint('blob_id IS NOT NULL OR storage_key IS NOT NULL', name=op.f('ck_reference_tracks_has_bytes')),
        sa.CheckConstraint('size_bytes >= 0', name=op.f('ck_reference_tracks_size_bytes_not_negative')),
        sa.ForeignKeyConstraint(['blob_id'], ['blobs.id'], name=op.f('fk_reference_tracks_blob_id_blobs'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reference_tracks_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_tracks')),
        sa.UniqueConstraint('blob_id', name=op.f('uq_reference_tracks_blob_id')),
        sa.UniqueConstraint('storage_key', name=op.f('uq_reference_tracks_storage_key'))
    )
    op.create_index(op.f('ix_reference_tracks_user_id_created_at_id'), 'reference_tracks', ['user_id', 'created_at', 'id'], unique=False)
    op.create_table('user_lesson_progress',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('lesson_id', sa.UUID(), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('points_awarded', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('xp_awarded', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('points_awarded >= 0', name=op.f('ck_user_lesson_progress_points_awarded_not_negative')),
        sa.CheckConstraint('xp_awarded >= 0', name=op.f('ck_user_lesson_progress_xp_awarded_not_negative')),
        sa.ForeignKeyConstraint(['lesson_id'], ['learn_lessons.id'], name=op.f('fk_user_lesson_progress_lesson_id_learn_lessons'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_lesson_progress_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_lesson_progress')),
        sa.UniqueConstraint('user_id', 'lesson_id', name=op.f('uq_user_lesson_progress_user_id_lesson_id'))
    )
    op.create_index(op.f('ix_user_lesson_progress_lesson_id'), 'user_lesson_progress', ['lesson_id'], unique=False)
    op.create_table('user_purchases',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('item_id', sa.UUID(), nullable=True),
        sa.Column('item_name', sa.Text(), nullable=False),
        sa.Column('cost', sa.BigInteger(), nullable=False),
        sa.Column('status', sa.Text(), server_default=sa.text("'purchased'::text"), nullable=False),
        sa.Column('redeemed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("status <> 'redeemed' OR redeemed_at IS NOT NULL", name=op.f('ck_user_purchases_redeemed_has_time')),
        sa.CheckConstraint("status IN ('purchased', 'redeemed', 'refunded')", name=op.f('ck_user_purchases_status')),
        sa.CheckConstraint('cost >= 0', name=op.f('ck_user_purchases_cost_not_negative')),
        sa.ForeignKeyConstraint(['item_id'], ['market_items.id'], name=op.f('fk_user_purchases_item_id_market_items'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_purchases_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_purchases'))
    )
    op.create_index(op.f('ix_user_purchases_item_id'), 'user_purchases', ['item_id'], unique=False)
    op.create_index(op.f('ix_user_purchases_user_id_created_at_id'), 'user_purchases', ['user_id', 'created_at', 'id'], unique=False)
    op.create_table('user_streaks',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('kind', sa.Text(), nullable=False),
        sa.Column('habit_id', sa.UUID(), nullable=True),
        sa.Column('current_streak', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('longest_streak', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('last_date', sa.Date(), nullable=True),
        sa.Column('computed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("(kind = 'habit') = (habit_id IS NOT NULL)", name=op.f('ck_user_streaks_habit_kind_has_habit')),
        sa.CheckConstraint("kind IN ('habit', 'habits', 'focus', 'activity', 'reading', 'learn', 'workout')", name=op.f('ck_user_streaks_kind')),
        sa.CheckConstraint('current_streak >= 0', name=op.f('ck_user_streaks_current_streak_not_negative')),
        sa.CheckConstraint('longest_streak >= 0', name=op.f('ck_user_streaks_longest_streak_not_negative')),
        sa.CheckConstraint('longest_streak >= current_streak', name=op.f('ck_user_streaks_longest_covers_current')),
        sa.ForeignKeyConstraint(['habit_id'], ['habits.id'], name=op.f('fk_user_streaks_habit_id_habits'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_streaks_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_streaks')),
        sa.UniqueConstraint('user_id', 'kind', 'habit_id', name=op.f('uq_user_streaks_user_id_kind_habit_id'), postgresql_nulls_not_distinct=True)
    )
    op.create_index(op.f('ix_user_streaks_habit_id'), 'user_streaks', ['habit_id'], unique=False)
    op.create_table('workout_exercises',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('workout_id', sa.UUID(), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('exercise_id', sa.UUID(), nullable=False),
        sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('target_sets', sa.SmallInteger(), nullable=True),
        sa.Column('target_reps', sa.SmallInteger(), nullable=True),
        sa.Column('target_weight_kg', sa.Numeric(precision=7, scale=2), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('position >= 0', name=op.f('ck_workout_exercises_position_not_negative')),
        sa.CheckConstraint('target_reps >= 0', name=op.f('ck_workout_exercises_target_reps_not_negative')),
        sa.CheckConstraint('target_sets >= 0', name=op.f('ck_workout_exercises_target_sets_not_negative')),
        sa.CheckConstraint('target_weight_kg >= 0', name=op.f('ck_workout_exercises_target_weight_kg_not_negative')),
        sa.ForeignKeyConstraint(['exercise_id'], ['exercises.id'], name=op.f('fk_workout_exercises_exercise_id_exercises'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_workout_exercises_user_id_users'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['workout_id'], ['workouts.id'], name=op.f('fk_workout_exercises_workout_id_workouts'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_workout_exercises'))
    )
    op.create_index(op.f('ix_workout_exercises_exercise_id'), 'workout_exercises', ['exercise_id'], unique=False)
    op.create_index(op.f('ix_workout_exercises_user_id'), 'workout_exercises', ['user_id'], unique=False)
    op.create_index(op.f('ix_workout_exercises_workout_id_position'), 'workout_exercises', ['workout_id', 'position'], unique=False)
    op.create_table('workout_sessions',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('workout_id', sa.UUID(), nullable=True),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('ended_at IS NULL OR ended_at >= started_at', name=op.f('ck_workout_sessions_ends_after_start')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_workout_sessions_user_id_users'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['workout_id'], ['workouts.id'], name=op.f('fk_workout_sessions_workout_id_workouts'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_workout_sessions'))
    )
    op.create_index(op.f('ix_workout_sessions_user_id_started_at_id'), 'workout_sessions', ['user_id', 'started_at', 'id'], unique=False)
    op.create_index(op.f('ix_workout_sessions_workout_id'), 'workout_sessions', ['workout_id'], unique=False)
    op.create_table('personal_records',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('exercise_id', sa.UUID(), nullable=False),
        sa.Column('metric', sa.Text(), nullable=False),
        sa.Column('value', sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column('achieved_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('session_id', sa.UUID(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("metric IN ('max_weight', 'max_reps', 'e1rm')", name=op.f('ck_personal_records_metric')),
        sa.CheckConstraint('value >= 0', name=op.f('ck_personal_records_value_not_negative')),
        sa.ForeignKeyConstraint(['exercise_id'], ['exercises.id'], name=op.f('fk_personal_records_exercise_id_exercises'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['session_id'], ['workout_sessions.id'], name=op.f('fk_personal_records_session_id_workout_sessions'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_personal_records_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_personal_records')),
        sa.UniqueConstraint('user_id', 'exercise_id', 'metric', name=op.f('uq_personal_records_user_id_exercise_id_metric'))
    )
    op.create_index(op.f('ix_personal_records_exercise_id'), 'personal_records', ['exercise_id'], unique=False)
    op.create_index(op.f('ix_personal_records_session_id'), 'personal_records', ['session_id'], unique=False)
    op.create_table('track_analysis_cache',
        sa.Column('track_id', sa.UUID(), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('bpm', sa.Float(), nullable=False),
        sa.Column('key', sa.Text(), nullable=True),
        sa.Column('loudness_lufs', sa.Float(), nullable=True),
        sa.Column('duration_seconds', sa.Float(), nullable=False),
        sa.Column('waveform', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
        sa.Column('analyzer_version', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("jsonb_typeof(waveform) = 'array'", name=op.f('ck_track_analysis_cache_waveform_is_array')),
        sa.CheckConstraint('bpm > 0', name=op.f('ck_track_analysis_cache_bpm_positive')),
        sa.CheckConstraint('duration_seconds >= 0', name=op.f('ck_track_analysis_cache_duration_seconds_not_negative')),
        sa.CheckConstraint('jsonb_array_length(waveform) <= 4096', name=op.f('ck_track_analysis_cache_waveform_length')),
        sa.ForeignKeyConstraint(['track_id'], ['reference_tracks.id'], name=op.f('fk_track_analysis_cache_track_id_reference_tracks'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_track_analysis_cache_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('track_id', name=op.f('pk_track_analysis_cache'))
    )
    op.create_index(op.f('ix_track_analysis_cache_user_id'), 'track_analysis_cache', ['user_id'], unique=False)
    op.create_table('workout_sets',
        sa.Column('id', sa.UUID(), server_default=sa.text('gen_random_uuid()'), nullable=False),
        sa.Column('session_id', sa.UUID(), nullable=False),
        sa.Column('user_id', sa.UUID(), nullable=False),
        sa.Column('exercise_id', sa.UUID(), nullable=False),
        sa.Column('position', sa.Integer(), server_default=sa.text('0'), nullable=False),
        sa.Column('reps', sa.Integer(), nullable=False),
        sa.Column('weight_kg', sa.Numeric(precision=7, scale=2), server_default=sa.text('0'), nullable=False),
        sa.Column('rpe', sa.Numeric(precision=3, scale=1), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('position >= 0', name=op.f('ck_workout_sets_position_not_negative')),
        sa.CheckConstraint('reps >= 0', name=op.f('ck_workout_sets_reps_not_negative')),
        sa.CheckConstraint('rpe BETWEEN 1 AND 10', name=op.f('ck_workout_sets_rpe_range')),
        sa.CheckConstraint('weight_kg >= 0', name=op.f('ck_workout_sets_weight_kg_not_negative')),
        sa.ForeignKeyConstraint(['exercise_id'], ['exercises.id'], name=op.f('fk_workout_sets_exercise_id_exercises'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['session_id'], ['workout_sessions.id'], name=op.f('fk_workout_sets_session_id_workout_sessions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_workout_sets_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_workout_sets'))
    )
    op.create_index(op.f('ix_workout_sets_exercise_id'), 'workout_sets', ['exercise_id'], unique=False)
    op.create_index(op.f('ix_workout_sets_session_id_position'), 'workout_sets', ['session_id', 'position'], unique=False)
    op.create_index(op.f('ix_workout_sets_user_id_exercise_id'), 'workout_sets', ['user_id', 'exercise_id'], unique=False)


def downgrade() -> None:
    # Dropping a table drops its indexes and constraints; children go before parents.
    op.drop_table('workout_sets')
    op.drop_table('track_analysis_cache')
    op.drop_table('personal_records')
    op.drop_table('workout_sessions')
    op.drop_table('workout_exercises')
    op.drop_table('user_streaks')
    op.drop_table('user_purchases')
    op.drop_table('user_lesson_progress')
    op.drop_table('reference_tracks')
    op.drop_table('reading_sessions')
    op.drop_table('program_weeks')
    op.drop_table('habit_logs')
    op.drop_table('goal_milestones')
    op.drop_table('focus_pause_state')
    op.drop_table('workouts')
    op.drop_table('user_wallet')
    op.drop_table('user_settings')
    op.drop_table('user_quest_progress')
    op.drop_table('user_onboarding_state')
    op.drop_table('user_achievements')
    op.drop_table('training_programs')
    op.drop_table('sessions')
    op.drop_table('quests')
    op.drop_table('points_ledger')
    op.drop_table('onboarding_steps')
    op.drop_table('oauth_states')
    op.drop_table('market_items')
    op.drop_table('learn_lessons')
    op.drop_table('infobase_entries')
    op.drop_table('idempotency_keys')
    op.drop_table('ideas')
    op.drop_table('habits')
    op.drop_table('goals')
    op.drop_table('focus_sessions')
    op.drop_table('feedback')
    op.drop_table('exercises')
    op.drop_table('daily_plans')
    op.drop_table('calendar_events')
    op.drop_table('books')
    op.drop_table('blobs')
    op.drop_table('activity_events')
    op.drop_table('accounts')
    op.drop_table('users')
    op.drop_table('universal_quests')
    op.drop_table('onboarding_flows')
    op.drop_table('learn_topics')
    op.drop_table('admin_audit_log')
    op.drop_table('achievement_definitions')
    # The citext extension stays: it may predate this revision and other schemas may use it.
