"""/api/v1/habits over HTTP on real Postgres: CRUD, logs and their point, undo, streaks, the
summary, validation, ownership, paging and retries with Idempotency-Key."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest
import sqlalchemy

from adapters.postgres.seed import apply_seed
from ignition.seed import load_seed_data
from tests.e2e.conftest import dev_login
from tests.support.parallel_http import signed_in, together


class Caller:
    """A signed-in client speaking JSON to /api/v1 with its CSRF token."""

    def __init__(self, client, email="ada@example.com"):
        self.client, self.csrf = client, dev_login(client, email, email.split("@")[0])
        self.id = client.get("/api/v1/me").json["id"]

    def get(self, path, **query):
        return self.client.get(f"/api/v1{path}", query_string=query)

    def send(self, method, path, body=None, **headers):
        return self.client.open(f"/api/v1{path}", method=method, json=body,
                                headers={"X-CSRF-Token": self.csrf, **headers})

    def habit(self, title="Stretch", **fields) -> dict:
        reply = self.send("POST", "/habits", {"title": title, **fields})
        assert reply.status_code == 201, reply.json
        return reply.json

    def log(self, habit_id, expect=(200, 201), **body) -> dict:
        reply = self.send("POST", f"/habits/{habit_id}/logs", body)
        assert reply.status_code in expect, reply.json
        return reply.json


def _utc_today() -> str:
    """The user's today: dev users live in UTC with day_start_hour 0."""
    return datetime.now(timezone.utc).date().isoformat()


@pytest.fixture
def ada(client):
    return Caller(client)


@pytest.fixture
def bob(dev_app):
    return Caller(dev_app.test_client(), "bob@example.com")


def money(db, user_id) -> tuple[int, int, int]:
    """(balance, ledger sum, ledger rows)."""
    return db.execute("SELECT coalesce((SELECT balance FROM user_wallet WHERE user_id = %s), 0), "
                      "(SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE user_id = %s), "
                      "(SELECT count(*) FROM points_ledger WHERE user_id = %s)", (user_id,) * 3).fetchone()


def days_ago(n: int) -> str:
    return (date.fromisoformat(_utc_today()) - timedelta(days=n)).isoformat()


# CRUD ---------------------------------------------------------------------------------------------

def test_the_habit_life_cycle(ada):
    created = ada.habit("Read", frequency="weekdays", days=[5, 1, 3], description="Ten pages", color="#336699",
                        icon="book")
    assert set(created) == {"id", "title", "description", "frequency", "days", "times", "color", "icon", "archived",
                            "created_at", "updated_at", "current_streak", "longest_streak", "today"}
    assert (created["days"], created["times"], created["archived"], created["current_streak"], created["today"]) == \
        ([1, 3, 5], None, False, 0, None)
    hid = created["id"]
    assert ada.get(f"/habits/{hid}").json == created
    changed = ada.send("PATCH", f"/habits/{hid}", {"frequency": "times_per_week", "times": 3, "color": None})
    assert changed.status_code == 200, changed.json
    assert (changed.json["frequency"], changed.json["days"], changed.json["times"], changed.json["color"]) == \
        ("times_per_week", None, 3, None)
    assert [h["id"] for h in ada.get("/habits").json["items"]] == [hid]
    assert ada.send("DELETE", f"/habits/{hid}").status_code == 204
    assert ada.get(f"/habits/{hid}").status_code == 404
    assert ada.send("DELETE", f"/habits/{hid}").status_code == 404


def test_archived_habits_are_listed_apart_and_cannot_be_logged(ada):
    kept, shelved = ada.habit("Kept"), ada.habit("Shelved")
    assert ada.send("PATCH", f"/habits/{shelved['id']}", {"archived": True}).json["archived"] is True
    assert [h["id"] for h in ada.get("/habits").json["items"]] == [kept["id"]]
    assert [h["id"] for h in ada.get("/habits", archived="true").json["items"]] == [shelved["id"]]
    refused = ada.send("POST", f"/habits/{shelved['id']}/logs", {})
    assert refused.status_code == 409 and refused.json["code"] == "conflict"


