"""The whole Postgres schema (DESIGN §7) as SQLAlchemy Core tables on one MetaData.

`from adapters.postgres.schema import metadata, users, sessions` — every table is exported
under its table name. Alembic migrations are written from this metadata, and the drift test
fails when the two disagree.
"""
from adapters.postgres.schema.base import metadata
from adapters.postgres.schema.identity import accounts, oauth_states, sessions, user_settings, users
from adapters.postgres.schema.focus import focus_pause_state, focus_sessions
from adapters.postgres.schema.gamification import (
    achievement_definitions, idempotency_keys, market_items, points_ledger, user_achievements,
    user_purchases, user_wallet,
)
from adapters.postgres.schema.quests import quests, universal_quests, user_quest_progress
from adapters.postgres.schema.habits import habit_logs, habits, user_streaks
from adapters.postgres.schema.goals import goal_milestones, goals
from adapters.postgres.schema.calendar import calendar_events
from adapters.postgres.schema.exercise import (
    exercises, personal_records, program_weeks, training_programs, workout_exercises,
    workout_sessions, workout_sets, workouts,
)
from adapters.postgres.schema.reading import books, reading_sessions
from adapters.postgres.schema.learn import learn_lessons, learn_topics, user_lesson_progress
from adapters.postgres.schema.onboarding import onboarding_flows, onboarding_steps, user_onboarding_state
from adapters.postgres.schema.notes import daily_plans, feedback, ideas, infobase_entries
from adapters.postgres.schema.files import blobs, reference_tracks, track_analysis_cache
from adapters.postgres.schema.activity import activity_events, admin_audit_log

__all__ = ["metadata", *sorted(metadata.tables)]
