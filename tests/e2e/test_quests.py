"""Quests over HTTP on real Postgres: every route, ownership, validation, paging, retries."""
from __future__ import annotations

import json
from uuid import uuid4

import psycopg
import pytest

from tests.e2e.conftest import ApiCaller, signed_in_as


class Caller(ApiCaller):
    base = "/quests"

    def create(self, title="Read the paper", target=10, **fields):
        reply = self.send("POST", "", {"title": title, "target": target, **fields})
        assert reply.status_code == 201, reply.json
        return reply.json


ada = signed_in_as("ada@example.com", Caller)
bob = signed_in_as("bob@example.com", Caller)


@pytest.fixture
def db(database_url):
    url = database_url.replace("+psycopg", "")

    def one(query, *params):
        with psycopg.connect(url) as connection:
            return connection.execute(query, params).fetchone()
    return one


def wallet(db, user_id):
    """(balance, xp, ledger rows) of a user."""
    return db("SELECT coalesce((SELECT balance FROM user_wallet WHERE user_id = %s), 0), "
              "coalesce((SELECT xp FROM user_wallet WHERE user_id = %s), 0), "
              "(SELECT count(*) FROM points_ledger WHERE user_id = %s)", user_id, user_id, user_id)


def universal_quest(db, title="Focus for 25 minutes", metric="focus_minutes", period="daily") -> str:
    return str(db("INSERT INTO universal_quests (title, metric, target, period, reward_points, reward_xp) "
                  "VALUES (%s, %s, 25, %s, 5, 10) RETURNING id", title, metric, period)[0])


def test_a_created_quest_answers_201_with_the_whole_item(ada):
    quest = ada.create(description="All of it", due_date="2026-03-10")
    assert set(quest) == {"id", "kind", "title", "description", "target", "progress", "completed", "period",
                          "period_key", "reward_points", "reward_xp", "due_date", "status"}
    assert {k: quest[k] for k in quest if k != "id"} == {
        "kind": "personal", "title": "Read the paper", "description": "All of it", "target": 10, "progress": 0,
        "completed": False, "period": None, "period_key": None, "reward_points": 0, "reward_xp": 10,
        "due_date": "2026-03-10", "status": "active"}


def test_the_list_shows_universal_quests_first_then_mine(ada, bob, db):
    daily = universal_quest(db)
    mine = ada.create()
    bob.create("Bob's")
    body = ada.list().json
    assert [(q["id"], q["kind"]) for q in body["items"]] == [(daily, "universal"), (mine["id"], "personal")]
    assert body["next_cursor"] is None
    shown = body["items"][0]
    assert (shown["period"], shown["progress"], shown["completed"], shown["reward_points"]) == ("daily", 0, False, 5)
    assert shown["period_key"] == shown["due_date"]


def test_patch_changes_the_given_fields(ada):
    quest = ada.create(description="keep")
    reply = ada.send("PATCH", f"/{quest['id']}", {"title": "Write", "target": 20, "due_date": None})
    assert reply.status_code == 200
    assert (reply.json["title"], reply.json["target"], reply.json["description"]) == ("Write", 20, "keep")
    assert ada.list().json["items"][0]["title"] == "Write"


def test_delete_answers_204_and_the_quest_is_gone(ada):
    quest = ada.create()
    reply = ada.send("DELETE", f"/{quest['id']}")
    assert reply.status_code == 204 and reply.data == b""
    assert ada.list().json["items"] == []
    assert ada.send("DELETE", f"/{quest['id']}").status_code == 404


def test_progress_moves_within_zero_and_the_target(ada):
    quest = ada.create(target=5)
    assert ada.send("POST", f"/{quest['id']}/progress", {"delta": 3}).json["progress"] == 3
    assert ada.send("POST", f"/{quest['id']}/progress", {"delta": 9}).json["progress"] == 5
    assert ada.send("POST", f"/{quest['id']}/progress", {"delta": -9}).json["progress"] == 0


def test_complete_awards_xp_once_and_never_points(ada, db):
    quest = ada.create()
    reply = ada.send("POST", f"/{quest['id']}/complete")
    assert reply.status_code == 200
    assert (reply.json["status"], reply.json["completed"], reply.json["progress"]) == ("completed", True, 10)
    assert wallet(db, ada.id) == (0, 10, 1)
    assert db("SELECT delta, xp_delta, source_type, source_id FROM points_ledger WHERE user_id = %s", ada.id) == \
        (0, 10, "user_quest", quest["id"])
    again = ada.send("POST", f"/{quest['id']}/complete")
    assert (again.status_code, again.json["code"]) == (409, "conflict")
    assert wallet(db, ada.id) == (0, 10, 1)
    assert ada.send("POST", f"/{quest['id']}/progress", {"delta": 1}).status_code == 409


def test_the_same_idempotency_key_twice_completes_once_and_replays_the_answer(ada, db):
    quest = ada.create()
    first = ada.send("POST", f"/{quest['id']}/complete", **{"Idempotency-Key": "done-1"})
    second = ada.send("POST", f"/{quest['id']}/complete", **{"Idempotency-Key": "done-1"})
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json == first.json and second.headers["Idempotent-Replayed"] == "true"
    assert wallet(db, ada.id) == (0, 10, 1)
    assert db("SELECT count(*) FROM activity_events WHERE user_id = %s AND event_type = 'quest.completed'",
              ada.id) == (1,)