@pytest.mark.parametrize("body,field", [
    ({}, "title"), ({"title": ""}, "title"), ({"title": "x" * 201}, "title"), ({"title": 5}, "title"),
    ({"title": "A", "frequency": "hourly"}, "frequency"), ({"title": "A", "frequency": "weekdays"}, "days"),
    ({"title": "A", "frequency": "weekdays", "days": []}, "days"),
    ({"title": "A", "frequency": "weekdays", "days": [0]}, "days"),
    ({"title": "A", "frequency": "weekdays", "days": [1, 8]}, "days"),
    ({"title": "A", "frequency": "weekdays", "days": ["1"]}, "days"),
    ({"title": "A", "frequency": "weekdays", "days": "1,2"}, "days"),
    ({"title": "A", "frequency": "weekdays", "days": [1] * 8}, "days"),
    ({"title": "A", "frequency": "times_per_week"}, "times"),
    ({"title": "A", "frequency": "times_per_week", "times": 8}, "times"),
    ({"title": "A", "frequency": "times_per_week", "times": 10 ** 40}, "times"),
    ({"title": "A", "frequency": "times_per_week", "times": "3"}, "times"),
    ({"title": "A", "frequency": "times_per_week", "times": 2.5}, "times"),
    ({"title": "A", "days": [1]}, "days"), ({"title": "A", "times": 2}, "times"),
    ({"title": "A", "description": "x" * 20_001}, "description"), ({"title": "A", "color": "x" * 51}, "color"),
    ({"title": "A", "icon": ""}, "icon"), ({"title": "A", "archived": "maybe"}, "archived"),
    ({"title": "A", "archived": 1}, "archived"), ({"title": "A", "archived": "true"}, "archived"),
    ({"title": "A", "streak": 100}, "streak"),
])
def test_bad_habit_input_is_400_naming_the_field(ada, body, field):
    reply = ada.send("POST", "/habits", body)
    assert reply.status_code == 400 and reply.json["code"] == "validation_error"
    assert field in reply.json["details"], reply.json
    assert ada.get("/habits").json["items"] == []


@pytest.mark.parametrize("body,field", [
    ({"title": None}, "title"), ({"frequency": "weekdays"}, "days"), ({"times": 3}, "times"),
    ({"archived": None}, "archived"), ({"archived": "yes"}, "archived"), ({"id": str(uuid4())}, "id"), ({"current_streak": 9}, "current_streak"),
])
def test_bad_patches_are_400_and_change_nothing(ada, body, field):
    habit = ada.habit()
    reply = ada.send("PATCH", f"/habits/{habit['id']}", body)
    assert reply.status_code == 400 and field in reply.json["details"], reply.json
    assert ada.get(f"/habits/{habit['id']}").json == habit


def test_a_form_body_is_415(ada):
    form = {"X-CSRF-Token": ada.csrf, "Content-Type": "application/x-www-form-urlencoded"}
    reply = ada.client.post("/api/v1/habits", data="title=A", headers=form)
    assert reply.status_code == 415


# Logs, points and undo ----------------------------------------------------------------------------

def test_a_done_log_earns_a_point_once_and_the_same_day_again_replaces_it(ada, db):
    hid = ada.habit()["id"]
    first = ada.send("POST", f"/habits/{hid}/logs", {})
    assert first.status_code == 201, first.json
    log = first.json
    assert (log["date"], log["status"], log["count"], log["points_awarded"], log["replaced"]) == \
        (_utc_today(), "done", 1, 1, False)
    assert (log["current_streak"], log["longest_streak"], log["earned"]["points"]) == (1, 1, 1)
    again = ada.send("POST", f"/habits/{hid}/logs", {"count": 3, "date": _utc_today()})
    assert again.status_code == 200 and again.json["replaced"] is True
    assert (again.json["id"], again.json["count"], again.json["earned"]["points"]) == (log["id"], 3, 0)
    assert money(db, ada.id) == (1, 1, 1)
    shown = ada.get(f"/habits/{hid}").json
    assert shown["today"]["id"] == log["id"] and shown["current_streak"] == 1
    skipped = ada.log(hid, status="skipped")
    assert (skipped["replaced"], skipped["points_awarded"], skipped["current_streak"]) == (True, 0, 0)
    assert money(db, ada.id) == (0, 0, 2)
    sources = db.execute("SELECT source_type, source_id, delta FROM points_ledger WHERE user_id = %s "
                         "ORDER BY created_at", (ada.id,)).fetchall()
    assert sources == [("habit_log", log["id"], 1), ("habit_log_reversal", log["id"], -1)]
    events = db.execute("SELECT event_type, data->'metrics', local_date FROM activity_events WHERE user_id = %s "
                        "AND event_type LIKE 'habit.log%%' ORDER BY occurred_at", (ada.id,)).fetchall()
    assert [(e[0], e[1]) for e in events] == [("habit.logged", {"habit_logs_done": 1}), ("habit.logged", {}),
                                              ("habit.logged", {"habit_logs_done": -1})]


