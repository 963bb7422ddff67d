"""Calls of the admin console, made by a fresh admin."""
from __future__ import annotations

import threading
import uuid

from tests.e2e.budget import Call, Caller, calls
from tests.e2e.conftest import dev_login

A = "/api/v1/admin"
CONTENT = {  # admin content path → (a valid create body, a valid patch)
    "/quests": ({"title": "Read 10 pages", "metric": "pages_read", "target": 10, "period": "daily",
                 "reward_points": 5, "reward_xp": 10}, {"active": False, "target": 12}),
    "/market/items": ({"name": "Cinema", "cost": 100, "category": "fun"}, {"cost": 120, "icon": "🎬"}),
    "/achievements": ({"title": "Bookworm", "condition_type": "books_finished", "threshold": 5,
                       "reward_points": 10, "reward_xp": 20}, {"threshold": 6, "description": "Five books"}),
    "/learn/topics": ({"title": "Calm", "description": "Breathing"}, {"published": False, "position": 3}),
}
ID_NAMES = {"/quests": "quest_id", "/market/items": "item_id", "/achievements": "achievement_id",
            "/learn/topics": "topic_id", "/learn/lessons": "lesson_id"}


def _tag(caller: Caller) -> dict:
    """A mark that the users this test signs up carry in their emails, so the list can be narrowed to them."""
    return {"tag": "t" + uuid.uuid4().hex[:12]}


def _someone(caller: Caller, params: dict | None = None) -> dict:
    """Another user signs up (and has a second session)."""
    client = caller.app.test_client()
    email = f"{(params or {}).get('tag', 'someone')}-{uuid.uuid4().hex[:12]}@example.com"
    dev_login(client, email)
    dev_login(caller.app.test_client(), email)
    return {"user_id": client.get("/api/v1/me").get_json()["id"], "email": email}


def _another_session(caller: Caller, params: dict) -> None:
    dev_login(caller.app.test_client(), params["email"])


def _feedback(caller: Caller, params: dict | None = None) -> dict:
    return {"feedback_id": caller.post("/api/v1/feedback", {"kind": "bug", "message": "It broke"})["id"]}


def _lesson_body(params: dict) -> dict:
    return {"topic_id": params["topic_id"], "title": "Breathe", "content": "Slowly.", "reward_points": 2}


def _topic(caller: Caller, params: dict | None = None) -> dict:
    return {"topic_id": caller.post(f"{A}/learn/topics", CONTENT["/learn/topics"][0])["id"]}


def _lesson(caller: Caller, params: dict) -> dict:
    return {**params, "lesson_id": caller.post(f"{A}/learn/lessons", _lesson_body(params))["id"]}


def _adder(path: str):
    def add(caller: Caller, params: dict) -> None:
        caller.post(A + path, _lesson_body(params) if path == "/learn/lessons" else CONTENT[path][0])
    return add


def _maker(path: str):
    def make(caller: Caller) -> dict:
        if path == "/learn/lessons":
            return _lesson(caller, _topic(caller))
        return {ID_NAMES[path]: caller.post(A + path, CONTENT[path][0])["id"]}
    return make


def _backup(caller: Caller, params: dict):
    """Start a backup and wait (bounded) for its background thread, so it never outlives the test."""
    reply = caller.send("POST", f"{A}/backup")
    for thread in [t for t in threading.enumerate() if t.name == "ignition-backup"]:
        thread.join(timeout=60)
    return reply


def _content_calls(path: str, patch: dict) -> list[Call]:
    rule = f"{A}{path}/<uuid:{ID_NAMES[path]}>"
    prepare = _topic if path == "/learn/lessons" else (lambda caller: {})
    create = (lambda p: _lesson_body(p)) if path == "/learn/lessons" else CONTENT[path][0]
    return [Call("GET", A + path, prepare, add_row=_adder(path)),
            Call("POST", A + path, prepare, body=create),
            Call("GET", rule, _maker(path)),
            Call("PATCH", rule, _maker(path), body=patch),
            Call("DELETE", rule, _maker(path))]


CALLS = calls(
    Call("GET", f"{A}/users", _tag, add_row=_someone, query="?q={tag}"),
    Call("GET", f"{A}/users/<uuid:user_id>", _someone, add_row=_another_session),
    Call("PATCH", f"{A}/users/<uuid:user_id>", _someone, body={"role": "admin"}),
    Call("DELETE", f"{A}/users/<uuid:user_id>", _someone),
    Call("POST", f"{A}/users/<uuid:user_id>/wallet", _someone, body={"delta": 10, "reason": "Gift"}),
    Call("GET", f"{A}/stats", add_row=_someone),
    Call("GET", f"{A}/feedback", add_row=_feedback),
    Call("PATCH", f"{A}/feedback/<uuid:feedback_id>", _feedback,
         body={"status": "in_progress", "admin_notes": "On it"}),
    Call("GET", f"{A}/audit-log", lambda caller: {"actor": caller.id}, add_row=_adder("/learn/topics"),
         query="?actor_id={actor}"),
    Call("POST", f"{A}/cleanup", body={"dry_run": False}),
    Call("POST", f"{A}/backup", send=_backup),
    *_content_calls("/quests", CONTENT["/quests"][1]),
    *_content_calls("/market/items", CONTENT["/market/items"][1]),
    *_content_calls("/achievements", CONTENT["/achievements"][1]),
    *_content_calls("/learn/topics", CONTENT["/learn/topics"][1]),
    *_content_calls("/learn/lessons", {"title": "Breathe out", "duration_minutes": 6}),
)