@pytest.mark.parametrize("method,suffix,body", [
    ("PATCH", "", {"title": "Mine now"}), ("DELETE", "", None), ("POST", "/progress", {"delta": 1}),
    ("POST", "/complete", None)])
def test_another_users_quest_and_a_universal_one_are_404(ada, bob, db, method, suffix, body):
    theirs, universal = bob.create(), universal_quest(db)
    for quest_id in (theirs["id"], universal, str(uuid4())):
        reply = ada.send(method, f"/{quest_id}{suffix}", body)
        assert (reply.status_code, reply.json["code"]) == (404, "not_found")
    assert bob.list().json["items"][-1] == {**theirs, "progress": 0}
    assert wallet(db, ada.id) == (0, 0, 0)


def test_a_malformed_id_is_404(ada):
    assert ada.send("PATCH", "/not-a-uuid", {"title": "x"}).status_code == 404


@pytest.mark.parametrize("body,field", [
    ({"target": 5}, "title"), ({"title": "", "target": 5}, "title"), ({"title": "x" * 201, "target": 5}, "title"),
    ({"title": "Read"}, "target"), ({"title": "Read", "target": 0}, "target"),
    ({"title": "Read", "target": 1_000_001}, "target"), ({"title": "Read", "target": "5"}, "target"),
    ({"title": "Read", "target": 2.5}, "target"), ({"title": "Read", "target": 5, "due_date": "soon"}, "due_date"),
    ({"title": "Read", "target": 5, "description": "d" * 20_001}, "description"),
    ({"title": "Read", "target": 5, "reward_xp": 1000}, "reward_xp"),
    ({"title": "Read", "target": 5, "user_id": str(uuid4())}, "user_id"),
])
def test_bad_quest_input_is_400_naming_the_field(ada, body, field):
    reply = ada.send("POST", "", body)
    assert (reply.status_code, reply.json["code"]) == (400, "validation_error")
    assert field in reply.json["details"]
    assert ada.list().json["items"] == []


@pytest.mark.parametrize("body,field", [
    ({"title": ""}, "title"), ({"title": None}, "title"), ({"target": 0}, "target"), ({"target": None}, "target"),
    ({"status": "completed"}, "status"), ({"progress": 10}, "progress"),
])
def test_bad_patches_are_400_naming_the_field_and_change_nothing(ada, body, field):
    quest = ada.create()
    reply = ada.send("PATCH", f"/{quest['id']}", body)
    assert reply.status_code == 400 and field in reply.json["details"]
    assert ada.list().json["items"] == [quest]


@pytest.mark.parametrize("body", [{}, {"delta": 0}, {"delta": 1_000_001}, {"delta": -1_000_001}, {"delta": "1"},
                                  {"delta": 1.5}, {"delta": 1, "extra": True}])
def test_bad_progress_is_400(ada, body):
    quest = ada.create()
    reply = ada.send("POST", f"/{quest['id']}/progress", body)
    assert reply.status_code == 400 and reply.json["details"]


@pytest.mark.parametrize("query,field", [({"limit": 0}, "limit"), ({"limit": 201}, "limit"),
                                         ({"cursor": "garbage!"}, "cursor"), ({"cursor": "W1siaSIsIjUiXV0"}, "cursor")])
def test_bad_list_arguments_are_400(ada, query, field):
    reply = ada.list(**query)
    assert reply.status_code == 400 and field in reply.json["details"]


def test_pages_neither_repeat_nor_skip_when_quests_are_added_between_them(ada, db):
    universal = universal_quest(db)
    made = [ada.create(f"q{n}")["id"] for n in range(5)]
    seen, cursor, pages = [], None, 0
    while True:
        body = ada.list(limit=2, **({"cursor": cursor} if cursor else {})).json
        ids = [q["id"] for q in body["items"]]
        assert (universal in ids) == (pages == 0)
        seen += [i for i in ids if i != universal]
        ada.create(f"added after page {pages}")
        pages, cursor = pages + 1, body["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(made)) and pages == 3


def test_the_quest_routes_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"/api/v1/quests", "/api/v1/quests/{quest_id}", "/api/v1/quests/{quest_id}/progress",
            "/api/v1/quests/{quest_id}/complete"} <= set(paths)
    assert "400" in paths["/api/v1/quests"]["post"]["responses"]


def test_universal_progress_follows_recorded_activity(ada, db):
    daily = universal_quest(db)
    db("INSERT INTO activity_events (user_id, event_type, data, occurred_at, local_date) "
       "VALUES (%s, 'focus.completed', %s, now(), (now() AT TIME ZONE 'UTC')::date) RETURNING id",
       ada.id, json.dumps({"metrics": {"focus_minutes": 12}}))
    shown = ada.list().json["items"][0]
    assert (shown["id"], shown["progress"], shown["completed"]) == (daily, 12, False)
