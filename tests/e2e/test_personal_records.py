"""GET /api/v1/personal-records over HTTP on real Postgres: the items, the filter, ownership, paging."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from entrypoints.http.paging import encode_cursor
from tests.e2e.conftest import ApiCaller, signed_in_as


def ago(**delta) -> str:
    return (datetime.now(timezone.utc) - timedelta(**delta)).isoformat()


class Caller(ApiCaller):
    def post(self, path, body):
        reply = self.client.post(f"/api/v1{path}", json=body, headers={"X-CSRF-Token": self.csrf})
        assert reply.status_code == 201, reply.json
        return reply.json

    def log(self, exercise_id, reps, kg, **delta):
        return self.post("/workout-sessions", {"started_at": ago(**(delta or {"hours": 1})), "sets": [
            {"exercise_id": exercise_id, "reps": reps, "weight_kg": kg}]})

    def records(self, **query):
        return self.client.get("/api/v1/personal-records", query_string=query)


ada = signed_in_as("ada@example.com", Caller)
bob = signed_in_as("bob@example.com", Caller)


def test_the_list_shows_each_current_record_newest_first(ada):
    squat = ada.post("/exercises", {"name": "Squat"})["id"]
    bench = ada.post("/exercises", {"name": "Bench"})["id"]
    old = ada.log(squat, 5, 100, days=2)
    new = ada.log(bench, 3, 82.5, days=1)
    body = ada.records().json
    assert body["next_cursor"] is None
    assert [set(r) for r in body["items"]] == [{"exercise_id", "exercise_name", "metric", "value", "achieved_at",
                                                "session_id"}] * 6
    by_key = {(r["exercise_name"], r["metric"]): r for r in body["items"]}
    assert by_key[("Squat", "e1rm")] == {"exercise_id": squat, "exercise_name": "Squat", "metric": "e1rm",
                                         "value": 116.67, "achieved_at": old["started_at"], "session_id": old["id"]}
    assert by_key[("Bench", "max_weight")]["value"] == 82.5 and by_key[("Bench", "max_reps")]["value"] == 3
    assert [r["exercise_name"] for r in body["items"]] == ["Bench"] * 3 + ["Squat"] * 3
    assert body["items"][0]["session_id"] == new["id"]


def test_the_list_filters_by_exercise(ada):
    squat = ada.post("/exercises", {"name": "Squat"})["id"]
    ada.log(ada.post("/exercises", {"name": "Bench"})["id"], 3, 80)
    ada.log(squat, 5, 100)
    items = ada.records(exercise_id=squat).json["items"]
    assert {r["exercise_id"] for r in items} == {squat} and len(items) == 3
    assert ada.records(exercise_id=str(uuid4())).json == {"items": [], "next_cursor": None}


def test_records_are_each_users_own(ada, bob):
    squat = ada.post("/exercises", {"name": "Squat"})["id"]
    ada.log(squat, 5, 200)
    assert bob.records().json == {"items": [], "next_cursor": None}
    bobs = bob.post("/exercises", {"name": "Squat"})["id"]
    bob.log(bobs, 5, 100)
    assert {r["value"] for r in bob.records().json["items"] if r["metric"] == "max_weight"} == {100}
    assert {r["value"] for r in ada.records().json["items"] if r["metric"] == "max_weight"} == {200}


def test_pages_neither_repeat_nor_skip_when_records_are_added_between_them(ada):
    lifts = [ada.post("/exercises", {"name": f"Lift {n}"})["id"] for n in range(3)]
    for n, lift in enumerate(lifts):
        ada.log(lift, 5, 100, days=3 - n)
    seen, cursor, pages = [], None, 0
    while True:
        body = ada.records(limit=4, **({"cursor": cursor} if cursor else {})).json
        seen += [(r["exercise_id"], r["metric"]) for r in body["items"]]
        ada.log(ada.post("/exercises", {"name": f"Added {pages}"})["id"], 5, 100, minutes=1)
        pages, cursor = pages + 1, body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 9 and pages == 3
    assert [e for e, _ in seen[::3]] == lifts[::-1]


@pytest.mark.parametrize("query,field", [
    ({"limit": 0}, "limit"), ({"limit": 201}, "limit"), ({"cursor": "garbage!"}, "cursor"),
    ({"cursor": encode_cursor(("Squat", uuid4()))}, "cursor"), ({"exercise_id": "squat"}, "exercise_id"),
    ({"metric": "e1rm"}, "metric")])
def test_bad_list_arguments_are_400(ada, query, field):
    reply = ada.records(**query)
    assert reply.status_code == 400 and field in reply.json["details"]
