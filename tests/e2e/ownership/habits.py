"""Id-taking routes of habits and their logs."""
from __future__ import annotations

from tests.e2e.ownership import Resource, post_json


def _habit(client, csrf):
    return {"habit_id": post_json(client, csrf, "/api/v1/habits", {"title": "Stretch"})["id"]}


def _logged(client, csrf):
    """A habit with a done log today (the owner's today, as the server gave it)."""
    params = _habit(client, csrf)
    log = post_json(client, csrf, f"/api/v1/habits/{params['habit_id']}/logs", {})
    return {**params, "log_date": log["date"]}


HABIT = "/api/v1/habits/{habit_id}"

RESOURCES = [
    Resource("/api/v1/habits/<uuid:habit_id>", _logged, {"PATCH": {"title": "Stolen"}}),
    Resource("/api/v1/habits/<uuid:habit_id>/logs", _logged, {"POST": {"status": "skipped"}}, read=HABIT),
    Resource("/api/v1/habits/<uuid:habit_id>/logs/<log_date>", _logged, read=HABIT),
]
