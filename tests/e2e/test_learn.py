"""/api/v1/learn over HTTP on real Postgres with the seeded content: the dashboard, topics,
lessons, completing once (reward, event, quest), unpublished content, retries."""
from __future__ import annotations

from uuid import uuid4

import psycopg
import pytest
import sqlalchemy as sa

from adapters.postgres.seed import apply_seed
from ignition.seed import load_seed_data
from tests.e2e.conftest import dev_login


@pytest.fixture
def seeded(database_url):
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        apply_seed(connection, load_seed_data())
    engine.dispose()


@pytest.fixture
def db(database_url, seeded):
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as connection:
        yield connection


@pytest.fixture
def csrf(client, seeded):
    return dev_login(client)


def complete(client, csrf, lesson_id, **headers):
    return client.post(f"/api/v1/learn/lessons/{lesson_id}/complete", headers={"X-CSRF-Token": csrf, **headers})


def lesson_id(db, key):
    return str(db.execute("SELECT id FROM learn_lessons WHERE key = %s", (key,)).fetchone()[0])


def money(db, email="ada@example.com"):
    return db.execute("SELECT coalesce(w.balance, 0), coalesce(w.xp, 0), (SELECT count(*) FROM points_ledger l "
                      "WHERE l.user_id = u.id) FROM users u LEFT JOIN user_wallet w ON w.user_id = u.id "
                      "WHERE u.email = %s", (email,)).fetchone()


def test_a_new_learner_sees_every_published_topic_and_the_first_lesson_next(client, csrf, db):
    board = client.get("/api/v1/learn").json
    assert [t["title"] for t in board["topics"]] == ["Focus that lasts", "Habits that stick", "Plans you keep"]
    first = board["topics"][0]
    assert set(first) == {"id", "title", "description", "icon", "position", "lessons_total", "lessons_done",
                          "progress"}
    assert (first["icon"], first["lessons_total"], first["lessons_done"], first["progress"]) == ("target", 4, 0, 0)
    assert board["next_lesson"]["id"] == lesson_id(db, "focus.single_tasking")
    assert board["next_lesson"]["topic_id"] == first["id"] and board["next_lesson"]["completed"] is False
    assert board["percent_done"] == 0


def test_a_topic_lists_its_lessons_in_order_with_completion(client, csrf, db):
    board = client.get("/api/v1/learn").json
    topic = client.get(f"/api/v1/learn/topics/{board['topics'][0]['id']}").json
    assert [lesson["title"] for lesson in topic["lessons"]] == [
        "One thing at a time", "Timeboxing", "Taming distractions", "Rest is productive"]
    assert set(topic["lessons"][0]) == {"id", "topic_id", "title", "summary", "position", "duration_minutes",
                                        "reward_points", "reward_xp", "completed", "completed_at"}
    assert topic["lessons_total"] == 4 and "content" not in topic["lessons"][0]


def test_a_lesson_reads_with_its_content(client, csrf, db):
    lesson = client.get(f"/api/v1/learn/lessons/{lesson_id(db, 'focus.timeboxing')}").json
    assert lesson["title"] == "Timeboxing" and lesson["content"].startswith("Decide how long")
    assert (lesson["reward_points"], lesson["reward_xp"], lesson["completed"], lesson["completed_at"]) == \
        (2, 10, False, None)


def test_completing_a_lesson_rewards_once_records_once_and_moves_progress(client, csrf, db):
    lid = lesson_id(db, "focus.single_tasking")
    done = complete(client, csrf, lid)
    assert done.status_code == 200, done.json
    assert done.json["completed"] is True and done.json["completed_at"] and done.json["content"]
    assert done.json["earned"]["points"] >= 2 and done.json["earned"]["xp"] >= 10
    balance, xp, rows = money(db)
    again = complete(client, csrf, lid)
    assert again.status_code == 200 and again.json["completed_at"] == done.json["completed_at"]
    assert again.json["earned"] == {"points": 0, "xp": 0, "achievements": [], "quests": []}
    assert money(db) == (balance, xp, rows)
    events = db.execute("SELECT data->'metrics' FROM activity_events WHERE event_type = 'learn.lesson_completed'"
                        ).fetchall()
    assert events == [({"lessons_completed": 1},)]
    assert db.execute("SELECT count(*) FROM points_ledger WHERE source_type = 'lesson' AND source_id = %s",
                      (lid,)).fetchone() == (1,)
    board = client.get("/api/v1/learn").json
    assert board["next_lesson"]["id"] == lesson_id(db, "focus.timeboxing")
    assert (board["topics"][0]["lessons_done"], board["topics"][0]["progress"], board["percent_done"]) == (1, 25, 10)
    assert client.get(f"/api/v1/learn/lessons/{lid}").json["completed"] is True


