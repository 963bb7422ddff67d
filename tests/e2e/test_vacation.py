"""/api/v1/me/vacation over HTTP on real Postgres: set, show on /me, end, validation, and the
streaks it pauses."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.e2e.test_habits import Caller


def day(n: int) -> str:
    """The dev user's today (UTC, day_start_hour 0) plus n days."""
    return (datetime.now(timezone.utc).date() + timedelta(days=n)).isoformat()


@pytest.fixture
def ada(client):
    return Caller(client)


def test_a_vacation_is_set_shown_on_me_and_ended(ada, db):
    assert ada.get("/me").json["vacation"] is None
    reply = ada.send("PUT", "/me/vacation", {"from": day(2), "to": day(9)})
    assert reply.status_code == 200 and reply.json == {"from": day(2), "to": day(9)}
    assert ada.get("/me").json["vacation"] == {"from": day(2), "to": day(9)}
    open_ended = ada.send("PUT", "/me/vacation", {"from": day(-3)})
    assert open_ended.status_code == 200 and open_ended.json == {"from": day(-3), "to": None}
    assert ada.client.get("/auth/session").json["user"]["vacation"] == {"from": day(-3), "to": None}
    assert ada.send("DELETE", "/me/vacation").status_code == 204
    assert ada.get("/me").json["vacation"] is None
    assert ada.send("DELETE", "/me/vacation").status_code == 204  # nothing to end: still done
    kept = db.execute("SELECT data->>'from', data->>'to' FROM activity_events "
                      "WHERE user_id = %s AND event_type = 'vacation.taken'", (ada.id,)).fetchall()
    assert kept == [(day(-3), day(-1))]  # the days that passed stay paused


@pytest.mark.parametrize("body,field", [
    ({}, "from"), ({"from": None}, "from"), ({"from": "2026-02-30"}, "from"), ({"from": "0001-01-01"}, "from"),
    ({"from": "soon"}, "from"), ({"from": 20260301}, "from"), ({"to": "2030-01-01"}, "from"),
    ({"from": "today", "to": None}, "from"), ({"from": "2030-01-10", "to": "2030-01-09"}, "to"),
    ({"from": "2030-01-10", "to": "2030-13-01"}, "to"), ({"from": "2030-01-10", "why": "beach"}, "why"),
])
def test_bad_vacations_are_400_naming_the_field(ada, body, field):
    reply = ada.send("PUT", "/me/vacation", body)
    assert reply.status_code == 400 and reply.json["code"] == "validation_error"
    assert field in reply.json["details"], reply.json
    assert ada.get("/me").json["vacation"] is None


def test_a_vacation_may_start_seven_days_back_but_not_eight_and_may_end_in_9999(ada):
    assert ada.send("PUT", "/me/vacation", {"from": day(-8)}).status_code == 400
    reply = ada.send("PUT", "/me/vacation", {"from": day(-7), "to": "9999-12-31"})
    assert reply.status_code == 200 and reply.json["to"] == "9999-12-31"


def test_a_vacation_over_missed_days_keeps_the_streak_and_the_summary_shows_it(ada):
    hid = ada.habit()["id"]
    for n in (6, 5):
        ada.log(hid, date=day(-n))
    assert ada.get(f"/habits/{hid}").json["current_streak"] == 0
    assert ada.send("PUT", "/me/vacation", {"from": day(-4), "to": day(-1)}).status_code == 200
    assert ada.get(f"/habits/{hid}").json["current_streak"] == 2
    assert ada.log(hid)["current_streak"] == 3
    streaks = {s["kind"]: s["current"] for s in ada.get("/gamification/summary").json["streaks"]}
    assert streaks == {"habit": 3, "habits": 3}


def test_ending_a_running_vacation_keeps_its_past_days_paused(ada):
    hid = ada.habit()["id"]
    ada.log(hid, date=day(-4))
    ada.send("PUT", "/me/vacation", {"from": day(-3)})
    assert ada.send("DELETE", "/me/vacation").status_code == 204
    assert ada.get(f"/habits/{hid}").json["current_streak"] == 1
    assert ada.log(hid)["current_streak"] == 2


def test_the_vacation_needs_a_session_and_a_csrf_token(dev_app):
    stranger = dev_app.test_client()
    assert stranger.put("/api/v1/me/vacation", json={"from": day(1)}).status_code == 401
    ada = Caller(dev_app.test_client())
    reply = ada.client.put("/api/v1/me/vacation", json={"from": day(1)})
    assert reply.status_code == 403 and reply.json["code"] == "csrf_failed"


def test_the_routes_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"put", "delete"} <= set(paths["/api/v1/me/vacation"])
    assert "400" in paths["/api/v1/me/vacation"]["put"]["responses"]
