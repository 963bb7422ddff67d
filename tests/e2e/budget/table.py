"""Statement budgets, one line per route and method: how many SQL statements one request may send.

Counted as tests/e2e/test_query_budget.py says: every statement through a cursor, including
the session check (1) and the session's idle-expiry touch (1, measured as due); BEGIN,
COMMIT and ROLLBACK are not statements. A read is at most 3; a read above 3 gives its
reason as `(budget, "why")`. Writes get what they need, written down, so a regression shows.

Writes that earn (complete, log, purchase, …) pay for the reward engine (ports/inbound/rewards.py)
per kind of work, never per quest or achievement: the activity events (1), the universal quests
of the touched metrics (the quests 1, their totals 1 per kind of period, their progress 2 to
lock and 1 to save), the achievements (progress 1, each unlock 1) and each batch of awards
(wallet 1, sources already posted 1, wallet saved 1, ledger 1); a completed quest adds a round.
"""
from __future__ import annotations

BUDGETS: dict[str, int | tuple[int, str]] = {
    # auth
    "GET /auth/<provider:provider>/callback": (9, "a sign-in, not a read: spends the login state, creates the "
                                                  "user with settings and provider link, opens the session"),
    "GET /auth/<provider:provider>/link": 3,
    "GET /auth/<provider:provider>/login": 1,
    "GET /auth/accept-tos": 2,
    "POST /auth/accept-tos": 5,
    "POST /auth/dev/login": 6,
    "POST /auth/logout": 3,
    "DELETE /auth/logout": 3,
    "GET /auth/providers": 0,
    "GET /auth/session": 2,
    "GET /auth/sessions": 3,
    "DELETE /auth/sessions/<uuid:session_id>": 3,
    "POST /auth/verify-age": 5,
    # health
    "GET /health": 1,
    "GET /health/live": 0,
    # metrics
    "GET /metrics": 0,
    # achievements
    "GET /api/v1/achievements": 3,
    # admin
    "GET /api/v1/admin/achievements": 3,
    "POST /api/v1/admin/achievements": 4,
    "GET /api/v1/admin/achievements/<uuid:achievement_id>": 3,
    "PATCH /api/v1/admin/achievements/<uuid:achievement_id>": 5,
    "DELETE /api/v1/admin/achievements/<uuid:achievement_id>": 7,
    "GET /api/v1/admin/audit-log": 3,
    "POST /api/v1/admin/backup": 3,
    "POST /api/v1/admin/cleanup": 9,
    "GET /api/v1/admin/feedback": 3,
    "PATCH /api/v1/admin/feedback/<uuid:feedback_id>": 5,
    "GET /api/v1/admin/learn/lessons": 3,
    "POST /api/v1/admin/learn/lessons": 5,
    "GET /api/v1/admin/learn/lessons/<uuid:lesson_id>": 3,
    "PATCH /api/v1/admin/learn/lessons/<uuid:lesson_id>": 5,
    "DELETE /api/v1/admin/learn/lessons/<uuid:lesson_id>": 7,
    "GET /api/v1/admin/learn/topics": 3,
    "POST /api/v1/admin/learn/topics": 4,
    "GET /api/v1/admin/learn/topics/<uuid:topic_id>": 3,
    "PATCH /api/v1/admin/learn/topics/<uuid:topic_id>": 5,
    "DELETE /api/v1/admin/learn/topics/<uuid:topic_id>": 7,
    "GET /api/v1/admin/market/items": 3,
    "POST /api/v1/admin/market/items": 4,
    "GET /api/v1/admin/market/items/<uuid:item_id>": 3,
    "PATCH /api/v1/admin/market/items/<uuid:item_id>": 5,
    "DELETE /api/v1/admin/market/items/<uuid:item_id>": 7,
    "GET /api/v1/admin/quests": 3,
    "POST /api/v1/admin/quests": 4,
    "GET /api/v1/admin/quests/<uuid:quest_id>": 3,
    "PATCH /api/v1/admin/quests/<uuid:quest_id>": 5,
    "DELETE /api/v1/admin/quests/<uuid:quest_id>": 7,
    "GET /api/v1/admin/stats": 3,
    "GET /api/v1/admin/users": 3,
    "GET /api/v1/admin/users/<uuid:user_id>": 3,
    "PATCH /api/v1/admin/users/<uuid:user_id>": 7,
    "DELETE /api/v1/admin/users/<uuid:user_id>": 11,
    "POST /api/v1/admin/users/<uuid:user_id>/wallet": 13,
    # blobs
    "GET /api/v1/blobs": 3,
    "POST /api/v1/blobs": 4,
    "GET /api/v1/blobs/<uuid:blob_id>": 3,
    "DELETE /api/v1/blobs/<uuid:blob_id>": 5,
    # books
    "GET /api/v1/books": 3,
    "POST /api/v1/books": 3,
    "GET /api/v1/books/<uuid:book_id>": 3,
    "PATCH /api/v1/books/<uuid:book_id>": 8,
    "DELETE /api/v1/books/<uuid:book_id>": 3,
    "GET /api/v1/books/<uuid:book_id>/reading-sessions": 3,
    "POST /api/v1/books/<uuid:book_id>/reading-sessions": 26,
    # calendar
    "GET /api/v1/calendar/events": 3,
    "POST /api/v1/calendar/events": 3,
    "GET /api/v1/calendar/events/<uuid:event_id>": 3,
    "PATCH /api/v1/calendar/events/<uuid:event_id>": 4,
    "DELETE /api/v1/calendar/events/<uuid:event_id>": 3,
    # daily-plan
    "GET /api/v1/daily-plan": 3,
    "PUT /api/v1/daily-plan/<date>": 3,
    # docs
    "GET /api/v1/docs": 0,
    # exercises
    "GET /api/v1/exercises": 3,
    "POST /api/v1/exercises": 3,
    # feedback
    "POST /api/v1/feedback": 3,
    # focus
    "GET /api/v1/focus": 3,
    "POST /api/v1/focus": 5,
    "GET /api/v1/focus/<uuid:session_id>": 3,
    "POST /api/v1/focus/<uuid:session_id>/abandon": 6,
    "POST /api/v1/focus/<uuid:session_id>/complete": 31,
    "POST /api/v1/focus/<uuid:session_id>/pause": 6,
    "POST /api/v1/focus/<uuid:session_id>/resume": 6,
    "GET /api/v1/focus/active": 3,
    "GET /api/v1/focus/stats": 3,
    # gamification
    "GET /api/v1/gamification/summary": 3,
    # goals
    "GET /api/v1/goals": 3,
    "POST /api/v1/goals": 3,
    "GET /api/v1/goals/<uuid:goal_id>": 3,
    "PATCH /api/v1/goals/<uuid:goal_id>": 10,
    "DELETE /api/v1/goals/<uuid:goal_id>": 3,
    "POST /api/v1/goals/<uuid:goal_id>/milestones": 7,
    "PATCH /api/v1/goals/<uuid:goal_id>/milestones/<uuid:milestone_id>": 11,
    "DELETE /api/v1/goals/<uuid:goal_id>/milestones/<uuid:milestone_id>": 6,
    # habits
    "GET /api/v1/habits": 3,
    "POST /api/v1/habits": 5,
    "GET /api/v1/habits/<uuid:habit_id>": 3,
    "PATCH /api/v1/habits/<uuid:habit_id>": 13,
    "DELETE /api/v1/habits/<uuid:habit_id>": 10,
    "GET /api/v1/habits/<uuid:habit_id>/logs": 3,
    "POST /api/v1/habits/<uuid:habit_id>/logs": 26,
    "DELETE /api/v1/habits/<uuid:habit_id>/logs/<log_date>": 26,
    # ideas
    "GET /api/v1/ideas": 3,
    "POST /api/v1/ideas": 8,
    "GET /api/v1/ideas/<uuid:idea_id>": 3,
    "PATCH /api/v1/ideas/<uuid:idea_id>": 4,
    "DELETE /api/v1/ideas/<uuid:idea_id>": 3,
    # infobase
    "GET /api/v1/infobase": 3,
    "POST /api/v1/infobase": 8,
    "GET /api/v1/infobase/<uuid:entry_id>": 3,
    "PATCH /api/v1/infobase/<uuid:entry_id>": 4,
    "DELETE /api/v1/infobase/<uuid:entry_id>": 3,
    # learn
    "GET /api/v1/learn": 3,
    "GET /api/v1/learn/lessons/<uuid:lesson_id>": 3,
    "POST /api/v1/learn/lessons/<uuid:lesson_id>/complete": 24,
    "GET /api/v1/learn/topics/<uuid:topic_id>": 3,
    # market
    "GET /api/v1/market/items": 3,
    "POST /api/v1/market/items": 3,
    "GET /api/v1/market/purchases": 3,
    "POST /api/v1/market/purchases": 19,
    "POST /api/v1/market/purchases/<uuid:purchase_id>/redeem": 8,
    # me
    "GET /api/v1/me": 2,
    "PATCH /api/v1/me": 5,
    "DELETE /api/v1/me": 6,
    "GET /api/v1/me/export": (
        41, "streams the whole account as one document: a server-side cursor per table the user owns (one "
            "statement each, its rows fetched 1,000 at a time); constant in rows"),
    "PUT /api/v1/me/vacation": 14,
    "DELETE /api/v1/me/vacation": 14,
    # onboarding
    "GET /api/v1/onboarding": 3,
    "POST /api/v1/onboarding/reset": 6,
    "POST /api/v1/onboarding/skip": 6,
    "POST /api/v1/onboarding/steps/<string(maxlength=100):key>/complete": 15,
    # openapi.json
    "GET /api/v1/openapi.json": 0,
    # personal-records
    "GET /api/v1/personal-records": 3,
    # programs
    "GET /api/v1/programs": 3,
    "POST /api/v1/programs": 4,
    "GET /api/v1/programs/<uuid:program_id>": 3,
    "PATCH /api/v1/programs/<uuid:program_id>": 6,
    "DELETE /api/v1/programs/<uuid:program_id>": 3,
    # quests
    "GET /api/v1/quests": 3,
    "POST /api/v1/quests": 3,
    "PATCH /api/v1/quests/<uuid:quest_id>": 4,
    "DELETE /api/v1/quests/<uuid:quest_id>": 3,
    "POST /api/v1/quests/<uuid:quest_id>/complete": 12,
    "POST /api/v1/quests/<uuid:quest_id>/progress": 4,
    # tracks
    "GET /api/v1/tracks": 3,
    "POST /api/v1/tracks": 4,
    "GET /api/v1/tracks/<uuid:track_id>": 3,
    "PATCH /api/v1/tracks/<uuid:track_id>": 4,
    "DELETE /api/v1/tracks/<uuid:track_id>": 5,
    "GET /api/v1/tracks/<uuid:track_id>/analysis": 3,
    "PUT /api/v1/tracks/<uuid:track_id>/analysis": 4,
    "GET /api/v1/tracks/<uuid:track_id>/stream": 3,
    # wallet
    "GET /api/v1/wallet/ledger": 3,
    # workout-sessions
    "GET /api/v1/workout-sessions": 3,
    "POST /api/v1/workout-sessions": 12,
    "GET /api/v1/workout-sessions/<uuid:session_id>": 3,
    # workouts
    "GET /api/v1/workouts": 3,
    "POST /api/v1/workouts": 5,
    "GET /api/v1/workouts/<uuid:workout_id>": 3,
    "PATCH /api/v1/workouts/<uuid:workout_id>": 6,
    "DELETE /api/v1/workouts/<uuid:workout_id>": 4,
}
