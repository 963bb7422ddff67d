"""CRUD /api/v1/workouts over HTTP on real Postgres: templates of catalog or own exercises,
ownership, validation, paging, and what a deletion leaves behind."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from tests.e2e.conftest import ApiCaller, signed_in_as


class Caller(ApiCaller):
    def exercise(self, name="Squat") -> str:
        return self.send("POST", "/exercises", {"name": name}).json["id"]

    def workout(self, name="Legs", **fields) -> dict:
        reply = self.send("POST", "/workouts", {"name": name, **fields})
        assert reply.status_code == 201, reply.json
        return reply.json

    def list(self, **query):
        return self.client.get("/api/v1/workouts", query_string=query)


ada = signed_in_as("ada@example.com", Caller)
bob = signed_in_as("bob@example.com", Caller)


def test_a_workout_is_created_read_listed_changed_and_deleted(ada):
    squat, bench = ada.exercise("Squat"), ada.exercise("Bench press")
    made = ada.workout("Legs", description="Heavy day", exercises=[
        {"exercise_id": squat, "target_sets": 5, "target_reps": 5, "target_weight_kg": 102.5, "notes": "Belt"},
        {"exercise_id": bench}])
    assert set(made) == {"id", "name", "description", "exercises", "created_at", "updated_at"}
    assert made["exercises"] == [
        {"exercise_id": squat, "exercise_name": "Squat", "target_sets": 5, "target_reps": 5, "target_weight_kg": 102.5,
         "notes": "Belt"},
        {"exercise_id": bench, "exercise_name": "Bench press", "target_sets": None, "target_reps": None,
         "target_weight_kg": None, "notes": None}]
    assert ada.send("GET", f"/workouts/{made['id']}").json == made
    assert ada.list().json == {"items": [made], "next_cursor": None}
    renamed = ada.send("PATCH", f"/workouts/{made['id']}", {"name": "Leg day", "description": None})
    assert renamed.status_code == 200
    assert (renamed.json["name"], renamed.json["description"], renamed.json["exercises"]) == \
        ("Leg day", None, made["exercises"])
    assert renamed.json["updated_at"] >= made["updated_at"]
    replaced = ada.send("PATCH", f"/workouts/{made['id']}", {"exercises": [{"exercise_id": bench, "target_sets": 3}]})
    assert [(e["exercise_id"], e["target_sets"]) for e in replaced.json["exercises"]] == [(bench, 3)]
    assert ada.send("GET", f"/workouts/{made['id']}").json == replaced.json
    deleted = ada.send("DELETE", f"/workouts/{made['id']}")
    assert (deleted.status_code, deleted.data) == (204, b"")
    assert ada.send("GET", f"/workouts/{made['id']}").status_code == 404


def test_whole_kilograms_come_back_as_integers_and_the_same_exercise_may_repeat(ada):
    squat = ada.exercise()
    made = ada.workout(exercises=[{"exercise_id": squat, "target_weight_kg": 100},
                                  {"exercise_id": squat, "target_weight_kg": 0.5}])
    assert [e["target_weight_kg"] for e in made["exercises"]] == [100, 0.5]
    assert isinstance(made["exercises"][0]["target_weight_kg"], int)


def test_a_catalog_exercise_may_be_used(ada, database_url):
    import psycopg
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as db:
        catalog = str(db.execute("INSERT INTO exercises (key, name) VALUES ('deadlift', 'Deadlift') RETURNING id")
                      .fetchone()[0])
    assert ada.workout(exercises=[{"exercise_id": catalog}])["exercises"][0]["exercise_name"] == "Deadlift"


def test_someone_elses_or_an_unknown_exercise_is_404_and_nothing_is_written(ada, bob):
    theirs, unknown = bob.exercise("Bob's lift"), str(uuid4())
    for exercise_id in (theirs, unknown):
        reply = ada.send("POST", "/workouts", {"name": "Legs", "exercises": [{"exercise_id": exercise_id}]})
        assert (reply.status_code, reply.json["code"]) == (404, "not_found")
        assert reply.json["details"] == {"exercise_ids": [exercise_id]}
    assert ada.list().json["items"] == []
    made = ada.workout()
    reply = ada.send("PATCH", f"/workouts/{made['id']}", {"name": "Stolen", "exercises": [{"exercise_id": theirs}]})
    assert reply.status_code == 404
    assert ada.send("GET", f"/workouts/{made['id']}").json == made


@pytest.mark.parametrize("method,body", [("GET", None), ("PATCH", {"name": "Mine now"}), ("DELETE", None)])
def test_another_users_or_an_unknown_workout_is_404(ada, bob, method, body):
    theirs = bob.workout()
    for workout_id in (theirs["id"], str(uuid4())):
        reply = ada.send(method, f"/workouts/{workout_id}", body)
        assert (reply.status_code, reply.json["code"]) == (404, "not_found")
    assert bob.send("GET", f"/workouts/{theirs['id']}").json == theirs


def test_a_malformed_id_is_404(ada):
    assert ada.send("GET", "/workouts/not-a-uuid").status_code == 404


def planned(**fields) -> dict:
    return {"exercise_id": str(uuid4()), **fields}


@pytest.mark.parametrize("body,field", [
    ({}, "name"), ({"name": ""}, "name"), ({"name": "x" * 201}, "name"), ({"name": None}, "name"),
    ({"name": "Legs", "description": "d" * 20_001}, "description"),
    ({"name": "Legs", "exercises": [planned()] * 51}, "exercises"),
    ({"name": "Legs", "exercises": "squat"}, "exercises"), ({"name": "Legs", "exercises": [{}]}, "exercises"),
    ({"name": "Legs", "exercises": [{"exercise_id": "squat"}]}, "exercises"),
    ({"name": "Legs", "exercises": [planned(target_sets=0)]}, "exercises"),
    ({"name": "Legs", "exercises": [planned(target_sets=101)]}, "exercises"),
    ({"name": "Legs", "exercises": [planned(target_reps=1001)]}, "exercises"),
    ({"name": "Legs", "exercises": [planned(target_reps=2.5)]}, "exercises"),
    ({"name": "Legs", "exercises": [planned(target_reps=10 ** 30)]}, "exercises"),
    ({"name": "Legs", "exercises": [planned(target_weight_kg=-0.01)]}, "exercises"),
    ({"name": "Legs", "exercises": [planned(target_weight_kg=1000.01)]}, "exercises"),
    ({"name": "Legs", "exercises": [planned(target_weight_kg=60.125)]}, "exercises"),
    ({"name": "Legs", "exercises": [planned(target_weight_kg="60")]}, "exercises"),
    ({"name": "Legs", "exercises": [planned(target_weight_kg=True)]}, "exercises"),
    ({"name": "Legs", "exercises": [planned(notes="n" * 2001)]}, "exercises"),
    ({"name": "Legs", "exercises": [planned(extra=1)]}, "exercises"),
    ({"name": "Legs", "user_id": str(uuid4())}, "user_id"),
])
def test_bad_input_is_400_naming_the_field(ada, body, field):
    reply = ada.send("POST", "/workouts", body)
    assert (reply.status_code, reply.json["code"]) == (400, "validation_error")
    assert field in reply.json["details"]
    assert ada.list().json["items"] == []


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_special_numbers_are_400(ada, raw):
    body = f'{{"name": "Legs", "exercises": [{{"exercise_id": "{uuid4()}", "target_weight_kg": {raw}}}]}}'
    reply = ada.client.post("/api/v1/workouts", data=body, content_type="application/json",
                            headers={"X-CSRF-Token": ada.csrf})
    assert reply.status_code == 400 and "exercises" in reply.json["details"]


@pytest.mark.parametrize("body,field", [({"name": ""}, "name"), ({"name": None}, "name"),
                                        ({"exercises": None}, "exercises"),
                                        ({"exercises": [planned()] * 51}, "exercises"),
                                        ({"created_at": "2026-01-01T00:00:00Z"}, "created_at")])
def test_bad_patches_are_400_and_change_nothing(ada, body, field):
    made = ada.workout()
    reply = ada.send("PATCH", f"/workouts/{made['id']}", body)
    assert reply.status_code == 400 and field in reply.json["details"]
    assert ada.send("GET", f"/workouts/{made['id']}").json == made


def test_fifty_exercises_are_allowed(ada):
    squat = ada.exercise()
    assert len(ada.workout(exercises=[{"exercise_id": squat}] * 50)["exercises"]) == 50


@pytest.mark.parametrize("query,field", [({"limit": 0}, "limit"), ({"limit": 201}, "limit"),
                                         ({"cursor": "garbage!"}, "cursor"), ({"cursor": "W1siaSIsIjUiXV0"}, "cursor"),
                                         ({"q": "legs"}, "q")])
def test_bad_list_arguments_are_400(ada, query, field):
    reply = ada.list(**query)
    assert reply.status_code == 400 and field in reply.json["details"]


def test_pages_neither_repeat_nor_skip_when_workouts_are_added_between_them(ada, bob):
    squat = ada.exercise()
    made = [ada.workout(f"W{n}", exercises=[{"exercise_id": squat}] * (n + 1))["id"] for n in range(5)]
    seen, cursor, pages = [], None, 0
    while True:
        body = ada.list(limit=2, **({"cursor": cursor} if cursor else {})).json
        seen += [w["id"] for w in body["items"]]
        assert all(len(w["exercises"]) == int(w["name"][1:]) + 1 for w in body["items"])
        ada.workout(f"added after page {pages}")
        bob.workout("Bob's")
        pages, cursor = pages + 1, body["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(made)) and pages == 3


def test_deleting_a_workout_keeps_its_sessions_and_program_days(ada):
    squat = ada.exercise()
    made = ada.workout(exercises=[{"exercise_id": squat}])
    started = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
    session = ada.send("POST", "/workout-sessions", {"workout_id": made["id"], "started_at": started, "sets": [
        {"exercise_id": squat, "reps": 5, "weight_kg": 100}]}).json
    program = ada.send("POST", "/programs", {"name": "Plan", "weeks": [
        {"week_number": 1, "days": [{"day": 1, "workout_id": made["id"], "notes": "Heavy"}]}]}).json
    assert ada.send("DELETE", f"/workouts/{made['id']}").status_code == 204
    kept = ada.send("GET", f"/workout-sessions/{session['id']}").json
    assert kept["workout_id"] is None and len(kept["sets"]) == 1
    days = ada.send("GET", f"/programs/{program['id']}").json["weeks"][0]["days"]
    assert days == [{"day": 1, "workout_id": None, "notes": "Heavy"}]
    assert ada.send("DELETE", f"/workouts/{made['id']}").status_code == 404
