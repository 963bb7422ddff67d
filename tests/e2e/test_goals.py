"""/api/v1/goals over HTTP on real Postgres: CRUD, milestones and their order, progress, completion
counted once, validation, 404s for strangers and keyset paging."""
from __future__ import annotations

from uuid import uuid4

import pytest

from tests.e2e.conftest import dev_login


def send(client, csrf, method, path, body=None):
    return client.open(f"/api/v1{path}", method=method, json=body, headers={"X-CSRF-Token": csrf})


def create(client, csrf, **body):
    reply = send(client, csrf, "POST", "/goals", {"title": "Run a marathon", **body})
    assert reply.status_code == 201, reply.json
    return reply.json


def add_milestone(client, csrf, goal_id, title, **body):
    reply = send(client, csrf, "POST", f"/goals/{goal_id}/milestones", {"title": title, **body})
    assert reply.status_code == 201, reply.json
    return reply.json


def milestones(client, goal_id):
    return [(m["title"], m["position"], m["done"]) for m in client.get(f"/api/v1/goals/{goal_id}").json["milestones"]]


def event_count(db, event_type, subject_id):
    return db.execute("SELECT count(*) FROM activity_events WHERE event_type = %s AND subject_id = %s",
                      (event_type, str(subject_id))).fetchone()[0]


def test_the_whole_life_cycle_of_a_goal(client, csrf):
    goal = create(client, csrf, description="42 km", target_date="2026-10-04")
    assert set(goal) == {"id", "title", "description", "target_date", "status", "completed_at", "progress",
                         "milestones", "created_at", "updated_at"}
    assert (goal["status"], goal["progress"], goal["milestones"], goal["completed_at"], goal["target_date"]) == \
        ("active", 0, [], None, "2026-10-04")
    gid = goal["id"]
    assert client.get(f"/api/v1/goals/{gid}").json == goal
    changed = send(client, csrf, "PATCH", f"/goals/{gid}", {"title": "Half marathon", "description": None,
                                                             "target_date": None})
    assert changed.status_code == 200
    assert (changed.json["title"], changed.json["description"], changed.json["target_date"]) == \
        ("Half marathon", None, None)
    assert [g["id"] for g in client.get("/api/v1/goals").json["items"]] == [gid]
    assert send(client, csrf, "DELETE", f"/goals/{gid}").status_code == 204
    assert client.get(f"/api/v1/goals/{gid}").status_code == 404
    assert send(client, csrf, "DELETE", f"/goals/{gid}").status_code == 404


def test_milestones_keep_their_order_and_the_progress_follows_them(client, csrf):
    gid = create(client, csrf)["id"]
    a = add_milestone(client, csrf, gid, "5 km", due_date="2026-04-01")
    assert set(a) == {"id", "goal_id", "title", "due_date", "done", "done_at", "position", "created_at",
                      "updated_at"}
    assert (a["position"], a["done"], a["goal_id"], a["due_date"]) == (0, False, gid, "2026-04-01")
    b = add_milestone(client, csrf, gid, "10 km")
    first = add_milestone(client, csrf, gid, "Shoes", position=0)
    add_milestone(client, csrf, gid, "Race", position=100)
    assert milestones(client, gid) == [("Shoes", 0, False), ("5 km", 1, False), ("10 km", 2, False),
                                       ("Race", 3, False)]
    moved = send(client, csrf, "PATCH", f"/goals/{gid}/milestones/{first['id']}", {"position": 2, "done": True})
    assert moved.status_code == 200 and (moved.json["position"], moved.json["done"]) == (2, True)
    assert moved.json["done_at"]
    assert milestones(client, gid) == [("5 km", 0, False), ("10 km", 1, False), ("Shoes", 2, True),
                                       ("Race", 3, False)]
    assert client.get(f"/api/v1/goals/{gid}").json["progress"] == 25
    assert send(client, csrf, "DELETE", f"/goals/{gid}/milestones/{b['id']}").status_code == 204
    assert milestones(client, gid) == [("5 km", 0, False), ("Shoes", 1, True), ("Race", 2, False)]
    assert client.get(f"/api/v1/goals/{gid}").json["progress"] == 33
    assert send(client, csrf, "DELETE", f"/goals/{gid}/milestones/{b['id']}").status_code == 404


