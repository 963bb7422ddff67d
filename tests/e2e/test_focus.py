"""/api/v1/focus over HTTP on real Postgres: the life cycle, 409s, 404s, validation, paging,
retries with Idempotency-Key, and a ledger that sums to the balance."""
from __future__ import annotations

from datetime import datetime, timedelta
from uuid import uuid4

import pytest

from tests.e2e.conftest import dev_login


def post(client, csrf, path, body=None, **headers):
    return client.post(f"/api/v1{path}", json=body, headers={"X-CSRF-Token": csrf, **headers})


def start(client, csrf, mode="focus", duration=1500):
    reply = post(client, csrf, "/focus", {"mode": mode, "duration": duration})
    assert reply.status_code == 201, reply.json
    return reply.json


def backdate(db, session_id, minutes):
    db.execute("UPDATE focus_sessions SET started_at = started_at - make_interval(mins => %s) WHERE id = %s",
               (minutes, session_id))


def money(db, user_id):
    ledger = db.execute("SELECT coalesce(sum(delta), 0), count(*) FROM points_ledger WHERE user_id = %s",
                        (user_id,)).fetchone()
    wallet = db.execute("SELECT balance, xp FROM user_wallet WHERE user_id = %s", (user_id,)).fetchone()
    return ledger, wallet


def test_the_whole_life_cycle(client, csrf, db):
    session = start(client, csrf)
    assert set(session) >= {"id", "mode", "status", "started_at", "duration", "focused_seconds", "paused_seconds",
                            "points_awarded", "xp_awarded", "completed_at", "abandoned_at", "ends_at"}
    assert (session["mode"], session["status"], session["duration"], session["points_awarded"]) == \
        ("focus", "active", 1500, 0)
    assert datetime.fromisoformat(session["started_at"]).utcoffset() is not None
    sid = session["id"]
    assert client.get("/api/v1/focus/active").json["session"]["id"] == sid
    backdate(db, sid, 12)
    paused = post(client, csrf, f"/focus/{sid}/pause")
    assert paused.status_code == 200 and paused.json["status"] == "paused" and paused.json["ends_at"] is None
    assert client.get("/api/v1/focus/active").json["session"]["status"] == "paused"
    resumed = post(client, csrf, f"/focus/{sid}/resume")
    assert resumed.status_code == 200 and resumed.json["status"] == "active" and resumed.json["ends_at"]
    done = post(client, csrf, f"/focus/{sid}/complete")
    assert done.status_code == 200, done.json
    assert (done.json["status"], done.json["points_awarded"], done.json["xp_awarded"]) == ("completed", 12, 12)
    assert done.json["focused_seconds"] >= 720 and done.json["completed_at"] and done.json["earned"]["points"] >= 12
    assert client.get("/api/v1/focus/active").json == {"session": None}
    assert client.get(f"/api/v1/focus/{sid}").json["status"] == "completed"
    listed = client.get("/api/v1/focus").json
    assert [s["id"] for s in listed["items"]] == [sid] and listed["next_cursor"] is None
    today = client.get("/api/v1/focus/stats").json
    assert len(today["days"]) == 7 and today["days"][-1] == {"date": today["days"][-1]["date"],
                                                             "focused_minutes": 12, "sessions": 1}
    assert (today["total_focused_minutes"], today["total_sessions"], today["current_streak_days"]) == (12, 1, 1)
    events = db.execute("SELECT event_type, data->'metrics' FROM activity_events WHERE subject_id = %s "
                        "ORDER BY occurred_at, created_at", (sid,)).fetchall()
    assert [e[0] for e in events] == ["focus.started", "focus.paused", "focus.resumed", "focus.completed"]
    assert events[-1][1] == {"focus_sessions_completed": 1, "focus_minutes": 12}


def test_a_short_session_and_a_break_earn_nothing(client, csrf, db):
    short = start(client, csrf)
    assert post(client, csrf, f"/focus/{short['id']}/complete").json["points_awarded"] == 0
    brk = start(client, csrf, mode="break", duration=300)
    backdate(db, brk["id"], 30)
    done = post(client, csrf, f"/focus/{brk['id']}/complete").json
    assert (done["points_awarded"], done["focused_seconds"]) == (0, 300)
    me = client.get("/api/v1/me").json["id"]
    assert db.execute("SELECT count(*) FROM points_ledger WHERE user_id = %s", (me,)).fetchone()[0] == 0


