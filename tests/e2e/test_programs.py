"""CRUD /api/v1/programs over HTTP on real Postgres: weeks of days, replacing weeks, ownership,
validation and paging."""
from __future__ import annotations

from uuid import uuid4

import pytest

from tests.e2e.conftest import ApiCaller, signed_in_as


class Caller(ApiCaller):
    def program(self, name="Base", **fields) -> dict:
        reply = self.send("POST", "/programs", {"name": name, **fields})
        assert reply.status_code == 201, reply.json
        return reply.json

    def workout(self, name="Legs") -> str:
        return self.send("POST", "/workouts", {"name": name}).json["id"]

    def list(self, **query):
        return self.client.get("/api/v1/programs", query_string=query)


ada = signed_in_as("ada@example.com", Caller)
bob = signed_in_as("bob@example.com", Caller)


def test_a_program_is_created_read_listed_changed_and_deleted(ada):
    legs, arms = ada.workout("Legs"), ada.workout("Arms")
    made = ada.program("5/3/1", description="Slow and steady", started_on="2026-03-02", active=True, weeks=[
        {"week_number": 2, "title": "Build", "days": [{"day": 3, "workout_id": arms}, {"day": 1, "workout_id": legs,
                                                                                        "notes": "Heavy"}]},
        {"week_number": 1, "notes": "Ease in", "days": [{"day": 1}]}])
    assert set(made) == {"id", "name", "description", "started_on", "active", "weeks", "created_at", "updated_at"}
    assert (made["name"], made["description"], made["started_on"], made["active"]) == \
        ("5/3/1", "Slow and steady", "2026-03-02", True)
    assert made["weeks"] == [
        {"week_number": 1, "title": None, "notes": "Ease in", "days": [{"day": 1, "workout_id": None, "notes": None}]},
        {"week_number": 2, "title": "Build", "notes": None, "days": [
            {"day": 1, "workout_id": legs, "notes": "Heavy"}, {"day": 3, "workout_id": arms, "notes": None}]}]
    assert ada.send("GET", f"/programs/{made['id']}").json == made
    assert ada.list().json == {"items": [made], "next_cursor": None}
    changed = ada.send("PATCH", f"/programs/{made['id']}", {"active": False, "started_on": None})
    assert changed.status_code == 200
    assert (changed.json["active"], changed.json["started_on"], changed.json["weeks"]) == (False, None, made["weeks"])
    replaced = ada.send("PATCH", f"/programs/{made['id']}", {"weeks": [{"week_number": 5}]}).json
    assert replaced["weeks"] == [{"week_number": 5, "title": None, "notes": None, "days": []}]
    assert ada.send("PATCH", f"/programs/{made['id']}", {"weeks": []}).json["weeks"] == []
    assert ada.send("GET", f"/programs/{made['id']}").json["weeks"] == []
    deleted = ada.send("DELETE", f"/programs/{made['id']}")
    assert (deleted.status_code, deleted.data) == (204, b"")
    assert ada.send("GET", f"/programs/{made['id']}").status_code == 404


def test_a_program_needs_only_a_name(ada):
    made = ada.program()
    assert (made["description"], made["started_on"], made["active"], made["weeks"]) == (None, None, False, [])


def test_someone_elses_or_an_unknown_workout_in_a_day_is_404(ada, bob):
    theirs = bob.workout()
    for workout_id in (theirs, str(uuid4())):
        reply = ada.send("POST", "/programs", {"name": "Base", "weeks": [
            {"week_number": 1, "days": [{"day": 1, "workout_id": workout_id}]}]})
        assert (reply.status_code, reply.json["details"]) == (404, {"workout_ids": [workout_id]})
    made = ada.program()
    reply = ada.send("PATCH", f"/programs/{made['id']}", {"weeks": [
        {"week_number": 1, "days": [{"day": 1, "workout_id": theirs}]}]})
    assert reply.status_code == 404 and ada.send("GET", f"/programs/{made['id']}").json == made


@pytest.mark.parametrize("method,body", [("GET", None), ("PATCH", {"name": "Mine now"}), ("DELETE", None)])
def test_another_users_or_an_unknown_program_is_404(ada, bob, method, body):
    theirs = bob.program()
    for program_id in (theirs["id"], str(uuid4())):
        reply = ada.send(method, f"/programs/{program_id}", body)
        assert (reply.status_code, reply.json["code"]) == (404, "not_found")
    assert bob.send("GET", f"/programs/{theirs['id']}").json == theirs
    assert ada.send("GET", "/programs/not-a-uuid").status_code == 404


def week(number=1, **fields) -> dict:
    return {"week_number": number, **fields}