def test_completing_counts_once_however_often_the_goal_is_reopened(client, csrf, db):
    gid = create(client, csrf)["id"]
    done = send(client, csrf, "PATCH", f"/goals/{gid}", {"status": "completed"})
    assert done.status_code == 200 and done.json["completed_at"] and done.json["progress"] == 100
    again = send(client, csrf, "PATCH", f"/goals/{gid}", {"status": "completed"})
    assert again.json["completed_at"] == done.json["completed_at"]
    reopened = send(client, csrf, "PATCH", f"/goals/{gid}", {"status": "active"})
    assert (reopened.json["completed_at"], reopened.json["progress"]) == (None, 0)
    assert send(client, csrf, "PATCH", f"/goals/{gid}", {"status": "completed"}).json["status"] == "completed"
    assert event_count(db, "goal.completed", gid) == 1
    metrics = db.execute("SELECT data->'metrics' FROM activity_events WHERE subject_id = %s", (gid,)).fetchone()[0]
    assert metrics == {"goals_completed": 1}


def test_a_milestone_done_counts_once_however_often_it_is_toggled(client, csrf, db):
    gid = create(client, csrf)["id"]
    mid = add_milestone(client, csrf, gid, "5 km")["id"]
    for done in (True, False, True):
        reply = send(client, csrf, "PATCH", f"/goals/{gid}/milestones/{mid}", {"done": done})
        assert reply.status_code == 200 and reply.json["done"] is done
        assert (reply.json["done_at"] is not None) is done
    assert event_count(db, "goal.milestone_done", mid) == 1


@pytest.mark.parametrize("body, field", [
    ({}, "title"), ({"title": ""}, "title"), ({"title": "   "}, "title"), ({"title": "x" * 201}, "title"),
    ({"title": 5}, "title"), ({"title": "a\x00b"}, "title"),
    ({"title": "G", "description": "x" * 20_001}, "description"), ({"title": "G", "status": "done"}, "status"),
    ({"title": "G", "target_date": "2026-02-30"}, "target_date"), ({"title": "G", "target_date": "soon"}, "target_date"),
    ({"title": "G", "target_date": 20260101}, "target_date"), ({"title": "G", "colour": "red"}, "colour"),
    ({"title": "G", "completed_at": "2026-01-01T00:00:00Z"}, "completed_at"),
])
def test_invalid_goals_are_400_with_the_field_named(client, csrf, body, field):
    reply = send(client, csrf, "POST", "/goals", body)
    assert reply.status_code == 400 and reply.json["code"] == "validation_error", reply.json
    assert field in reply.json["details"]


def test_years_one_and_9999_are_fine_and_a_title_of_two_hundred_characters_too(client, csrf):
    assert create(client, csrf, target_date="0001-01-01")["target_date"] == "0001-01-01"
    assert create(client, csrf, title="x" * 200, target_date="9999-12-31")["target_date"] == "9999-12-31"


@pytest.mark.parametrize("body, field", [
    ({"title": None}, "title"), ({"status": "paused"}, "status"), ({"done": True}, "done"),
])
def test_invalid_goal_patches_are_400(client, csrf, body, field):
    gid = create(client, csrf)["id"]
    reply = send(client, csrf, "PATCH", f"/goals/{gid}", body)
    assert reply.status_code == 400 and field in reply.json["details"]


@pytest.mark.parametrize("body, field", [
    ({"title": "m", "position": -1}, "position"), ({"title": "m", "position": 10**30}, "position"),
    ({"title": "m", "position": "1"}, "position"), ({"title": "m", "position": 1.5}, "position"),
    ({"title": "m", "due_date": "2026-13-01"}, "due_date"), ({"title": ""}, "title"), ({"done": True}, "title"),
])
def test_invalid_milestones_are_400(client, csrf, body, field):
    gid = create(client, csrf)["id"]
    reply = send(client, csrf, "POST", f"/goals/{gid}/milestones", body)
    assert reply.status_code == 400 and field in reply.json["details"], reply.json