def test_the_first_lesson_of_the_week_completes_the_seeded_weekly_quest(client, csrf, db):
    done = complete(client, csrf, lesson_id(db, "habits.tiny")).json
    assert len(done["earned"]["quests"]) == 1 and (done["earned"]["points"], done["earned"]["xp"]) == (12, 30)
    assert money(db)[:2] == (12, 30)


def test_a_retried_complete_with_the_same_key_replays_the_answer(client, csrf, db):
    lid = lesson_id(db, "focus.recovery")
    first = complete(client, csrf, lid, **{"Idempotency-Key": "lesson-1"})
    again = complete(client, csrf, lid, **{"Idempotency-Key": "lesson-1"})
    assert first.status_code == again.status_code == 200 and again.json == first.json
    assert again.headers.get("Idempotent-Replayed") == "true"


def test_progress_is_per_user(dev_app, seeded, db):
    ada, bob = dev_app.test_client(), dev_app.test_client()
    ada_csrf, bob_csrf = dev_login(ada, "ada@example.com"), dev_login(bob, "bob@example.com")
    lid = lesson_id(db, "focus.single_tasking")
    complete(ada, ada_csrf, lid)
    assert bob.get(f"/api/v1/learn/lessons/{lid}").json["completed"] is False
    assert bob.get("/api/v1/learn").json["percent_done"] == 0
    assert complete(bob, bob_csrf, lid).json["earned"]["points"] >= 2


def test_unpublished_topics_and_lessons_are_404_and_leave_the_dashboard(client, csrf, db):
    lid = lesson_id(db, "focus.timeboxing")
    db.execute("UPDATE learn_lessons SET published = false WHERE key = 'focus.timeboxing'")
    db.execute("UPDATE learn_topics SET published = false WHERE key = 'planning'")
    hidden_topic = str(db.execute("SELECT id FROM learn_topics WHERE key = 'planning'").fetchone()[0])
    in_hidden_topic = str(db.execute("SELECT id FROM learn_lessons WHERE topic_id = %s LIMIT 1",
                                     (hidden_topic,)).fetchone()[0])
    for path in (f"/lessons/{lid}", f"/topics/{hidden_topic}", f"/lessons/{in_hidden_topic}"):
        reply = client.get(f"/api/v1/learn{path}")
        assert (reply.status_code, reply.json["code"]) == (404, "not_found"), path
    for target in (lid, in_hidden_topic):
        assert complete(client, csrf, target).status_code == 404
    board = client.get("/api/v1/learn").json
    assert [t["title"] for t in board["topics"]] == ["Focus that lasts", "Habits that stick"]
    assert board["topics"][0]["lessons_total"] == 3
    assert db.execute("SELECT count(*) FROM user_lesson_progress").fetchone() == (0,)


def test_unknown_and_malformed_ids_are_404(client, csrf):
    for path in (f"/topics/{uuid4()}", f"/lessons/{uuid4()}", "/topics/focus", "/lessons/1"):
        assert client.get(f"/api/v1/learn{path}").status_code == 404, path
    assert complete(client, csrf, uuid4()).status_code == 404
    assert complete(client, csrf, "not-a-uuid").status_code == 404


def test_without_content_the_dashboard_is_empty(client, database_url):
    dev_login(client)
    assert client.get("/api/v1/learn").json == {"topics": [], "next_lesson": None, "percent_done": 0}


def test_unknown_query_parameters_and_a_bad_idempotency_key_are_400(client, csrf, db):
    assert client.get("/api/v1/learn?x=1").status_code == 400
    reply = complete(client, csrf, lesson_id(db, "focus.timeboxing"), **{"Idempotency-Key": "é" * 3})
    assert reply.status_code == 400


def test_the_learn_routes_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"/api/v1/learn", "/api/v1/learn/topics/{topic_id}", "/api/v1/learn/lessons/{lesson_id}",
            "/api/v1/learn/lessons/{lesson_id}/complete"} <= set(paths)
