"""Id-taking routes of the calendar (daily plans are keyed by date, feedback has no user read)."""
from __future__ import annotations

from tests.e2e.ownership import Resource, post_json


def _series(client, csrf):
    body = {"title": "Standup", "starts_at": "2026-03-02T09:00:00Z", "ends_at": "2026-03-02T09:30:00Z",
            "recurrence_rule": "FREQ=WEEKLY;BYDAY=MO"}
    return {"event_id": post_json(client, csrf, "/api/v1/calendar/events", body)["id"]}


RESOURCES = [
    Resource("/api/v1/calendar/events/<uuid:event_id>", _series,
             {"PATCH": {"title": "Stolen", "recurrence_rule": None}}),
]