def test_the_conflicts(client, csrf):
    sid = start(client, csrf)["id"]
    second = post(client, csrf, "/focus", {"mode": "break", "duration": 300})
    assert second.status_code == 409 and second.json["code"] == "conflict"
    assert post(client, csrf, f"/focus/{sid}/resume").status_code == 409
    assert post(client, csrf, f"/focus/{sid}/pause").status_code == 200
    assert post(client, csrf, f"/focus/{sid}/pause").status_code == 409
    assert post(client, csrf, "/focus", {"mode": "focus", "duration": 300}).status_code == 409
    assert post(client, csrf, f"/focus/{sid}/abandon").status_code == 200
    for action in ("pause", "resume", "complete", "abandon"):
        reply = post(client, csrf, f"/focus/{sid}/{action}")
        assert reply.status_code == 409 and reply.json["code"] == "conflict", action
    assert start(client, csrf)["status"] == "active"


def test_complete_twice_is_409_and_awards_once(client, csrf, db):
    sid = start(client, csrf)["id"]
    backdate(db, sid, 6)
    assert post(client, csrf, f"/focus/{sid}/complete").status_code == 200
    assert post(client, csrf, f"/focus/{sid}/complete").status_code == 409
    me = client.get("/api/v1/me").json["id"]
    assert db.execute("SELECT count(*) FROM points_ledger WHERE source_type = 'focus' AND source_id = %s",
                      (sid,)).fetchone()[0] == 1
    assert money(db, me) == ((6, 1), (6, 6))


def test_another_users_session_is_404_on_every_route(dev_app, db):
    ada, bob = dev_app.test_client(), dev_app.test_client()
    ada_csrf, bob_csrf = dev_login(ada, "ada@example.com"), dev_login(bob, "bob@example.com")
    sid = start(ada, ada_csrf)["id"]
    assert bob.get(f"/api/v1/focus/{sid}").status_code == 404
    for action in ("pause", "resume", "complete", "abandon"):
        reply = post(bob, bob_csrf, f"/focus/{sid}/{action}")
        assert reply.status_code == 404 and reply.json["code"] == "not_found", action
    assert bob.get("/api/v1/focus").json["items"] == [] and bob.get("/api/v1/focus/active").json["session"] is None
    assert ada.get(f"/api/v1/focus/{sid}").json["status"] == "active"
    for path in (f"/focus/{uuid4()}/pause", "/focus/not-a-uuid/complete"):
        assert post(ada, ada_csrf, path).status_code == 404
    assert ada.get("/api/v1/focus/not-a-uuid").status_code == 404


@pytest.mark.parametrize("body,field", [
    ({"mode": "focus", "duration": 59}, "duration"), ({"mode": "focus", "duration": 14_401}, "duration"),
    ({"mode": "nap", "duration": 600}, "mode"), ({"mode": "focus", "duration": 600, "label": "x"}, "label"),
    ({"mode": "focus", "duration": "1500"}, "duration"), ({"mode": "focus", "duration": 600.5}, "duration"),
    ({"mode": "focus"}, "duration"), ({"duration": 600}, "mode"),
])
def test_bad_start_input_is_400_naming_the_field(client, csrf, body, field):
    reply = post(client, csrf, "/focus", body)
    assert reply.status_code == 400 and reply.json["code"] == "validation_error"
    assert field in reply.json["details"], reply.json
    assert client.get("/api/v1/focus/active").json["session"] is None


@pytest.mark.parametrize("query,field", [
    ("/focus?limit=201", "limit"), ("/focus?limit=0", "limit"), ("/focus?status=sleeping", "status"),
    ("/focus?cursor=nonsense", "cursor"),
    ("/focus/stats?days=0", "days"), ("/focus/stats?days=366", "days"), ("/focus/stats?days=x", "days"),
])
def test_bad_queries_are_400_naming_the_field(client, csrf, query, field):
    reply = client.get(f"/api/v1{query}")
    assert reply.status_code == 400 and field in reply.json["details"], reply.json


def test_the_bounds_of_duration_are_allowed(client, csrf):
    sid = start(client, csrf, duration=60)["id"]
    post(client, csrf, f"/focus/{sid}/abandon")
    assert start(client, csrf, duration=14_400)["duration"] == 14_400


def add_finished(client, csrf):
    sid = start(client, csrf)["id"]
    assert post(client, csrf, f"/focus/{sid}/abandon").status_code == 200
    return sid


