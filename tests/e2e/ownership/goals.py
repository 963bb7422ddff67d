"""Id-taking routes of goals and their milestones."""
from __future__ import annotations

from tests.e2e.ownership import Resource, post_json


def _goal(client, csrf):
    return {"goal_id": post_json(client, csrf, "/api/v1/goals", {"title": "Run a marathon"})["id"]}


def _milestone(client, csrf):
    ids = _goal(client, csrf)
    milestone = post_json(client, csrf, f"/api/v1/goals/{ids['goal_id']}/milestones", {"title": "5 km"})
    return {**ids, "milestone_id": milestone["id"]}


RESOURCES = [
    Resource("/api/v1/goals/<uuid:goal_id>", _goal, {"PATCH": {"title": "Stolen", "status": "completed"}}),
    Resource("/api/v1/goals/<uuid:goal_id>/milestones", _goal, {"POST": {"title": "Planted"}},
             read="/api/v1/goals/{goal_id}"),
    Resource("/api/v1/goals/<uuid:goal_id>/milestones/<uuid:milestone_id>", _milestone,
             {"PATCH": {"title": "Stolen", "done": True, "position": 0}}, read="/api/v1/goals/{goal_id}"),
]
