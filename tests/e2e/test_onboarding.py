"""Onboarding over HTTP on real Postgres with the seeded welcome flow."""
from __future__ import annotations

import psycopg
import pytest
import sqlalchemy

from adapters.postgres.seed import apply_seed
from domain.onboarding import FINISH_BONUS_POINTS, FINISH_BONUS_XP
from ignition.seed import load_seed_data
from tests.e2e.conftest import dev_login

REQUIRED = ("set_profile", "first_focus_session", "first_habit")
ALL_STEPS = ("set_profile", "first_focus_session", "first_habit", "plan_your_day", "visit_market")


def seed(database_url, *tables):
    data = load_seed_data()
    engine = sqlalchemy.create_engine(database_url)
    with engine.begin() as connection:
        apply_seed(connection, {t: data[t] for t in tables})
    engine.dispose()


@pytest.fixture
def seeded(database_url):
    seed(database_url, "onboarding_flows", "onboarding_steps")


@pytest.fixture
def db(database_url):
    url = database_url.replace("+psycopg", "")

    def one(query, *params):
        with psycopg.connect(url) as connection:
            return connection.execute(query, params).fetchone()
    return one


class Caller:
    def __init__(self, client, email):
        self.client, self.csrf = client, dev_login(client, email, email.split("@")[0])
        self.id = client.get("/api/v1/me").json["id"]

    def get(self):
        return self.client.get("/api/v1/onboarding")

    def post(self, path, **headers):
        return self.client.post(f"/api/v1/onboarding{path}", headers={"X-CSRF-Token": self.csrf, **headers})

    def complete(self, key, **headers):
        return self.post(f"/steps/{key}/complete", **headers)


@pytest.fixture
def ada(dev_app):
    return Caller(dev_app.test_client(), "ada@example.com")


def earned(db, user_id):
    """(balance, xp, ledger rows, activity events) of a user."""
    return db("SELECT coalesce((SELECT balance FROM user_wallet WHERE user_id = %s), 0), "
              "coalesce((SELECT xp FROM user_wallet WHERE user_id = %s), 0), "
              "(SELECT count(*) FROM points_ledger WHERE user_id = %s), "
              "(SELECT count(*) FROM activity_events WHERE user_id = %s)", user_id, user_id, user_id, user_id)


def test_without_a_flow_onboarding_is_404(ada):
    assert (ada.get().status_code, ada.get().json["code"]) == (404, "not_found")
    assert ada.complete("set_profile").status_code == 404


def test_a_first_read_shows_the_seeded_flow_and_writes_nothing(ada, seeded, db):
    body = ada.get().json
    assert set(body) == {"flow", "status", "steps", "completed_steps", "next_step", "completed_at", "skipped_at"}
    assert body["flow"]["key"] == "welcome" and body["flow"]["title"] == "Welcome to Ignition"
    assert (body["status"], body["completed_steps"], body["next_step"]) == ("in_progress", [], "set_profile")
    assert (body["completed_at"], body["skipped_at"]) == (None, None)
    assert [s["key"] for s in body["steps"]] == list(ALL_STEPS)
    assert body["steps"][1] == {"key": "first_focus_session", "title": "Start your first focus session",
                                "body": body["steps"][1]["body"], "action": "/focus", "optional": False,
                                "completed": False, "reward_points": 5, "reward_xp": 10}
    assert db("SELECT count(*) FROM user_onboarding_state") == (0,)


def test_completing_a_step_awards_it_once(ada, seeded, db):
    reply = ada.complete("first_focus_session")
    assert reply.status_code == 200
    assert (reply.json["completed_steps"], reply.json["next_step"]) == (["first_focus_session"], "set_profile")
    assert reply.json["steps"][1]["completed"] is True
    assert earned(db, ada.id) == (5, 10, 1, 1)
    assert db("SELECT event_type, subject_id FROM activity_events WHERE user_id = %s", ada.id) == \
        ("onboarding.step_completed", "first_focus_session")
    again = ada.complete("first_focus_session")
    assert again.status_code == 200 and again.json == reply.json
    assert earned(db, ada.id) == (5, 10, 1, 1)


def test_an_unknown_step_is_404(ada, seeded, db):
    reply = ada.complete("no_such_step")
    assert (reply.status_code, reply.json["code"]) == (404, "not_found")
    assert db("SELECT count(*) FROM user_onboarding_state") == (0,)


def test_the_required_steps_complete_the_flow_with_the_bonus_and_the_once_quest(ada, database_url, db):
    seed(database_url, "onboarding_flows", "onboarding_steps", "universal_quests")
    for key in REQUIRED:
        body = ada.complete(key).json
    assert (body["status"], body["next_step"]) == ("completed", None) and body["completed_at"]
    step_points, step_xp = 0 + 5 + 5, 5 + 10 + 10
    once_points, once_xp = 20, 25  # the seeded "All set up" quest counts onboarding_completed
    assert earned(db, ada.id)[:3] == (step_points + FINISH_BONUS_POINTS + once_points,
                                      step_xp + FINISH_BONUS_XP + once_xp, 5)
    assert db("SELECT source_id FROM points_ledger WHERE user_id = %s AND source_type = 'onboarding'",
              ada.id) == (db("SELECT id::text FROM onboarding_flows WHERE key = 'welcome'")[0],)
    quests = ada.client.get("/api/v1/quests").json["items"]
    assert next(q for q in quests if q["title"] == "All set up")["completed"] is True


def test_skip_awards_nothing_and_a_completed_flow_cannot_be_skipped(ada, seeded, db, dev_app):
    reply = ada.post("/skip")
    assert reply.status_code == 200 and reply.json["status"] == "skipped" and reply.json["skipped_at"]
    assert earned(db, ada.id) == (0, 0, 0, 0) and ada.get().json["status"] == "skipped"
    grace = Caller(dev_app.test_client(), "grace@example.com")
    for key in REQUIRED:
        grace.complete(key)
    refused = grace.post("/skip")
    assert (refused.status_code, refused.json["code"]) == (409, "conflict")


def test_reset_starts_over_and_doing_it_all_again_earns_nothing_new(ada, seeded, db):
    for key in ALL_STEPS:
        ada.complete(key)
    before = earned(db, ada.id)
    reply = ada.post("/reset")
    assert reply.status_code == 200
    assert (reply.json["status"], reply.json["completed_steps"], reply.json["completed_at"]) == ("in_progress", [],
                                                                                                 None)
    assert earned(db, ada.id) == before
    for key in ALL_STEPS:
        body = ada.complete(key).json
    assert body["status"] == "completed" and earned(db, ada.id) == before


def test_the_same_idempotency_key_twice_completes_once_and_replays_the_answer(ada, seeded, db):
    first = ada.complete("first_habit", **{"Idempotency-Key": "step-1"})
    second = ada.complete("first_habit", **{"Idempotency-Key": "step-1"})
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json == first.json and second.headers["Idempotent-Replayed"] == "true"
    assert earned(db, ada.id) == (5, 10, 1, 1)


def test_onboarding_needs_a_session_and_csrf(dev_app, seeded):
    anonymous = dev_app.test_client()
    assert anonymous.get("/api/v1/onboarding").status_code == 401
    client = dev_app.test_client()
    dev_login(client)
    assert client.post("/api/v1/onboarding/skip").status_code == 403