def test_pages_neither_repeat_nor_skip_when_rows_are_added_between_them(client, csrf, db):
    first_batch = [add_finished(client, csrf) for _ in range(5)]
    me = client.get("/api/v1/me").json["id"]
    same = datetime.now().astimezone() - timedelta(hours=1)
    db.execute("UPDATE focus_sessions SET started_at = %s WHERE id = ANY(%s)", (same, first_batch[1:4]))  # ties
    page = client.get("/api/v1/focus?limit=2").json
    seen = [s["id"] for s in page["items"]]
    newer = add_finished(client, csrf)  # newer than the cursor: belongs before page one, never inside
    older = db.execute("INSERT INTO focus_sessions (user_id, mode, duration, status, started_at, abandoned_at) "
                       "VALUES (%s, 'focus', 600, 'abandoned', %s, %s) RETURNING id",
                       (me, same - timedelta(days=1), same)).fetchone()[0]
    for _ in range(10):
        if page["next_cursor"] is None:
            break
        page = client.get(f"/api/v1/focus?limit=2&cursor={page['next_cursor']}").json
        seen += [s["id"] for s in page["items"]]
    assert len(seen) == len(set(seen)) == 6
    assert set(seen) == set(first_batch) | {str(older)} and newer not in seen
    everything = client.get("/api/v1/focus?limit=200").json
    starts = [(s["started_at"], s["id"]) for s in everything["items"]]
    assert len(starts) == 7 and seen == [i for _, i in starts if i != newer]


def test_the_list_filters_by_status(client, csrf, db):
    gone = add_finished(client, csrf)
    running = start(client, csrf)["id"]
    assert [s["id"] for s in client.get("/api/v1/focus?status=abandoned").json["items"]] == [gone]
    assert [s["id"] for s in client.get("/api/v1/focus?status=active").json["items"]] == [running]
    assert client.get("/api/v1/focus?status=completed").json == {"items": [], "next_cursor": None}


def test_an_idempotency_key_makes_a_retried_complete_answer_the_same_without_a_second_effect(client, csrf, db):
    sid = start(client, csrf)["id"]
    backdate(db, sid, 25)
    key = {"Idempotency-Key": f"complete-{sid}"}
    first = post(client, csrf, f"/focus/{sid}/complete", **key)
    again = post(client, csrf, f"/focus/{sid}/complete", **key)
    assert first.status_code == again.status_code == 200
    assert again.json == first.json and again.headers.get("Idempotent-Replayed") == "true"
    assert "Idempotent-Replayed" not in first.headers
    me = client.get("/api/v1/me").json["id"]
    assert money(db, me) == ((25, 1), (25, 25))
    assert post(client, csrf, f"/focus/{sid}/complete", **{"Idempotency-Key": "another"}).status_code == 409


def test_the_ledger_sums_to_the_balance_after_several_completions(client, csrf, db):
    for minutes in (5, 17, 42, 3):
        sid = start(client, csrf, duration=3600)["id"]
        backdate(db, sid, minutes)
        assert post(client, csrf, f"/focus/{sid}/complete").status_code == 200
    me = client.get("/api/v1/me").json["id"]
    (ledger_sum, rows), (balance, xp) = money(db, me)
    assert ledger_sum == balance == 64 and rows == 3 and xp == 64
    stats = client.get("/api/v1/focus/stats?days=1").json
    assert (len(stats["days"]), stats["total_sessions"], stats["total_focused_minutes"]) == (1, 4, 67)


def test_stats_follow_the_users_day(client, csrf, db):
    reply = client.patch("/api/v1/me", json={"timezone": "Pacific/Kiritimati", "day_start_hour": 4},
                         headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 200
    stats = client.get("/api/v1/focus/stats?days=30").json
    assert len(stats["days"]) == 30 and stats["days"] == sorted(stats["days"], key=lambda d: d["date"])
    assert stats["total_sessions"] == 0 and stats["current_streak_days"] == 0


def test_the_routes_are_in_the_openapi_document_with_their_errors(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"409", "400"} <= set(paths["/api/v1/focus"]["post"]["responses"])
    assert {"404", "409"} <= set(paths["/api/v1/focus/{session_id}/complete"]["post"]["responses"])
    assert "/api/v1/focus/stats" in paths and "/api/v1/focus/active" in paths