@pytest.mark.parametrize("body,field", [
    ({}, "name"), ({"name": ""}, "name"), ({"name": "x" * 201}, "name"),
    ({"name": "P", "description": "d" * 20_001}, "description"),
    ({"name": "P", "started_on": "2026-02-30"}, "started_on"),
    ({"name": "P", "started_on": "9999-12-31"}, "started_on"),
    ({"name": "P", "started_on": "0001-01-01"}, "started_on"), ({"name": "P", "started_on": "soon"}, "started_on"),
    ({"name": "P", "active": "yes"}, "active"), ({"name": "P", "active": None}, "active"),
    ({"name": "P", "active": 0}, "active"),  # found by the fuzzer: 0 and 1 were taken as false and true
    ({"name": "P", "weeks": {"week_number": 1}}, "weeks"), ({"name": "P", "weeks": [week(0)]}, "weeks"),
    ({"name": "P", "weeks": [week(53)]}, "weeks"), ({"name": "P", "weeks": [week(1), week(1)]}, "weeks"),
    ({"name": "P", "weeks": [week(n) for n in range(1, 54)]}, "weeks"), ({"name": "P", "weeks": [{}]}, "weeks"),
    ({"name": "P", "weeks": [week("1")]}, "weeks"), ({"name": "P", "weeks": [week(title="")]}, "weeks"),
    ({"name": "P", "weeks": [week(days={"day": 1})]}, "weeks"), ({"name": "P", "weeks": [week(days=[{}])]}, "weeks"),
    ({"name": "P", "weeks": [week(days=[{"day": 0}])]}, "weeks"),
    ({"name": "P", "weeks": [week(days=[{"day": 8}])]}, "weeks"),
    ({"name": "P", "weeks": [week(days=[{"day": 2}, {"day": 2}])]}, "weeks"),
    ({"name": "P", "weeks": [week(days=[{"day": d % 7 + 1} for d in range(8)])]}, "weeks"),
    ({"name": "P", "weeks": [week(days=[{"day": 1, "workout_id": "legs"}])]}, "weeks"),
    ({"name": "P", "weeks": [week(days=[{"day": 1, "notes": "n" * 2001}])]}, "weeks"),
    ({"name": "P", "weeks": [week(days=[{"day": 1, "notes": "a\u0000"}])]}, "weeks"),
    ({"name": "P", "weeks": [week(days=[{"day": 1, "reps": 5}])]}, "weeks"),
    ({"name": "P", "user_id": str(uuid4())}, "user_id"),
])
def test_bad_input_is_400_naming_the_field(ada, body, field):
    reply = ada.send("POST", "/programs", body)
    assert (reply.status_code, reply.json["code"]) == (400, "validation_error")
    # rules beyond the schema name their place: weeks.0.days
    assert field in {key.split(".")[0] for key in reply.json["details"]}, reply.json
    assert ada.list().json["items"] == []


@pytest.mark.parametrize("body,field", [({"name": None}, "name"), ({"weeks": None}, "weeks"),
                                        ({"weeks": [week(1), week(1)]}, "weeks"), ({"active": 2}, "active"),
                                        ({"active": 1}, "active"), ({"id": str(uuid4())}, "id")])
def test_bad_patches_are_400_and_change_nothing(ada, body, field):
    made = ada.program(weeks=[week(1)])
    reply = ada.send("PATCH", f"/programs/{made['id']}", body)
    assert reply.status_code == 400 and field in {key.split(".")[0] for key in reply.json["details"]}
    assert ada.send("GET", f"/programs/{made['id']}").json == made


def test_fifty_two_full_weeks_are_allowed(ada):
    legs = ada.workout()
    made = ada.program(weeks=[week(n, days=[{"day": d, "workout_id": legs} for d in range(1, 8)])
                              for n in range(1, 53)])
    assert len(made["weeks"]) == 52 and ada.send("GET", f"/programs/{made['id']}").json == made


@pytest.mark.parametrize("query,field", [({"limit": 0}, "limit"), ({"limit": 201}, "limit"),
                                         ({"cursor": "garbage!"}, "cursor"), ({"cursor": "W1siaSIsIjUiXV0"}, "cursor"),
                                         ({"active": "true"}, "active")])
def test_bad_list_arguments_are_400(ada, query, field):
    reply = ada.list(**query)
    assert reply.status_code == 400 and field in reply.json["details"]


def test_pages_neither_repeat_nor_skip_when_programs_are_added_between_them(ada, bob):
    made = [ada.program(f"P{n}", weeks=[week(w) for w in range(1, n + 2)])["id"] for n in range(5)]
    seen, cursor, pages = [], None, 0
    while True:
        body = ada.list(limit=2, **({"cursor": cursor} if cursor else {})).json
        seen += [p["id"] for p in body["items"]]
        assert all(len(p["weeks"]) == int(p["name"][1:]) + 1 for p in body["items"])
        ada.program(f"P{pages}0")
        bob.program("Bob's")
        pages, cursor = pages + 1, body["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(made)) and pages == 3
