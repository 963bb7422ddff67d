"""/api/v1/daily-plan over HTTP on real Postgres: read (empty without writing), replace, the
once-a-day completion, validation 400s, and plans that are each user's own."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from tests.e2e.conftest import dev_login

PLAN = "/api/v1/daily-plan"


def today() -> date:
    return datetime.now(timezone.utc).date()  # dev-login users live in UTC with day_start_hour 0


def put(client, csrf, day, body):
    return client.put(f"{PLAN}/{day}", json=body, headers={"X-CSRF-Token": csrf})


def completions(db, user_id):
    return db.execute("SELECT local_date, data->'metrics' FROM activity_events WHERE user_id = %s "
                      "AND event_type = 'daily_plan.completed' ORDER BY local_date", (user_id,)).fetchall()


def test_a_day_without_a_plan_reads_empty_and_writes_nothing(client, csrf, db):
    assert client.get(PLAN).json == {"date": today().isoformat(), "items": [], "notes": None, "updated_at": None}
    assert client.get(f"{PLAN}?date=2026-03-01").json["date"] == "2026-03-01"
    assert db.execute("SELECT count(*) FROM daily_plans").fetchone()[0] == 0


def test_a_put_replaces_the_day_and_a_get_reads_it_back(client, csrf, db):
    first = put(client, csrf, "2026-03-01", {"items": [{"title": "Write"}, {"title": "Run", "done": True}],
                                             "notes": "Busy day"})
    assert first.status_code == 200, first.json
    assert (first.json["date"], first.json["items"], first.json["notes"]) == (
        "2026-03-01", [{"title": "Write", "done": False}, {"title": "Run", "done": True}], "Busy day")
    assert datetime.fromisoformat(first.json["updated_at"]).utcoffset() is not None
    second = put(client, csrf, "2026-03-01", {"items": [{"title": "Rest"}]})
    assert (second.json["items"], second.json["notes"]) == ([{"title": "Rest", "done": False}], None)
    assert client.get(f"{PLAN}?date=2026-03-01").json == second.json
    assert client.get(f"{PLAN}?date=2026-03-02").json["items"] == []
    assert db.execute("SELECT count(*) FROM daily_plans").fetchone()[0] == 1


def test_finishing_todays_plan_counts_once_however_often_it_is_finished(client, csrf, db):
    me, day = client.get("/api/v1/me").json["id"], today().isoformat()
    assert put(client, csrf, day, {"items": [{"title": "A", "done": True}, {"title": "B"}]}).status_code == 200
    assert completions(db, me) == []
    done = {"items": [{"title": "A", "done": True}, {"title": "B", "done": True}]}
    assert put(client, csrf, day, done).status_code == 200
    put(client, csrf, day, {"items": [{"title": "A", "done": True}, {"title": "B"}]})
    put(client, csrf, day, done)
    assert completions(db, me) == [(today(), {"daily_plans_completed": 1})]


def test_empty_far_off_and_future_plans_never_count(client, csrf, db):
    me = client.get("/api/v1/me").json["id"]
    put(client, csrf, today().isoformat(), {"items": []})
    for day in (today() + timedelta(days=1), today() - timedelta(days=8), date(1, 1, 1), date(9999, 12, 31)):
        assert put(client, csrf, day.isoformat(), {"items": [{"title": "A", "done": True}]}).status_code == 200
    late = today() - timedelta(days=7)
    put(client, csrf, late.isoformat(), {"items": [{"title": "A", "done": True}]})
    assert completions(db, me) == [(late, {"daily_plans_completed": 1})]


def test_plans_are_each_users_own(dev_app):
    ada, bob = dev_app.test_client(), dev_app.test_client()
    ada_csrf, bob_csrf = dev_login(ada, "ada@example.com"), dev_login(bob, "bob@example.com")
    put(ada, ada_csrf, "2026-03-01", {"items": [{"title": "Ada's"}]})
    assert bob.get(f"{PLAN}?date=2026-03-01").json["items"] == []
    put(bob, bob_csrf, "2026-03-01", {"items": [{"title": "Bob's"}]})
    assert ada.get(f"{PLAN}?date=2026-03-01").json["items"] == [{"title": "Ada's", "done": False}]


def test_today_follows_the_users_timezone_and_day_start_hour(client, csrf):
    reply = client.patch("/api/v1/me", json={"timezone": "Pacific/Kiritimati", "day_start_hour": 4},
                         headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 200
    local = datetime.now(timezone(timedelta(hours=14))) - timedelta(hours=4)
    assert client.get(PLAN).json["date"] == local.date().isoformat()


@pytest.mark.parametrize("body,field", [
    ({}, "items"), ({"items": "A"}, "items"), ({"items": [{"title": ""}]}, "items"),
    ({"items": [{"title": "x" * 201}]}, "items"), ({"items": [{"title": "A"}] * 101}, "items"),
    ({"items": [{"title": "A", "done": "yes"}]}, "items"), ({"items": [{"title": "A", "done": 1}]}, "items"),
    ({"items": [{"title": "A", "due": "now"}]}, "items"), ({"items": [], "notes": "x" * 20_001}, "notes"),
    ({"items": [], "date": "2026-03-01"}, "date"), ({"items": [None]}, "items"), ({"items": [], "notes": 5}, "notes"),
])
def test_bad_plans_are_400_naming_the_field(client, csrf, body, field):
    reply = put(client, csrf, "2026-03-01", body)
    assert reply.status_code == 400 and reply.json["code"] == "validation_error"
    assert field in reply.json["details"], reply.json
    assert client.get(f"{PLAN}?date=2026-03-01").json["updated_at"] is None


@pytest.mark.parametrize("day", ["2026-02-30", "2026-13-01", "yesterday", "0000-01-01", "2026-3-1", "1" * 300])
def test_a_bad_date_is_400_on_date(client, csrf, day):
    put_reply = put(client, csrf, day, {"items": []})
    get_reply = client.get(f"{PLAN}?date={day}")
    for reply in (put_reply, get_reply):
        assert reply.status_code == 400 and "date" in reply.json["details"], reply.json


def test_unknown_query_parameters_are_400(client, csrf):
    assert client.get(f"{PLAN}?day=2026-03-01").status_code == 400


def test_no_input_makes_a_plan_route_answer_500(client, csrf):
    for raw in ("null", "[]", '"x"', "1", '{"items": {}}', '{"items": [[]]}', '{"items": [{"title": ["a"]}]}',
                '{"items": [{"title": "a", "done": null}]}', '{"items": [], "notes": null}',
                '{"items": [{"title": "\\u0000"}]}'):
        reply = client.put(f"{PLAN}/2026-03-01", data=raw, content_type="application/json",
                           headers={"X-CSRF-Token": csrf})
        assert reply.status_code in (200, 400), (raw, reply.status_code, reply.get_json())
    assert json.loads(client.get(f"{PLAN}?date=2026-03-01").data)["date"] == "2026-03-01"