def test_undo_gives_the_point_back_and_logging_again_earns_again(ada, db):
    hid = ada.habit()["id"]
    ada.log(hid)
    assert ada.send("DELETE", f"/habits/{hid}/logs/{_utc_today()}").status_code == 204
    assert ada.get(f"/habits/{hid}").json["today"] is None and money(db, ada.id) == (0, 0, 2)
    assert ada.send("DELETE", f"/habits/{hid}/logs/{_utc_today()}").status_code == 404
    assert ada.log(hid)["points_awarded"] == 1 and money(db, ada.id) == (1, 1, 3)


def test_an_undo_after_the_point_was_spent_is_409_and_the_log_stays(ada, db):
    hid = ada.habit()["id"]
    ada.log(hid)
    reward = ada.send("POST", "/market/items", {"name": "Tea", "cost": 1}).json["id"]
    assert ada.send("POST", "/market/purchases", {"item_id": reward}).status_code == 201
    refused = ada.send("DELETE", f"/habits/{hid}/logs/{_utc_today()}")
    assert refused.status_code == 409 and refused.json["code"] == "insufficient_funds"
    skip = ada.send("POST", f"/habits/{hid}/logs", {"status": "skipped"})
    assert skip.status_code == 409 and skip.json["code"] == "insufficient_funds"
    assert ada.get(f"/habits/{hid}").json["today"]["status"] == "done"
    assert money(db, ada.id) == (0, 0, 2)


@pytest.mark.parametrize("body,field", [
    ({"date": "2026-02-30"}, "date"), ({"date": "0001-01-01"}, "date"), ({"date": "9999-12-31"}, "date"),
    ({"date": "yesterday"}, "date"), ({"date": 20260301}, "date"), ({"status": "maybe"}, "status"),
    ({"count": 0}, "count"), ({"count": 1001}, "count"), ({"count": "2"}, "count"), ({"count": 10 ** 30}, "count"),
    ({"count": 1.5}, "count"), ({"points": 5}, "points"),
])
def test_bad_log_input_is_400_naming_the_field(ada, db, body, field):
    hid = ada.habit()["id"]
    reply = ada.send("POST", f"/habits/{hid}/logs", body)
    assert reply.status_code == 400 and field in reply.json["details"], reply.json
    assert money(db, ada.id) == (0, 0, 0)


def test_logs_may_be_dated_seven_days_back_but_not_eight_nor_tomorrow(ada):
    hid = ada.habit()["id"]
    assert ada.log(hid, date=days_ago(7))["date"] == days_ago(7)
    for day in (days_ago(8), days_ago(-1)):
        reply = ada.send("POST", f"/habits/{hid}/logs", {"date": day})
        assert reply.status_code == 400 and "date" in reply.json["details"]


@pytest.mark.parametrize("day", ["2026-02-30", "yesterday", "0001-01-01", "9999-12-31", "2026-1-1"])
def test_an_undo_of_a_bad_or_out_of_range_date_is_400(ada, day):
    hid = ada.habit()["id"]
    reply = ada.send("DELETE", f"/habits/{hid}/logs/{day}")
    assert reply.status_code == 400 and "log_date" in reply.json["details"], reply.json


def test_an_idempotency_key_replays_a_log_without_a_second_effect(ada, db):
    hid = ada.habit()["id"]
    key = {"Idempotency-Key": f"log-{hid}"}
    first = ada.send("POST", f"/habits/{hid}/logs", {"date": days_ago(1)}, **key)
    again = ada.send("POST", f"/habits/{hid}/logs", {"date": days_ago(1)}, **key)
    assert first.status_code == again.status_code == 201 and again.json == first.json
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert money(db, ada.id) == (1, 1, 1)
    other = ada.send("POST", f"/habits/{hid}/logs", {"date": _utc_today()}, **key)
    assert other.status_code == 409 and other.json["code"] == "conflict"