@pytest.mark.parametrize("body, field", [
    ({"done": "yes"}, "done"), ({"done": 1}, "done"), ({"position": None}, "position"), ({"title": "x" * 201}, "title"),
    ({"goal_id": str(uuid4())}, "goal_id"),
])
def test_invalid_milestone_patches_are_400(client, csrf, body, field):
    gid = create(client, csrf)["id"]
    mid = add_milestone(client, csrf, gid, "m")["id"]
    reply = send(client, csrf, "PATCH", f"/goals/{gid}/milestones/{mid}", body)
    assert reply.status_code == 400 and field in reply.json["details"], reply.json


def test_a_goal_holds_at_most_a_hundred_milestones(client, csrf, db):
    gid = create(client, csrf)["id"]
    me = client.get("/api/v1/me").json["id"]
    db.execute("INSERT INTO goal_milestones (goal_id, user_id, title, position) "
               "SELECT %s, %s, 'm' || n, n FROM generate_series(0, 99) AS n", (gid, me))
    reply = send(client, csrf, "POST", f"/goals/{gid}/milestones", {"title": "one more"})
    assert reply.status_code == 409 and reply.json["code"] == "conflict"


def test_ids_that_are_not_uuids_are_404_and_a_form_body_is_415(client, csrf):
    assert client.get("/api/v1/goals/not-a-uuid").status_code == 404
    gid = create(client, csrf)["id"]
    assert send(client, csrf, "PATCH", f"/goals/{gid}/milestones/123").status_code == 404
    form = client.post("/api/v1/goals", data={"title": "x"}, headers={"X-CSRF-Token": csrf})
    assert form.status_code == 415


def test_a_strangers_goal_and_its_milestones_are_404_and_stay_unchanged(dev_app):
    ada, bob = dev_app.test_client(), dev_app.test_client()
    ada_csrf, bob_csrf = dev_login(ada, "ada@example.com"), dev_login(bob, "bob@example.com")
    gid = create(ada, ada_csrf)["id"]
    mid = add_milestone(ada, ada_csrf, gid, "5 km")["id"]
    before = ada.get(f"/api/v1/goals/{gid}").json
    attempts = [("GET", f"/goals/{gid}", None), ("PATCH", f"/goals/{gid}", {"title": "Mine"}),
                ("DELETE", f"/goals/{gid}", None), ("POST", f"/goals/{gid}/milestones", {"title": "x"}),
                ("PATCH", f"/goals/{gid}/milestones/{mid}", {"done": True}),
                ("DELETE", f"/goals/{gid}/milestones/{mid}", None)]
    for method, path, body in attempts:
        reply = send(bob, bob_csrf, method, path, body)
        assert reply.status_code == 404 and reply.json["code"] == "not_found", (method, path)
    assert ada.get(f"/api/v1/goals/{gid}").json == before
    assert bob.get("/api/v1/goals").json == {"items": [], "next_cursor": None}


def test_pages_neither_repeat_nor_skip_when_goals_are_added_meanwhile(client, csrf):
    made = [create(client, csrf, title=f"g{n}")["id"] for n in range(5)]
    first = client.get("/api/v1/goals?limit=2").json
    assert [g["id"] for g in first["items"]] == made[:-3:-1] and first["next_cursor"]
    create(client, csrf, title="newer")
    second = client.get(f"/api/v1/goals?limit=2&cursor={first['next_cursor']}").json
    third = client.get(f"/api/v1/goals?limit=2&cursor={second['next_cursor']}").json
    assert [g["id"] for g in second["items"] + third["items"]] == made[2::-1] and third["next_cursor"] is None


def test_the_list_filters_by_status(client, csrf):
    create(client, csrf, title="open")
    done = create(client, csrf, title="done", status="completed")
    assert [g["id"] for g in client.get("/api/v1/goals?status=completed").json["items"]] == [done["id"]]


@pytest.mark.parametrize("query", ["limit=0", "limit=201", "limit=x", "cursor=garbage", "status=done", "sort=title"])
def test_bad_list_queries_are_400(client, csrf, query):
    reply = client.get(f"/api/v1/goals?{query}")
    assert reply.status_code == 400 and reply.json["code"] == "validation_error"
