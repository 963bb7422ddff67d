"""Id-taking routes of the exercise area: workout templates, workout sessions, training programs."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests.e2e.ownership import Resource, post_json


def _workout(client, csrf):
    return {"workout_id": post_json(client, csrf, "/api/v1/workouts", {"name": "Legs"})["id"]}


def _session(client, csrf):
    lift = post_json(client, csrf, "/api/v1/exercises", {"name": "Own lift"})["id"]
    started = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
    body = {"started_at": started, "sets": [{"exercise_id": lift, "reps": 5, "weight_kg": 100}]}
    return {"session_id": post_json(client, csrf, "/api/v1/workout-sessions", body)["id"]}


def _program(client, csrf):
    return {"program_id": post_json(client, csrf, "/api/v1/programs", {"name": "Base", "weeks": [
        {"week_number": 1, "days": [{"day": 1}]}]})["id"]}


RESOURCES = [
    Resource("/api/v1/workouts/<uuid:workout_id>", _workout, {"PATCH": {"name": "Stolen", "exercises": []}}),
    Resource("/api/v1/workout-sessions/<uuid:session_id>", _session),
    Resource("/api/v1/programs/<uuid:program_id>", _program, {"PATCH": {"name": "Stolen", "weeks": []}}),
]
