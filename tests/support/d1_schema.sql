CREATE TABLE "achievement_definitions" (
  "id" TEXT,
  "key" TEXT,
  "title" TEXT,
  "description" TEXT,
  "icon" TEXT,
  "condition_type" TEXT,
  "threshold" INTEGER,
  "reward_points" INTEGER,
  "reward_xp" INTEGER,
  "active" INTEGER,
  "sort_order" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "admin_audit_log" (
  "id" TEXT,
  "actor_id" TEXT,
  "actor_email" TEXT,
  "action" TEXT,
  "target_type" TEXT,
  "target_id" TEXT,
  "before" TEXT,
  "after" TEXT,
  "request_id" TEXT,
  "ip" TEXT,
  "created_at" TEXT
);
CREATE TABLE "learn_topics" (
  "id" TEXT,
  "key" TEXT,
  "title" TEXT,
  "description" TEXT,
  "icon" TEXT,
  "position" INTEGER,
  "published" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "onboarding_flows" (
  "id" TEXT,
  "key" TEXT,
  "title" TEXT,
  "description" TEXT,
  "version" INTEGER,
  "active" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "universal_quests" (
  "id" TEXT,
  "key" TEXT,
  "title" TEXT,
  "description" TEXT,
  "metric" TEXT,
  "target" INTEGER,
  "period" TEXT,
  "reward_points" INTEGER,
  "reward_xp" INTEGER,
  "active" INTEGER,
  "sort_order" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "users" (
  "id" TEXT,
  "name" TEXT,
  "email" TEXT,
  "emailVerified" TEXT,
  "image" TEXT,
  "role" TEXT,
  "timezone" TEXT,
  "day_start_hour" INTEGER,
  "tos_version" TEXT,
  "tos_accepted_at" TEXT,
  "birthdate" TEXT,
  "age_verified" INTEGER,
  "disabled" INTEGER,
  "deleted_at" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "accounts" (
  "id" TEXT,
  "userId" TEXT,
  "type" TEXT,
  "provider" TEXT,
  "providerAccountId" TEXT,
  "refresh_token" TEXT,
  "access_token" TEXT,
  "expires_at" INTEGER,
  "token_type" TEXT,
  "scope" TEXT,
  "id_token" TEXT,
  "session_state" TEXT
);
CREATE TABLE "activity_events" (
  "id" TEXT,
  "user_id" TEXT,
  "event_type" TEXT,
  "subject_type" TEXT,
  "subject_id" TEXT,
  "data" TEXT,
  "occurred_at" TEXT,
  "local_date" TEXT,
  "created_at" TEXT
);
CREATE TABLE "blobs" (
  "id" TEXT,
  "user_id" TEXT,
  "storage_key" TEXT,
  "category" TEXT,
  "content_type" TEXT,
  "size_bytes" INTEGER,
  "filename" TEXT,
  "sha256" TEXT,
  "created_at" TEXT
);
CREATE TABLE "books" (
  "id" TEXT,
  "user_id" TEXT,
  "title" TEXT,
  "author" TEXT,
  "total_pages" INTEGER,
  "current_page" INTEGER,
  "status" TEXT,
  "rating" INTEGER,
  "notes" TEXT,
  "started_on" TEXT,
  "finished_on" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "calendar_events" (
  "id" TEXT,
  "user_id" TEXT,
  "title" TEXT,
  "description" TEXT,
  "location" TEXT,
  "starts_at" TEXT,
  "ends_at" TEXT,
  "all_day" INTEGER,
  "recurrence_rule" TEXT,
  "recurrence_until" TEXT,
  "timezone" TEXT,
  "color" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "daily_plans" (
  "id" TEXT,
  "user_id" TEXT,
  "plan_date" TEXT,
  "items" TEXT,
  "notes" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "exercises" (
  "id" TEXT,
  "key" TEXT,
  "user_id" TEXT,
  "name" TEXT,
  "category" TEXT,
  "muscle_group" TEXT,
  "equipment" TEXT,
  "description" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "feedback" (
  "id" TEXT,
  "user_id" TEXT,
  "kind" TEXT,
  "message" TEXT,
  "status" TEXT,
  "admin_notes" TEXT,
  "page" TEXT,
  "user_agent" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "focus_sessions" (
  "id" TEXT,
  "user_id" TEXT,
  "mode" TEXT,
  "status" TEXT,
  "duration" INTEGER,
  "started_at" TEXT,
  "paused_seconds" INTEGER,
  "focused_seconds" INTEGER,
  "points_awarded" INTEGER,
  "xp_awarded" INTEGER,
  "completed_at" TEXT,
  "abandoned_at" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "goals" (
  "id" TEXT,
  "user_id" TEXT,
  "title" TEXT,
  "description" TEXT,
  "target_date" TEXT,
  "status" TEXT,
  "completed_at" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "habits" (
  "id" TEXT,
  "user_id" TEXT,
  "title" TEXT,
  "description" TEXT,
  "frequency" TEXT,
  "days" TEXT,
  "times" INTEGER,
  "color" TEXT,
  "icon" TEXT,
  "archived" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "ideas" (
  "id" TEXT,
  "user_id" TEXT,
  "title" TEXT,
  "body" TEXT,
  "tags" TEXT,
  "pinned" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "infobase_entries" (
  "id" TEXT,
  "user_id" TEXT,
  "title" TEXT,
  "content" TEXT,
  "tags" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "learn_lessons" (
  "id" TEXT,
  "key" TEXT,
  "topic_id" TEXT,
  "title" TEXT,
  "summary" TEXT,
  "content" TEXT,
  "position" INTEGER,
  "duration_minutes" INTEGER,
  "reward_points" INTEGER,
  "reward_xp" INTEGER,
  "published" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "market_items" (
  "id" TEXT,
  "key" TEXT,
  "user_id" TEXT,
  "name" TEXT,
  "description" TEXT,
  "category" TEXT,
  "icon" TEXT,
  "cost" INTEGER,
  "active" INTEGER,
  "sort_order" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "onboarding_steps" (
  "id" TEXT,
  "key" TEXT,
  "flow_id" TEXT,
  "position" INTEGER,
  "title" TEXT,
  "body" TEXT,
  "action" TEXT,
  "optional" INTEGER,
  "reward_points" INTEGER,
  "reward_xp" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "points_ledger" (
  "id" TEXT,
  "user_id" TEXT,
  "delta" INTEGER,
  "balance_after" INTEGER,
  "xp_delta" INTEGER,
  "reason" TEXT,
  "source_type" TEXT,
  "source_id" TEXT,
  "created_at" TEXT
);
CREATE TABLE "quests" (
  "id" TEXT,
  "user_id" TEXT,
  "title" TEXT,
  "description" TEXT,
  "target" INTEGER,
  "progress" INTEGER,
  "due_date" TEXT,
  "status" TEXT,
  "reward_xp" INTEGER,
  "completed_at" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "training_programs" (
  "id" TEXT,
  "user_id" TEXT,
  "name" TEXT,
  "description" TEXT,
  "started_on" TEXT,
  "active" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "user_achievements" (
  "id" TEXT,
  "user_id" TEXT,
  "achievement_id" TEXT,
  "unlocked_at" TEXT,
  "points_awarded" INTEGER,
  "xp_awarded" INTEGER
);
CREATE TABLE "user_onboarding_state" (
  "id" TEXT,
  "user_id" TEXT,
  "flow_id" TEXT,
  "status" TEXT,
  "completed_steps" TEXT,
  "started_at" TEXT,
  "completed_at" TEXT,
  "skipped_at" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "user_quest_progress" (
  "id" TEXT,
  "user_id" TEXT,
  "quest_id" TEXT,
  "period_key" TEXT,
  "progress" INTEGER,
  "completed_at" TEXT,
  "points_awarded" INTEGER,
  "xp_awarded" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "user_settings" (
  "user_id" TEXT,
  "settings" TEXT,
  "vacation_from" TEXT,
  "vacation_to" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "user_wallet" (
  "user_id" TEXT,
  "balance" INTEGER,
  "xp" INTEGER,
  "updated_at" TEXT
);
CREATE TABLE "workouts" (
  "id" TEXT,
  "user_id" TEXT,
  "name" TEXT,
  "description" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "focus_pause_state" (
  "session_id" TEXT,
  "user_id" TEXT,
  "paused_at" TEXT
);
CREATE TABLE "goal_milestones" (
  "id" TEXT,
  "goal_id" TEXT,
  "user_id" TEXT,
  "title" TEXT,
  "due_date" TEXT,
  "done" INTEGER,
  "done_at" TEXT,
  "position" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "habit_logs" (
  "id" TEXT,
  "habit_id" TEXT,
  "user_id" TEXT,
  "local_date" TEXT,
  "status" TEXT,
  "count" INTEGER,
  "points_awarded" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "program_weeks" (
  "id" TEXT,
  "program_id" TEXT,
  "user_id" TEXT,
  "week_number" INTEGER,
  "title" TEXT,
  "notes" TEXT,
  "days" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "reading_sessions" (
  "id" TEXT,
  "book_id" TEXT,
  "user_id" TEXT,
  "started_at" TEXT,
  "minutes" INTEGER,
  "pages_read" INTEGER,
  "start_page" INTEGER,
  "end_page" INTEGER,
  "notes" TEXT,
  "created_at" TEXT
);
CREATE TABLE "reference_tracks" (
  "id" TEXT,
  "user_id" TEXT,
  "blob_id" TEXT,
  "storage_key" TEXT,
  "title" TEXT,
  "filename" TEXT,
  "content_type" TEXT,
  "size_bytes" INTEGER,
  "sha256" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "user_lesson_progress" (
  "id" TEXT,
  "user_id" TEXT,
  "lesson_id" TEXT,
  "started_at" TEXT,
  "completed_at" TEXT,
  "points_awarded" INTEGER,
  "xp_awarded" INTEGER,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "user_purchases" (
  "id" TEXT,
  "user_id" TEXT,
  "item_id" TEXT,
  "item_name" TEXT,
  "cost" INTEGER,
  "status" TEXT,
  "redeemed_at" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "user_streaks" (
  "id" TEXT,
  "user_id" TEXT,
  "kind" TEXT,
  "habit_id" TEXT,
  "current_streak" INTEGER,
  "longest_streak" INTEGER,
  "last_date" TEXT,
  "computed_at" TEXT
);
CREATE TABLE "workout_exercises" (
  "id" TEXT,
  "workout_id" TEXT,
  "user_id" TEXT,
  "exercise_id" TEXT,
  "position" INTEGER,
  "target_sets" INTEGER,
  "target_reps" INTEGER,
  "target_weight_kg" REAL,
  "notes" TEXT,
  "created_at" TEXT
);
CREATE TABLE "workout_sessions" (
  "id" TEXT,
  "user_id" TEXT,
  "workout_id" TEXT,
  "started_at" TEXT,
  "ended_at" TEXT,
  "notes" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "personal_records" (
  "id" TEXT,
  "user_id" TEXT,
  "exercise_id" TEXT,
  "metric" TEXT,
  "value" REAL,
  "achieved_at" TEXT,
  "session_id" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "track_analysis_cache" (
  "track_id" TEXT,
  "user_id" TEXT,
  "bpm" REAL,
  "key" TEXT,
  "loudness_lufs" REAL,
  "duration_seconds" REAL,
  "waveform" TEXT,
  "analyzer_version" TEXT,
  "created_at" TEXT,
  "updated_at" TEXT
);
CREATE TABLE "workout_sets" (
  "id" TEXT,
  "session_id" TEXT,
  "user_id" TEXT,
  "exercise_id" TEXT,
  "position" INTEGER,
  "reps" INTEGER,
  "weight_kg" REAL,
  "rpe" REAL,
  "created_at" TEXT
);
CREATE TABLE "sessions" (
  "id" TEXT,
  "sessionToken" TEXT,
  "userId" TEXT,
  "expires" TEXT
);
CREATE TABLE "verification_tokens" (
  "identifier" TEXT,
  "token" TEXT,
  "expires" TEXT
);
