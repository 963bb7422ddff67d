"""POST/GET /api/v1/workout-sessions over HTTP on real Postgres: sets, personal records set on the
way, the activity event, ownership, validation, paging and retries."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from tests.e2e.conftest import ApiCaller, signed_in_as

NOW = datetime.now(timezone.utc).replace(microsecond=0)


def ago(**delta) -> str:
    return (NOW - timedelta(**delta)).isoformat()


class Caller(ApiCaller):
    def exercise(self, name="Squat") -> str:
        return self.send("POST", "/exercises", {"name": name}).json["id"]

    def log(self, *sets, started_at=None, **fields):
        """Sets as (exercise_id, reps, kg) or dicts."""
        body = {"started_at": started_at or ago(hours=1), **fields,
                "sets": [s if isinstance(s, dict) else {"exercise_id": s[0], "reps": s[1], "weight_kg": s[2]}
                         for s in sets]}
        return self.send("POST", "/workout-sessions", body)

    def logged(self, *sets, **fields) -> dict:
        reply = self.log(*sets, **fields)
        assert reply.status_code == 201, reply.json
        return reply.json

    def list(self, **query):
        return self.client.get("/api/v1/workout-sessions", query_string=query)


ada = signed_in_as("ada@example.com", Caller)
bob = signed_in_as("bob@example.com", Caller)


def records(reply: dict) -> dict:
    return {(r["exercise_name"], r["metric"]): (r["value"], r["previous_value"]) for r in reply["new_records"]}


def test_a_logged_session_answers_201_with_its_sets_and_the_records_it_set(ada):
    squat, bench = ada.exercise("Squat"), ada.exercise("Bench")
    workout = ada.send("POST", "/workouts", {"name": "Full body"}).json["id"]
    body = ada.logged((squat, 5, 100), (squat, 3, 110.5), {"exercise_id": bench, "reps": 8, "weight_kg": 70,
                                                          "rpe": 8.5},
                      started_at=ago(hours=2), ended_at=ago(hours=1), notes="Felt strong", workout_id=workout)
    assert set(body) == {"id", "workout_id", "started_at", "ended_at", "notes", "sets", "created_at", "new_records",
                         "earned"}
    assert (body["workout_id"], body["notes"]) == (workout, "Felt strong")
    assert datetime.fromisoformat(body["started_at"]) == NOW - timedelta(hours=2)
    assert [(s["exercise_name"], s["position"], s["reps"], s["weight_kg"], s["rpe"]) for s in body["sets"]] == [
        ("Squat", 0, 5, 100, None), ("Squat", 1, 3, 110.5, None), ("Bench", 2, 8, 70, 8.5)]
    assert records(body) == {("Squat", "max_weight"): (110.5, None), ("Squat", "max_reps"): (5, None),
                             ("Squat", "e1rm"): (121.55, None), ("Bench", "max_weight"): (70, None),
                             ("Bench", "max_reps"): (8, None), ("Bench", "e1rm"): (88.67, None)}
    assert all(r["session_id"] == body["id"] and r["achieved_at"] == body["started_at"] for r in body["new_records"])
    assert body["earned"] == {"points": 0, "xp": 0, "achievements": [], "quests": []}
    stored = {k: v for k, v in body.items() if k not in ("new_records", "earned")}
    assert ada.send("GET", f"/workout-sessions/{body['id']}").json == stored
    assert ada.list().json == {"items": [stored], "next_cursor": None}


def test_the_session_is_recorded_as_a_completed_workout(ada, db):
    squat = ada.exercise()
    body = ada.logged((squat, 5, 100))
    event = db.execute("SELECT event_type, subject_type, subject_id, data -> 'metrics', local_date FROM "
                       "activity_events WHERE user_id = %s", (ada.id,)).fetchall()
    assert event == [("workout.completed", "workout_session", body["id"], {"workouts_completed": 1},
                      datetime.now(timezone.utc).date())]


def test_later_sessions_set_only_the_records_they_beat(ada):
    squat = ada.exercise()
    ada.logged((squat, 10, 100), started_at=ago(days=3))
    assert ada.logged((squat, 10, 100), started_at=ago(days=2))["new_records"] == []  # a tie
    heavier = ada.logged((squat, 1, 120), started_at=ago(days=1))
    assert records(heavier) == {("Squat", "max_weight"): (120, 100)}
    more = ada.logged((squat, 12, 100), (squat, 0, 200), (squat, 30, 0))
    assert records(more) == {("Squat", "max_reps"): (30, 10), ("Squat", "e1rm"): (140, 133.33)}
    current = ada.client.get("/api/v1/personal-records").json["items"]
    assert {r["metric"]: r["value"] for r in current} == {"max_weight": 120, "max_reps": 30, "e1rm": 140}


def test_someone_elses_exercise_is_404_and_nothing_is_written(ada, bob, db):
    mine, theirs = ada.exercise(), bob.exercise("Bob's lift")
    reply = ada.log((mine, 5, 100), (theirs, 5, 100))
    assert (reply.status_code, reply.json["code"], reply.json["details"]) == (404, "not_found",
                                                                             {"exercise_ids": [theirs]})
    assert ada.log((str(uuid4()), 5, 100)).status_code == 404
    assert ada.list().json["items"] == []
    assert db.execute("SELECT (SELECT count(*) FROM workout_sets), (SELECT count(*) FROM personal_records), "
                      "(SELECT count(*) FROM activity_events)").fetchone() == (0, 0, 0)


def test_someone_elses_workout_is_404(ada, bob):
    theirs = bob.send("POST", "/workouts", {"name": "Bob's"}).json["id"]
    reply = ada.log((ada.exercise(), 5, 100), workout_id=theirs)
    assert reply.status_code == 404 and ada.list().json["items"] == []


def test_another_users_or_an_unknown_session_is_404(ada, bob):
    theirs = bob.logged((bob.exercise(), 5, 100))
    for session_id in (theirs["id"], str(uuid4())):
        reply = ada.send("GET", f"/workout-sessions/{session_id}")
        assert (reply.status_code, reply.json["code"]) == (404, "not_found")
    assert ada.list().json["items"] == [] and len(bob.list().json["items"]) == 1
    assert ada.send("GET", "/workout-sessions/nope").status_code == 404


def a_set(**fields) -> dict:
    return {"exercise_id": str(uuid4()), "reps": 5, "weight_kg": 100, **fields}


@pytest.mark.parametrize("body,field", [
    ({"sets": [a_set()]}, "started_at"),
    ({"started_at": "2026-02-30T10:00:00Z", "sets": [a_set()]}, "started_at"),
    ({"started_at": "2026-03-01T10:00:00", "sets": [a_set()]}, "started_at"),
    ({"started_at": "yesterday", "sets": [a_set()]}, "started_at"),
    ({"started_at": 1700000000, "sets": [a_set()]}, "started_at"),
    ({"started_at": "0001-01-01T00:00:00+05:00", "sets": [a_set()]}, "started_at"),
    ({"started_at": "9999-12-31T23:59:59-05:00", "sets": [a_set()]}, "started_at"),
    ({"started_at": "1999-12-31T23:59:59Z", "sets": [a_set()]}, "started_at"),
    ({"started_at": (NOW + timedelta(hours=1)).isoformat(), "sets": [a_set()]}, "started_at"),
    ({"started_at": ago(hours=1), "ended_at": ago(hours=2), "sets": [a_set()]}, "ended_at"),
    ({"started_at": ago(hours=30), "ended_at": ago(hours=1), "sets": [a_set()]}, "ended_at"),
    ({"started_at": ago(hours=1), "ended_at": "9999-12-31T00:00:00Z", "sets": [a_set()]}, "ended_at"),
    ({"started_at": ago(hours=1)}, "sets"),
    ({"started_at": ago(hours=1), "sets": []}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set()] * 201}, "sets"),
    ({"started_at": ago(hours=1), "sets": {"reps": 5}}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(reps=-1)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(reps=1001)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(reps="5")]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(reps=5.5)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(reps=True)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(reps=10 ** 40)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [{"exercise_id": str(uuid4()), "reps": 5}]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(weight_kg=1000.01)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(weight_kg=-1)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(weight_kg=72.355)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(weight_kg="100")]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(weight_kg=10 ** 40)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(weight_kg=None)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(rpe=0.5)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(rpe=10.5)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(rpe=7.25)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(rpe=7.3)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(exercise_id="squat")]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set(position=3)]}, "sets"),
    ({"started_at": ago(hours=1), "sets": [a_set()], "notes": "n" * 20_001}, "notes"),
    ({"started_at": ago(hours=1), "sets": [a_set()], "workout_id": "legs"}, "workout_id"),
    ({"started_at": ago(hours=1), "sets": [a_set()], "user_id": str(uuid4())}, "user_id"),
])
def test_bad_input_is_400_naming_the_field(ada, body, field):
    reply = ada.send("POST", "/workout-sessions", body)
    assert (reply.status_code, reply.json["code"]) == (400, "validation_error")
    assert field in reply.json["details"], reply.json
    assert ada.list().json["items"] == []


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_special_numbers_are_400(ada, raw):
    body = json.dumps({"started_at": ago(hours=1), "sets": [a_set()]})
    body = body.replace('"weight_kg": 100', f'"weight_kg": {raw}')
    reply = ada.client.post("/api/v1/workout-sessions", data=body, content_type="application/json",
                            headers={"X-CSRF-Token": ada.csrf})
    assert reply.status_code == 400 and "sets" in reply.json["details"]


def test_the_bounds_are_allowed(ada):
    squat = ada.exercise()
    body = ada.logged({"exercise_id": squat, "reps": 1000, "weight_kg": 1000, "rpe": 10},
                      {"exercise_id": squat, "reps": 0, "weight_kg": 0, "rpe": 1},
                      *[(squat, 1, 0.01)] * 198, started_at=ago(hours=24), ended_at=NOW.isoformat())
    assert len(body["sets"]) == 200 and body["sets"][0]["weight_kg"] == 1000
    assert records(body)[("Squat", "max_reps")] == (1000, None)
    assert ada.logged((squat, 1, 1), started_at=(NOW + timedelta(minutes=5)).isoformat())["id"]


def test_pages_are_newest_first_by_start_and_neither_repeat_nor_skip_when_sessions_are_added(ada, bob):
    squat = ada.exercise()
    made = {hours: ada.logged((squat, hours, 50), started_at=ago(hours=hours))["id"] for hours in (5, 1, 4, 2, 3)}
    seen, cursor, pages = [], None, 0
    while True:
        body = ada.list(limit=2, **({"cursor": cursor} if cursor else {})).json
        seen += [s["id"] for s in body["items"]]
        assert all(len(s["sets"]) == 1 for s in body["items"])
        ada.logged((squat, 1, 1))  # newer than every cursor: shows on the first page only
        bob.logged((bob.exercise(), 1, 1))
        pages, cursor = pages + 1, body["next_cursor"]
        if cursor is None:
            break
    assert seen == [made[h] for h in (1, 2, 3, 4, 5)] and pages == 3


def test_a_session_backdated_behind_the_cursor_shows_on_a_later_page(ada):
    squat = ada.exercise()
    for hours in (1, 3):
        ada.logged((squat, 1, 1), started_at=ago(hours=hours))
    first = ada.list(limit=1).json
    late = ada.logged((squat, 1, 1), started_at=ago(hours=2))["id"]
    rest = ada.list(cursor=first["next_cursor"]).json["items"]
    assert rest[0]["id"] == late and len(rest) == 2


@pytest.mark.parametrize("query,field", [({"limit": 0}, "limit"), ({"limit": 201}, "limit"),
                                         ({"cursor": "garbage!"}, "cursor"), ({"cursor": "W1siaSIsIjUiXV0"}, "cursor"),
                                         ({"from": "2026-01-01"}, "from")])
def test_bad_list_arguments_are_400(ada, query, field):
    reply = ada.list(**query)
    assert reply.status_code == 400 and field in reply.json["details"]


def test_an_idempotency_key_logs_a_retried_session_once(ada, db):
    squat = ada.exercise()
    body = {"started_at": ago(hours=1), "sets": [{"exercise_id": squat, "reps": 5, "weight_kg": 100}]}
    first = ada.send("POST", "/workout-sessions", body, **{"Idempotency-Key": "gym-1"})
    again = ada.send("POST", "/workout-sessions", body, **{"Idempotency-Key": "gym-1"})
    assert (first.status_code, again.status_code) == (201, 201) and again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(ada.list().json["items"]) == 1
    assert db.execute("SELECT count(*) FROM activity_events WHERE user_id = %s", (ada.id,)).fetchone() == (1,)


def test_a_universal_quest_on_workouts_is_completed_by_a_session(ada, db):
    quest = db.execute("INSERT INTO universal_quests (title, metric, target, period, reward_points, reward_xp) "
                       "VALUES ('Train today', 'workouts_completed', 1, 'daily', 5, 10) RETURNING id").fetchone()[0]
    body = ada.logged((ada.exercise(), 5, 100))
    assert body["earned"] == {"points": 5, "xp": 10, "achievements": [], "quests": [str(quest)]}
    assert db.execute("SELECT balance, xp FROM user_wallet WHERE user_id = %s", (ada.id,)).fetchone() == (5, 10)
