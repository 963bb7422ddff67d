"""Id-taking routes of the infobase and ideas.

The learn routes (/api/v1/learn/topics/…, /lessons/…, /lessons/…/complete) take ids of
shared published content, not of anything a user owns: test_ownership.py exempts them.
"""
from __future__ import annotations

from tests.e2e.ownership import Resource, post_json


def _entry(client, csrf):
    body = {"title": "Rust", "content": "Ownership", "tags": ["lang"]}
    return {"entry_id": post_json(client, csrf, "/api/v1/infobase", body)["id"]}


def _idea(client, csrf):
    return {"idea_id": post_json(client, csrf, "/api/v1/ideas", {"title": "App", "body": "Streaks"})["id"]}


RESOURCES = [
    Resource("/api/v1/infobase/<uuid:entry_id>", _entry,
             {"PATCH": {"title": "Stolen", "content": "Mine", "tags": ["x"]}}),
    Resource("/api/v1/ideas/<uuid:idea_id>", _idea, {"PATCH": {"title": "Stolen", "pinned": True}}),
]
