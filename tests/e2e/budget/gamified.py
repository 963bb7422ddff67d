"""Calls of the gamified core: focus, gamification, quests, market, onboarding, learn."""
from __future__ import annotations

import uuid

from tests.e2e.budget import Call, Caller, calls

FOCUS = {"mode": "focus", "duration": 1500}


def _fund(caller: Caller, points: int = 100) -> None:
    """Points for spending, straight into the wallet and ledger (as an award would)."""
    caller.db.execute("INSERT INTO user_wallet (user_id, balance) VALUES (%s, %s) ON CONFLICT (user_id)"
                      " DO UPDATE SET balance = user_wallet.balance + excluded.balance", (caller.id, points))
    caller.db.execute("INSERT INTO points_ledger (user_id, delta, balance_after, reason, source_type, source_id)"
                      " SELECT %s, %s, balance, 'budget', 'test', %s FROM user_wallet WHERE user_id = %s",
                      (caller.id, points, uuid.uuid4().hex, caller.id))


def _ledger_row(caller: Caller, params: dict) -> None:
    _fund(caller, 1)


def _started(caller: Caller) -> dict:
    return {"session_id": caller.post("/api/v1/focus", FOCUS)["id"]}


def _focused(caller: Caller) -> dict:
    """A focus session begun 30 minutes ago: completing it awards points and XP, as most completions do."""
    params = _started(caller)
    caller.db.execute("UPDATE focus_sessions SET started_at = started_at - interval '30 minutes' WHERE id = %s",
                      (params["session_id"],))
    return params


def _paused(caller: Caller) -> dict:
    params = _started(caller)
    caller.post(f"/api/v1/focus/{params['session_id']}/pause")
    return params


def _finished_focus(caller: Caller, params: dict) -> None:
    caller.post(f"/api/v1/focus/{_started(caller)['session_id']}/complete")


def _unlock(caller: Caller, params: dict) -> None:
    """Unlock the next achievement the caller does not have yet."""
    caller.db.execute("INSERT INTO user_achievements (user_id, achievement_id) SELECT %s, d.id"
                      " FROM achievement_definitions d WHERE NOT EXISTS (SELECT 1 FROM user_achievements u"
                      " WHERE u.user_id = %s AND u.achievement_id = d.id) ORDER BY d.sort_order LIMIT 1",
                      (caller.id, caller.id))


def _quest(caller: Caller) -> dict:
    return {"quest_id": caller.post("/api/v1/quests", {"title": "Read", "target": 2})["id"]}


def _quest_with_progress(caller: Caller, params: dict | None = None) -> dict:
    made = _quest(caller)
    caller.post(f"/api/v1/quests/{made['quest_id']}/progress", {"delta": 2})
    return made


def _reward(caller: Caller, params: dict | None = None) -> dict:
    return {"item_id": caller.post("/api/v1/market/items", {"name": "Cake", "cost": 1})["id"]}


def _affordable(caller: Caller) -> dict:
    _fund(caller)
    return _reward(caller)


def _purchase(caller: Caller, params: dict) -> None:
    caller.post("/api/v1/market/purchases", {"item_id": params["item_id"]})


def _topic(caller: Caller, params: dict | None = None) -> dict:
    """A published topic of its own (shared content, as an admin would add it) with one lesson."""
    topic = caller.db.execute("INSERT INTO learn_topics (title, position) VALUES ('Budget topic', 99)"
                              " RETURNING id").fetchone()[0]
    lesson = _lesson(caller, {"topic_id": topic})
    return {"topic_id": str(topic), "lesson_id": lesson}


def _lesson(caller: Caller, params: dict) -> str:
    return str(caller.db.execute("INSERT INTO learn_lessons (topic_id, title, content, reward_points, reward_xp)"
                                 " VALUES (%s, 'Budget lesson', 'Text', 1, 1) RETURNING id",
                                 (params["topic_id"],)).fetchone()[0])


def _completed_lesson(caller: Caller, params: dict) -> None:
    made = _topic(caller)
    caller.post(f"/api/v1/learn/lessons/{made['lesson_id']}/complete")


CALLS = calls(
    Call("POST", "/api/v1/focus", body=FOCUS),
    Call("GET", "/api/v1/focus", add_row=_finished_focus),
    Call("GET", "/api/v1/focus/active", _paused),
    Call("GET", "/api/v1/focus/stats", add_row=_finished_focus, query="?days=7"),
    Call("POST", "/api/v1/focus/<uuid:session_id>/resume", _paused, body={}),
    Call("POST", "/api/v1/focus/<uuid:session_id>/complete", _focused, body={}),
    Call("GET", "/api/v1/gamification/summary", add_row=_unlock),
    Call("GET", "/api/v1/achievements", add_row=_unlock),
    Call("GET", "/api/v1/wallet/ledger", add_row=_ledger_row),
    Call("GET", "/api/v1/quests", add_row=_quest_with_progress),
    Call("POST", "/api/v1/quests", body={"title": "Walk", "target": 3, "due_date": "2030-01-01"}),
    Call("POST", "/api/v1/quests/<uuid:quest_id>/complete", _quest_with_progress, body={}),
    Call("GET", "/api/v1/market/items", add_row=_reward),
    Call("POST", "/api/v1/market/items", body={"name": "Cinema", "cost": 30, "description": "Friday"}),
    Call("POST", "/api/v1/market/purchases", _affordable, body=lambda p: {"item_id": p["item_id"]}),
    Call("GET", "/api/v1/market/purchases", _affordable, add_row=_purchase),
    Call("GET", "/api/v1/onboarding"),
    Call("POST", "/api/v1/onboarding/steps/<string(maxlength=100):key>/complete", lambda c: {"key": "set_profile"},
         body={}),
    Call("POST", "/api/v1/onboarding/skip", body={}),
    Call("POST", "/api/v1/onboarding/reset", body={}),
    Call("GET", "/api/v1/learn", add_row=_completed_lesson),
    Call("GET", "/api/v1/learn/topics/<uuid:topic_id>", _topic, add_row=lambda c, p: _lesson(c, p) and None),
    Call("GET", "/api/v1/learn/lessons/<uuid:lesson_id>", _topic),
    Call("POST", "/api/v1/learn/lessons/<uuid:lesson_id>/complete", _topic, body={}),
)
