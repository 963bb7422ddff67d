"""/api/v1/ideas over HTTP on real Postgres: CRUD, pinned-first paging, tags, validation, ownership."""
from __future__ import annotations

from datetime import datetime, timezone
from uuid import uuid4

import pytest

from entrypoints.http.paging import encode_cursor
from tests.e2e.conftest import ApiCaller, details_name, signed_in_as

NOW = datetime(2026, 3, 1, tzinfo=timezone.utc)


class Caller(ApiCaller):
    base = "/ideas"

    def create(self, title="App", **fields):
        reply = self.send("POST", "", {"title": title, **fields})
        assert reply.status_code == 201, reply.json
        return reply.json


ada = signed_in_as("ada@example.com", Caller)
bob = signed_in_as("bob@example.com", Caller)


def test_the_whole_life_of_an_idea(ada, db):
    idea = ada.create(" A habit app ", body="Streaks", tags=["Side", "side"])
    assert set(idea) == {"id", "title", "body", "tags", "pinned", "created_at", "updated_at"}
    assert (idea["title"], idea["body"], idea["tags"], idea["pinned"]) == ("A habit app", "Streaks", ["side"], False)
    assert ada.client.get(f"/api/v1/ideas/{idea['id']}").json == idea
    pinned = ada.send("PATCH", f"/{idea['id']}", {"pinned": True, "body": None})
    assert pinned.status_code == 200 and (pinned.json["pinned"], pinned.json["body"]) == (True, None)
    assert ada.client.get(f"/api/v1/ideas/{idea['id']}").json == pinned.json
    deleted = ada.send("DELETE", f"/{idea['id']}")
    assert deleted.status_code == 204 and deleted.data == b""
    assert ada.client.get(f"/api/v1/ideas/{idea['id']}").status_code == 404
    event = db.execute("SELECT event_type, subject_id, data->'metrics' FROM activity_events "
                       "WHERE subject_type = 'idea'").fetchall()
    assert event == [("idea.created", idea["id"], {"ideas_created": 1})]


def test_a_bare_idea_has_no_body_no_tags_and_is_not_pinned(ada):
    idea = ada.create("Bare")
    assert (idea["body"], idea["tags"], idea["pinned"]) == (None, [], False)


def test_pinned_ideas_come_first_then_the_newest(ada):
    ada.create("old pinned", pinned=True)
    for title in ("a", "b", "c"):
        ada.create(title)
    ada.create("new pinned", pinned=True)
    assert ada.walk(limit=2) == [["new pinned", "old pinned"], ["c", "b"], ["a"]]


def test_pages_neither_repeat_nor_skip_when_ideas_are_added_between_them(ada):
    ada.create("p", pinned=True)
    for n in range(4):
        ada.create(f"old {n}")
    pages = ada.walk(limit=2, between=lambda: [ada.create("new pinned", pinned=True), ada.create("new")])
    assert [title for page in pages for title in page] == ["p", "old 3", "old 2", "old 1", "old 0"]


def test_the_tag_filter(ada):
    ada.create("a", tags=["work"])
    ada.create("b", tags=["home"])
    ada.create("c", tags=["Work", "home"])
    assert ada.walk(limit=10, tag="WORK") == [["c", "a"]]
    assert ada.walk(limit=10, tag="none") == [[]]


def test_another_users_ideas_are_never_listed(ada, bob):
    ada.create("Mine")
    assert bob.walk() == [[]]


def test_another_users_idea_is_404_on_every_route(ada, bob):
    idea = ada.create("Mine", pinned=False)
    path = f"/{idea['id']}"
    assert bob.client.get(f"/api/v1/ideas{path}").status_code == 404
    for method, body in (("PATCH", {"pinned": True}), ("DELETE", None)):
        reply = bob.send(method, path, body)
        assert (reply.status_code, reply.json["code"]) == (404, "not_found")
    assert ada.client.get(f"/api/v1/ideas{path}").json == idea
    assert ada.client.get("/api/v1/ideas/12345").status_code == 404
    assert ada.send("DELETE", f"/{uuid4()}").status_code == 404


@pytest.mark.parametrize("body,field", [
    ({"title": ""}, "title"), ({"title": "x" * 201}, "title"), ({"body": "x"}, "title"), ({"title": "   "}, "title"),
    ({"title": ["x"]}, "title"), ({"title": "t", "body": "x" * 20_001}, "body"), ({"title": "t", "body": 5}, "body"),
    ({"title": "t", "tags": ["t"] * 5 + [f"t{n}" for n in range(21)]}, "tags"),
    ({"title": "t", "tags": ["x" * 51]}, "tags"), ({"title": "t", "tags": [None]}, "tags"),
    ({"title": "t", "pinned": "yes"}, "pinned"), ({"title": "t", "pinned": 1}, "pinned"),
    ({"title": "t", "pinned": None}, "pinned"), ({"title": "t", "starred": True}, "starred"),
    ({"title": "t\x00"}, "title")])
def test_bad_ideas_are_400_naming_the_field(ada, db, body, field):
    reply = ada.send("POST", "", body)
    assert reply.status_code == 400 and details_name(reply, field), reply.json
    assert db.execute("SELECT count(*) FROM ideas").fetchone() == (0,)


@pytest.mark.parametrize("body,field", [({"title": ""}, "title"), ({"title": "x" * 201}, "title"),
                                        ({"pinned": "true"}, "pinned"), ({"tags": ["x"] * 19 + ["y" * 51]}, "tags"),
                                        ({"created_at": "2026-01-01T00:00:00Z"}, "created_at")])
def test_bad_patches_are_400_and_change_nothing(ada, body, field):
    idea = ada.create("App", body="Body")
    reply = ada.send("PATCH", f"/{idea['id']}", body)
    assert reply.status_code == 400 and details_name(reply, field), reply.json
    assert ada.client.get(f"/api/v1/ideas/{idea['id']}").json == idea


@pytest.mark.parametrize("query,field", [({"limit": 0}, "limit"), ({"limit": 201}, "limit"),
                                         ({"cursor": "Zm9v"}, "cursor"), ({"tag": "x" * 51}, "tag"),
                                         ({"q": "app"}, "q"), ({"tag": ""}, "tag"),
                                         ({"cursor": encode_cursor((2, NOW, uuid4()))}, "cursor"),
                                         ({"cursor": encode_cursor((NOW, uuid4()))}, "cursor")])
def test_bad_list_arguments_are_400_naming_the_field(ada, query, field):
    reply = ada.list(**query)
    assert reply.status_code == 400 and details_name(reply, field), reply.json


def test_a_cursor_of_another_list_is_400(ada, dev_app):
    infobase = ada.client.post("/api/v1/infobase", json={"title": "x"}, headers={"X-CSRF-Token": ada.csrf})
    ada.client.post("/api/v1/infobase", json={"title": "y"}, headers={"X-CSRF-Token": ada.csrf})
    assert infobase.status_code == 201
    foreign = ada.client.get("/api/v1/infobase?limit=1").json["next_cursor"]
    assert ada.list(cursor=foreign).status_code == 400


def test_a_retried_create_with_the_same_idempotency_key_creates_one_idea(ada, db):
    first = ada.send("POST", "", {"title": "Once"}, **{"Idempotency-Key": "idea-1"})
    again = ada.send("POST", "", {"title": "Once"}, **{"Idempotency-Key": "idea-1"})
    assert first.status_code == again.status_code == 201 and first.json == again.json
    assert db.execute("SELECT count(*) FROM ideas").fetchone() == (1,)