def test_a_retried_undo_with_the_same_key_answers_204_again_and_gives_back_once(ada, db):
    hid = ada.habit()["id"]
    ada.log(hid)
    key = {"Idempotency-Key": f"undo-{hid}"}
    first = ada.send("DELETE", f"/habits/{hid}/logs/{_utc_today()}", **key)
    again = ada.send("DELETE", f"/habits/{hid}/logs/{_utc_today()}", **key)
    assert first.status_code == again.status_code == 204 and again.headers.get("Idempotent-Replayed") == "true"
    assert money(db, ada.id) == (0, 0, 2)


# Streaks ------------------------------------------------------------------------------------------

def test_streaks_follow_backdated_logs_and_show_in_the_summary(ada):
    read, run = ada.habit("Read")["id"], ada.habit("Run")["id"]
    for n in (4, 3, 1):
        ada.log(read, date=days_ago(n))
    assert ada.get(f"/habits/{read}").json["current_streak"] == 1  # today not logged yet: runs to yesterday
    filled = ada.log(read, date=days_ago(2))
    assert (filled["current_streak"], filled["longest_streak"]) == (4, 4)
    ada.log(run, status="skipped")
    summary = ada.get("/gamification/summary").json
    streaks = {(s["kind"], s["habit_id"]): (s["current"], s["longest"], s["last_date"]) for s in summary["streaks"]}
    assert streaks == {("habit", read): (4, 4, days_ago(1)), ("habit", run): (0, 0, None),
                       ("habits", None): (4, 4, days_ago(1))}
    assert summary["balance"] == 4


def test_a_weekdays_habit_leaves_days_that_are_not_due_alone(ada):
    today = date.fromisoformat(_utc_today())
    hid = ada.habit(frequency="weekdays", days=[today.isoweekday()])["id"]
    assert ada.log(hid, date=days_ago(7))["current_streak"] == 1
    assert ada.log(hid)["current_streak"] == 2


def test_a_streak_achievement_unlocks_from_the_seed(ada, database_url):
    with sqlalchemy.create_engine(database_url).begin() as connection:
        apply_seed(connection, load_seed_data())
    hid = ada.habit()["id"]
    for n in range(6, 0, -1):
        ada.log(hid, date=days_ago(n))
    week = ada.log(hid)
    assert week["current_streak"] == 7 and week["earned"]["achievements"]
    titles = [a["title"] for a in ada.get("/gamification/summary").json["recent_achievements"]]
    assert "One Week Strong" in titles and "Habit Starter" in titles


# Ownership ----------------------------------------------------------------------------------------

def test_another_users_habit_is_404_on_every_route(ada, bob):
    hid = ada.habit()["id"]
    ada.log(hid)
    calls = [("GET", f"/habits/{hid}", None), ("PATCH", f"/habits/{hid}", {"title": "Mine"}),
             ("DELETE", f"/habits/{hid}", None), ("GET", f"/habits/{hid}/logs", None),
             ("POST", f"/habits/{hid}/logs", {}), ("DELETE", f"/habits/{hid}/logs/{_utc_today()}", None)]
    for method, path, body in calls:
        reply = bob.send(method, path, body)
        assert reply.status_code == 404 and reply.json["code"] == "not_found", (method, path)
    assert bob.get("/habits").json == {"items": [], "next_cursor": None}
    shown = ada.get(f"/habits/{hid}").json
    assert (shown["title"], shown["today"]["status"]) == ("Stretch", "done")
    for path in (f"/habits/{uuid4()}", "/habits/not-a-uuid", "/habits/12/logs"):
        assert ada.get(path).status_code == 404


# Lists --------------------------------------------------------------------------------------------

def test_habit_pages_neither_repeat_nor_skip_when_habits_are_added_between_them(ada, db):
    made = [ada.habit(f"H{n}")["id"] for n in range(5)]
    db.execute("UPDATE habits SET created_at = now() - interval '1 hour' WHERE id = ANY(%s::uuid[])", (made[1:4],))
    page = ada.get("/habits", limit=2).json
    seen = [h["id"] for h in page["items"]]
    newer = ada.habit("Newer")["id"]  # oldest first: a new habit belongs after every page seen so far
    for _ in range(10):
        if page["next_cursor"] is None:
            break
        page = ada.get("/habits", limit=2, cursor=page["next_cursor"]).json
        seen += [h["id"] for h in page["items"]]
    everything = [h["id"] for h in ada.get("/habits", limit=200).json["items"]]
    assert len(seen) == len(set(seen)) == 6 and seen == everything and seen[-1] == newer


