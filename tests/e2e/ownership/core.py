"""Id-taking routes of the foundation and the gamified core."""
from __future__ import annotations

import psycopg

from tests.e2e.ownership import Resource, post_json


def _focus(client, csrf):
    return {"session_id": post_json(client, csrf, "/api/v1/focus", {"mode": "focus", "duration": 1500})["id"]}


def _quest(client, csrf):
    return {"quest_id": post_json(client, csrf, "/api/v1/quests", {"title": "Read", "target": 5})["id"]}


def _reward(client, csrf):
    return {"item_id": post_json(client, csrf, "/api/v1/market/items", {"name": "Cake", "cost": 1})["id"]}


def _session(client, csrf):
    current = [s for s in client.get("/auth/sessions").get_json()["items"] if s["current"]]
    return {"session_id": current[0]["id"]}


def _purchase(client, csrf):
    """A personal reward costs points: give the owner some first, straight into the ledger."""
    me = client.get("/api/v1/me").get_json()["id"]
    url = client.application.extensions["ignition.container"].settings().database_url.replace("+psycopg", "")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO user_wallet (user_id, balance) VALUES (%s, 5)", (me,))
        conn.execute("INSERT INTO points_ledger (user_id, delta, balance_after, reason, source_type, source_id)"
                     " VALUES (%s, 5, 5, 'test', 'test', 'ownership')", (me,))
    item = _reward(client, csrf)["item_id"]
    return {"purchase_id": post_json(client, csrf, "/api/v1/market/purchases", {"item_id": item})["id"]}


RESOURCES = [
    Resource("/auth/sessions/<uuid:session_id>", _session, read="/auth/session"),
    Resource("/api/v1/focus/<uuid:session_id>", _focus),
    Resource("/api/v1/focus/<uuid:session_id>/pause", _focus, {"POST": {}}, read="/api/v1/focus/{session_id}"),
    Resource("/api/v1/focus/<uuid:session_id>/resume", _focus, {"POST": {}}, read="/api/v1/focus/{session_id}"),
    Resource("/api/v1/focus/<uuid:session_id>/complete", _focus, {"POST": {}}, read="/api/v1/focus/{session_id}"),
    Resource("/api/v1/focus/<uuid:session_id>/abandon", _focus, {"POST": {}}, read="/api/v1/focus/{session_id}"),
    Resource("/api/v1/quests/<uuid:quest_id>", _quest, {"PATCH": {"title": "Stolen"}}, read="/api/v1/quests"),
    Resource("/api/v1/quests/<uuid:quest_id>/progress", _quest, {"POST": {"delta": 1}}, read="/api/v1/quests"),
    Resource("/api/v1/quests/<uuid:quest_id>/complete", _quest, {"POST": {}}, read="/api/v1/quests"),
    Resource("/api/v1/market/purchases/<uuid:purchase_id>/redeem", _purchase, {"POST": {}},
             read="/api/v1/market/purchases"),
]
