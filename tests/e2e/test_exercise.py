"""GET/POST /api/v1/exercises over HTTP on real Postgres: the seeded catalog plus my own, by name,
validation, the name filter and keyset paging."""
from __future__ import annotations

from datetime import datetime, timezone
from uuid import uuid4

import pytest
import sqlalchemy as sa

from adapters.postgres.seed import apply_seed
from entrypoints.http.paging import encode_cursor
from ignition.seed import load_seed_data
from tests.e2e.conftest import ApiCaller, signed_in_as


class Caller(ApiCaller):
    base = "/exercises"

    def create(self, body=None, **fields):
        return self.client.post("/api/v1/exercises", json=body if body is not None else fields,
                                headers={"X-CSRF-Token": self.csrf})

    def names(self, **query) -> list[str]:
        reply = self.list(limit=200, **query)
        assert reply.status_code == 200, reply.json
        return [e["name"] for e in reply.json["items"]]


ada = signed_in_as("ada@example.com", Caller)
bob = signed_in_as("bob@example.com", Caller)


@pytest.fixture
def seeded(database_url):
    with sa.create_engine(database_url).begin() as connection:
        apply_seed(connection, {"exercises": load_seed_data()["exercises"]})
    return [e["name"] for e in load_seed_data()["exercises"]]


def test_the_list_is_the_seeded_catalog_by_name(ada, seeded):
    body = ada.list(limit=200).json
    assert [e["name"] for e in body["items"]] == sorted(seeded, key=lambda n: (n.lower(), n))
    assert body["next_cursor"] is None
    squat = next(e for e in body["items"] if e["name"] == "Barbell back squat")
    assert squat == {"id": squat["id"], "name": "Barbell back squat", "category": "strength", "muscle_group": "legs",
                     "equipment": "barbell", "description": None, "key": "barbell_back_squat", "custom": False,
                     "created_at": squat["created_at"]}


def test_a_created_exercise_is_201_and_listed_for_its_owner_only(ada, bob, seeded):
    reply = ada.create(name="zercher squat", category="strength", muscle_group="legs", equipment="barbell",
                       description="Bar in the elbows.")
    assert reply.status_code == 201
    assert {k: v for k, v in reply.json.items() if k not in ("id", "created_at")} == {
        "name": "zercher squat", "category": "strength", "muscle_group": "legs", "equipment": "barbell",
        "description": "Bar in the elbows.", "key": None, "custom": True}
    assert datetime.fromisoformat(reply.json["created_at"]).utcoffset() is not None
    assert ada.names()[-1] == "zercher squat"  # case-blind: after "Walking lunge"
    assert "zercher squat" not in bob.names() and len(bob.names()) == len(seeded)


def test_only_a_name_is_needed_and_the_category_defaults_to_strength(ada):
    reply = ada.create(name="Sled push")
    assert reply.status_code == 201
    assert (reply.json["category"], reply.json["muscle_group"], reply.json["description"]) == ("strength", None, None)


def test_the_name_filter_is_case_blind_and_takes_wildcards_literally(ada, seeded):
    ada.create(name="100% effort")
    assert ada.names(q="SQUAT") == ["Barbell back squat", "Barbell front squat", "Bulgarian split squat"]
    assert ada.names(q="%") == ["100% effort"]
    assert ada.names(q="_") == []


@pytest.mark.parametrize("body,field", [
    ({}, "name"), ({"name": ""}, "name"), ({"name": "x" * 201}, "name"), ({"name": None}, "name"),
    ({"name": 5}, "name"), ({"name": "a\u0000b"}, "name"), ({"name": "Squat", "category": "yoga"}, "category"),
    ({"name": "Squat", "muscle_group": ""}, "muscle_group"), ({"name": "Squat", "equipment": "e" * 201}, "equipment"),
    ({"name": "Squat", "description": "d" * 20_001}, "description"), ({"name": "Squat", "key": "mine"}, "key"),
    ({"name": "Squat", "user_id": str(uuid4())}, "user_id"),
])
def test_bad_input_is_400_naming_the_field(ada, body, field):
    reply = ada.create(body)
    assert (reply.status_code, reply.json["code"]) == (400, "validation_error")
    assert field in reply.json["details"]
    assert ada.names() == []


def test_a_lone_surrogate_in_a_name_is_400_not_500(ada):
    reply = ada.client.post("/api/v1/exercises", data='{"name": "a\\ud800b"}', content_type="application/json",
                            headers={"X-CSRF-Token": ada.csrf})
    assert reply.status_code == 400 and "name" in reply.json["details"]


def test_the_longest_name_and_description_are_allowed(ada):
    assert ada.create(name="x" * 200, description="d" * 20_000).status_code == 201


@pytest.mark.parametrize("query,field", [
    ({"limit": 0}, "limit"), ({"limit": 201}, "limit"), ({"limit": "many"}, "limit"),
    ({"cursor": "garbage!"}, "cursor"),
    ({"cursor": encode_cursor((datetime.now(timezone.utc), uuid4()))}, "cursor"),
    ({"cursor": encode_cursor(("x" * 201, uuid4()))}, "cursor"),
    ({"cursor": encode_cursor(("a\x00", uuid4()))}, "cursor"),
    ({"q": ""}, "q"), ({"q": "x" * 201}, "q"), ({"q": "a\x00"}, "q"), ({"sort": "name"}, "sort"),
])
def test_bad_list_arguments_are_400(ada, query, field):
    reply = ada.list(**query)
    assert reply.status_code == 400 and field in reply.json["details"]


def test_pages_neither_repeat_nor_skip_when_exercises_are_added_between_them(ada, bob):
    made = [ada.create(name=n).json["name"] for n in ("Echo", "alpha", "Delta", "charlie", "Bravo")]
    seen, cursor, pages = [], None, 0
    while True:
        body = ada.list(limit=2, **({"cursor": cursor} if cursor else {})).json
        seen += [e["name"] for e in body["items"]]
        ada.create(name="Aardvark")  # sorts before every cursor: never shown on a later page
        bob.create(name="Foxtrot")  # someone else's: never shown
        pages, cursor = pages + 1, body["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(made, key=str.lower) and pages == 3


def test_an_exercise_added_after_the_cursor_shows_on_a_later_page(ada):
    for name in ("Alpha", "Charlie"):
        ada.create(name=name)
    first = ada.list(limit=1).json
    ada.create(name="Bravo")
    rest = ada.list(limit=10, cursor=first["next_cursor"]).json
    assert [e["name"] for e in first["items"]] == ["Alpha"] and [e["name"] for e in rest["items"]] == \
        ["Bravo", "Charlie"]


def test_the_routes_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"/api/v1/exercises", "/api/v1/workouts", "/api/v1/workouts/{workout_id}", "/api/v1/workout-sessions",
            "/api/v1/workout-sessions/{session_id}", "/api/v1/personal-records", "/api/v1/programs",
            "/api/v1/programs/{program_id}"} <= set(paths)
    assert {"400", "404", "409"} <= set(paths["/api/v1/workout-sessions"]["post"]["responses"])
    assert "404" in paths["/api/v1/workouts/{workout_id}"]["patch"]["responses"]


def test_without_a_session_the_routes_are_401(client):
    for path in ("/api/v1/exercises", "/api/v1/workouts", "/api/v1/workout-sessions", "/api/v1/personal-records",
                 "/api/v1/programs"):
        assert client.get(path).status_code == 401
