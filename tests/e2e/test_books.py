"""/api/v1/books over HTTP on real Postgres: CRUD, reading sessions moving the bookmark, finishing
counted once, the seeded reading quest, Idempotency-Key, validation, 404s and keyset paging."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy

from adapters.postgres.seed import apply_seed
from ignition.seed import load_seed_data
from tests.e2e.conftest import dev_login


def send(client, csrf, method, path, body=None, **headers):
    return client.open(f"/api/v1{path}", method=method, json=body, headers={"X-CSRF-Token": csrf, **headers})


def add(client, csrf, **body):
    reply = send(client, csrf, "POST", "/books", {"title": "Dune", **body})
    assert reply.status_code == 201, reply.json
    return reply.json


def read(client, csrf, book_id, **body):
    reply = send(client, csrf, "POST", f"/books/{book_id}/reading-sessions", {"minutes": 30, **body})
    assert reply.status_code == 201, reply.json
    return reply.json


def today() -> str:
    return datetime.now(timezone.utc).date().isoformat()  # dev-login users live in UTC


def events(db, event_type):
    return db.execute("SELECT subject_id, local_date, data->'metrics' FROM activity_events WHERE event_type = %s "
                      "ORDER BY occurred_at", (event_type,)).fetchall()


def test_the_whole_life_cycle_of_a_book(client, csrf):
    book = add(client, csrf, author="Frank Herbert", total_pages=412, rating=5, notes="Spice")
    assert set(book) == {"id", "title", "author", "total_pages", "current_page", "status", "rating", "notes",
                         "started_on", "finished_on", "created_at", "updated_at"}
    assert (book["status"], book["current_page"], book["started_on"]) == ("want_to_read", 0, None)
    bid = book["id"]
    assert client.get(f"/api/v1/books/{bid}").json == book
    changed = send(client, csrf, "PATCH", f"/books/{bid}", {"status": "reading", "author": None, "rating": None})
    assert changed.status_code == 200
    assert (changed.json["status"], changed.json["started_on"], changed.json["author"], changed.json["rating"]) == \
        ("reading", today(), None, None)
    assert [b["id"] for b in client.get("/api/v1/books").json["items"]] == [bid]
    assert send(client, csrf, "DELETE", f"/books/{bid}").status_code == 204
    assert client.get(f"/api/v1/books/{bid}").status_code == 404
    assert send(client, csrf, "DELETE", f"/books/{bid}").status_code == 404


def test_reading_sessions_move_the_bookmark_and_finish_the_book_once(client, csrf, db):
    bid = add(client, csrf, total_pages=100)["id"]
    first = read(client, csrf, bid, pages=40, minutes=25, notes="Part one")
    assert set(first) >= {"id", "book_id", "date", "started_at", "minutes", "pages_read", "start_page", "end_page",
                          "notes", "created_at", "book", "earned"}
    assert (first["date"], first["pages_read"], first["book"]["current_page"], first["book"]["status"]) == \
        (today(), 40, 40, "reading")
    second = read(client, csrf, bid, start_page=40, end_page=100, minutes=50)
    assert (second["pages_read"], second["book"]["current_page"], second["book"]["status"]) == (60, 100, "finished")
    assert second["book"]["finished_on"] == today()
    send(client, csrf, "PATCH", f"/books/{bid}", {"status": "reading"})
    assert send(client, csrf, "PATCH", f"/books/{bid}", {"status": "finished"}).json["status"] == "finished"
    assert [(str(s), m) for s, _, m in events(db, "book.finished")] == [(bid, {"books_finished": 1})]
    logged = events(db, "reading.logged")
    assert [m for _, _, m in logged] == [{"pages_read": 40, "reading_minutes": 25},
                                         {"pages_read": 60, "reading_minutes": 50}]


def test_a_backdated_session_counts_on_its_own_day(client, csrf, db):
    bid = add(client, csrf)["id"]
    day = (datetime.now(timezone.utc).date() - timedelta(days=3)).isoformat()
    session = read(client, csrf, bid, pages=5, date=day)
    assert session["date"] == day
    assert [d.isoformat() for _, d, _ in events(db, "reading.logged")] == [day]


def test_an_hour_of_reading_completes_the_seeded_weekly_quest(client, csrf, database_url):
    engine = sqlalchemy.create_engine(database_url)
    with engine.begin() as connection:
        apply_seed(connection, {"universal_quests": load_seed_data()["universal_quests"]})
    engine.dispose()
    bid = add(client, csrf)["id"]
    assert read(client, csrf, bid, minutes=45, pages=10)["earned"]["points"] == 0
    earned = read(client, csrf, bid, minutes=15, pages=5)["earned"]
    assert (earned["points"], earned["xp"], len(earned["quests"])) == (15, 30, 1)
    assert client.get("/api/v1/gamification/summary").json["balance"] == 15


def test_a_retried_session_with_the_same_idempotency_key_is_logged_once(client, csrf, db):
    bid = add(client, csrf, total_pages=300)["id"]
    key = {"Idempotency-Key": "read-1"}
    first = send(client, csrf, "POST", f"/books/{bid}/reading-sessions", {"minutes": 20, "pages": 12}, **key)
    again = send(client, csrf, "POST", f"/books/{bid}/reading-sessions", {"minutes": 20, "pages": 12}, **key)
    assert first.status_code == again.status_code == 201
    assert again.json == first.json and again.headers.get("Idempotent-Replayed") == "true"
    assert client.get(f"/api/v1/books/{bid}").json["current_page"] == 12
    assert len(client.get(f"/api/v1/books/{bid}/reading-sessions").json["items"]) == 1
    other = send(client, csrf, "POST", f"/books/{bid}/reading-sessions", {"minutes": 5, "pages": 1}, **key)
    assert other.status_code == 409


@pytest.mark.parametrize("body, field", [
    ({}, "title"), ({"title": ""}, "title"), ({"title": "x" * 201}, "title"), ({"title": ["Dune"]}, "title"),
    ({"title": "D", "author": ""}, "author"), ({"title": "D", "notes": "x" * 20_001}, "notes"),
    ({"title": "D", "total_pages": 0}, "total_pages"), ({"title": "D", "total_pages": 100_001}, "total_pages"),
    ({"title": "D", "total_pages": 10**40}, "total_pages"), ({"title": "D", "total_pages": "300"}, "total_pages"),
    ({"title": "D", "rating": 0}, "rating"), ({"title": "D", "rating": 6}, "rating"),
    ({"title": "D", "rating": 4.5}, "rating"), ({"title": "D", "status": "lost"}, "status"),
    ({"title": "D", "started_on": "2026-02-30"}, "started_on"), ({"title": "D", "finished_on": ""}, "finished_on"),
    ({"title": "D", "started_on": "2026-03-02", "finished_on": "2026-03-01"}, "finished_on"),
    ({"title": "D", "total_pages": 10, "current_page": 11}, "current_page"), ({"title": "D", "isbn": "1"}, "isbn"),
])
def test_invalid_books_are_400_with_the_field_named(client, csrf, body, field):
    reply = send(client, csrf, "POST", "/books", body)
    assert reply.status_code == 400 and reply.json["code"] == "validation_error", reply.json
    assert field in reply.json["details"]


def test_dates_of_year_one_and_9999_are_accepted(client, csrf):
    book = add(client, csrf, started_on="0001-01-01", finished_on="9999-12-31")
    assert (book["started_on"], book["finished_on"]) == ("0001-01-01", "9999-12-31")


@pytest.mark.parametrize("body, field", [
    ({"pages": 5}, "minutes"), ({"minutes": 1441}, "minutes"), ({"minutes": -1}, "minutes"),
    ({"minutes": "30"}, "minutes"), ({"minutes": True}, "minutes"), ({"minutes": 10, "pages": 100_001}, "pages"),
    ({"minutes": 10, "pages": 301}, "pages"), ({"minutes": 10, "pages": 5, "start_page": 1, "end_page": 6}, "pages"),
    ({"minutes": 10, "start_page": 5}, "end_page"), ({"minutes": 10, "start_page": 9, "end_page": 3}, "end_page"),
    ({"minutes": 10, "start_page": 0, "end_page": 301}, "end_page"), ({"minutes": 0, "pages": 0}, "minutes"),
    ({"minutes": 10, "date": "2026-02-30"}, "date"), ({"minutes": 10, "date": "0001-01-01"}, "date"),
    ({"minutes": 10, "date": "9999-12-31"}, "date"), ({"minutes": 10, "date": 20260101}, "date"),
    ({"minutes": 10, "notes": "a\x00"}, "notes"), ({"minutes": 10, "pages_read": 3}, "pages_read"),
])
def test_invalid_reading_sessions_are_400_and_change_nothing(client, csrf, body, field):
    bid = add(client, csrf, total_pages=300)["id"]
    reply = send(client, csrf, "POST", f"/books/{bid}/reading-sessions", body)
    assert reply.status_code == 400 and field in reply.json["details"], reply.json
    assert client.get(f"/api/v1/books/{bid}").json["current_page"] == 0


def test_a_strangers_book_and_its_sessions_are_404_and_stay_unchanged(dev_app):
    ada, bob = dev_app.test_client(), dev_app.test_client()
    ada_csrf, bob_csrf = dev_login(ada, "ada@example.com"), dev_login(bob, "bob@example.com")
    bid = add(ada, ada_csrf, total_pages=100)["id"]
    read(ada, ada_csrf, bid, pages=10)
    before = ada.get(f"/api/v1/books/{bid}").json
    attempts = [("GET", f"/books/{bid}", None), ("PATCH", f"/books/{bid}", {"title": "Mine"}),
                ("DELETE", f"/books/{bid}", None), ("GET", f"/books/{bid}/reading-sessions", None),
                ("POST", f"/books/{bid}/reading-sessions", {"minutes": 5, "pages": 5})]
    for method, path, body in attempts:
        reply = send(bob, bob_csrf, method, path, body)
        assert reply.status_code == 404 and reply.json["code"] == "not_found", (method, path)
    assert ada.get(f"/api/v1/books/{bid}").json == before
    assert len(ada.get(f"/api/v1/books/{bid}/reading-sessions").json["items"]) == 1
    assert bob.get("/api/v1/books").json == {"items": [], "next_cursor": None}


def test_book_pages_neither_repeat_nor_skip_when_books_are_added_meanwhile(client, csrf):
    made = [add(client, csrf, title=f"b{n}")["id"] for n in range(5)]
    first = client.get("/api/v1/books?limit=2").json
    assert [b["id"] for b in first["items"]] == made[:-3:-1]
    add(client, csrf, title="newer")
    second = client.get(f"/api/v1/books?limit=2&cursor={first['next_cursor']}").json
    third = client.get(f"/api/v1/books?limit=2&cursor={second['next_cursor']}").json
    assert [b["id"] for b in second["items"] + third["items"]] == made[2::-1] and third["next_cursor"] is None


def test_session_pages_neither_repeat_nor_skip_when_sessions_are_added_meanwhile(client, csrf):
    bid = add(client, csrf)["id"]
    made = [read(client, csrf, bid, pages=n + 1)["id"] for n in range(5)]
    first = client.get(f"/api/v1/books/{bid}/reading-sessions?limit=2").json
    assert [s["id"] for s in first["items"]] == made[:-3:-1]
    read(client, csrf, bid, pages=9)
    second = client.get(f"/api/v1/books/{bid}/reading-sessions?limit=2&cursor={first['next_cursor']}").json
    third = client.get(f"/api/v1/books/{bid}/reading-sessions?limit=2&cursor={second['next_cursor']}").json
    assert [s["id"] for s in second["items"] + third["items"]] == made[2::-1] and third["next_cursor"] is None
    assert set(first["items"][0]) == {"id", "book_id", "date", "started_at", "minutes", "pages_read", "start_page",
                                      "end_page", "notes", "created_at"}


def test_the_list_filters_by_status_and_bad_queries_are_400(client, csrf):
    add(client, csrf, title="shelf")
    reading = add(client, csrf, title="open", status="reading")
    assert [b["id"] for b in client.get("/api/v1/books?status=reading").json["items"]] == [reading["id"]]
    for query in ("limit=0", "limit=201", "cursor=x", "status=lost", "q=dune"):
        assert client.get(f"/api/v1/books?{query}").status_code == 400, query
    bid = reading["id"]
    assert client.get(f"/api/v1/books/{bid}/reading-sessions?limit=500").status_code == 400
    assert client.get("/api/v1/books/nope/reading-sessions").status_code == 404