def test_log_pages_are_newest_day_first_and_neither_repeat_nor_skip(ada):
    hid = ada.habit()["id"]
    for n in (6, 5, 3, 2):
        ada.log(hid, date=days_ago(n))
    page = ada.get(f"/habits/{hid}/logs", limit=2).json
    seen = [log["date"] for log in page["items"]]
    ada.log(hid)  # a newer day: before the cursor, never inside the next page
    ada.log(hid, date=days_ago(4))  # an older one: after the cursor
    while page["next_cursor"]:
        page = ada.get(f"/habits/{hid}/logs", limit=2, cursor=page["next_cursor"]).json
        seen += [log["date"] for log in page["items"]]
    assert seen == [days_ago(n) for n in (2, 3, 4, 5, 6)]


@pytest.mark.parametrize("query,field", [
    ("/habits?limit=0", "limit"), ("/habits?limit=201", "limit"), ("/habits?cursor=nonsense", "cursor"),
    ("/habits?archived=maybe", "archived"), ("/habits?sort=title", "sort"),
])
def test_bad_list_queries_are_400_naming_the_field(ada, query, field):
    reply = ada.client.get(f"/api/v1{query}")
    assert reply.status_code == 400 and field in reply.json["details"], reply.json


def test_a_cursor_of_another_list_is_400(ada):
    hid = ada.habit()["id"]
    for n in (2, 1):
        ada.log(hid, date=days_ago(n))
    log_cursor = ada.get(f"/habits/{hid}/logs", limit=1).json["next_cursor"]
    ada.habit("Second")
    habit_cursor = ada.get("/habits", limit=1).json["next_cursor"]
    assert ada.get("/habits", cursor=log_cursor).status_code == 400
    assert ada.get(f"/habits/{hid}/logs", cursor=habit_cursor).status_code == 400


def test_the_ledger_sums_to_the_balance_after_a_mix_of_logs_and_undos(ada, db):
    hids = [ada.habit(f"H{n}")["id"] for n in range(3)]
    for hid in hids:
        for n in (3, 2, 1, 0):
            ada.log(hid, date=days_ago(n))
    ada.log(hids[0], date=days_ago(2), status="skipped")
    ada.send("DELETE", f"/habits/{hids[1]}/logs/{days_ago(3)}")
    ada.log(hids[1], date=days_ago(3))
    assert ada.send("DELETE", f"/habits/{hids[2]}").status_code == 204
    balance, total, _ = money(db, ada.id)
    assert balance == total == 11


def test_the_routes_are_in_the_openapi_document_with_their_errors(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"400", "404", "409"} <= set(paths["/api/v1/habits/{habit_id}/logs"]["post"]["responses"])
    assert {"201", "200"} <= set(paths["/api/v1/habits/{habit_id}/logs"]["post"]["responses"])
    assert {"400", "404", "409"} <= set(paths["/api/v1/habits/{habit_id}/logs/{log_date}"]["delete"]["responses"])
    assert {"get", "patch", "delete"} <= set(paths["/api/v1/habits/{habit_id}"])


# Concurrency --------------------------------------------------------------------------------------

def test_parallel_logs_neither_double_a_point_nor_lose_a_skip_from_the_account_streak(server, db):
    http = signed_in(server, "racer@example.com")
    me = http.get(f"{server}/api/v1/me", timeout=10).json()["id"]
    hids = [http.post(f"{server}/api/v1/habits", json={"title": f"H{n}"}, timeout=10).json()["id"] for n in range(6)]

    def logger(hid, body):
        return lambda: http.post(f"{server}/api/v1/habits/{hid}/logs", json=body, timeout=30)

    for n in (6, 1):
        assert logger(hids[0], {"date": days_ago(n)})().status_code == 201
    skips = together([logger(hid, {"date": days_ago(n), "status": "skipped"})
                      for n, hid in zip((5, 4, 3, 2), hids[1:5])])
    assert sorted(r.status_code for r in skips) == [201] * 4, [r.text for r in skips]
    account = db.execute("SELECT current_streak FROM user_streaks WHERE user_id = %s AND kind = 'habits'",
                         (me,)).fetchone()
    assert account == (2,)  # every skip seen by the last writer: recomputations queue on the streak lock
    same = together([logger(hids[0], {}) for _ in range(6)])
    assert sorted(r.status_code for r in same) == [200] * 5 + [201], [r.text for r in same]
    assert money(db, me) == (3, 3, 3)
