"""GET /me/export streams everything I own; DELETE /me removes all of it — and nobody else's."""
from __future__ import annotations

import io
import json
import struct

import pytest
import sqlalchemy as sa

from adapters.postgres.schema import metadata
from adapters.postgres.seed import apply_seed
from ignition.seed import load_seed_data
from tests.e2e.conftest import dev_login, sql

OWNED = sorted(t.name for t in metadata.sorted_tables if "user_id" in t.c)


def wav(seconds: float = 0.1) -> bytes:
    frames = int(8000 * seconds)
    header = b"RIFF" + struct.pack("<I", 36 + frames) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 8000, 1, 8)
    return header + b"data" + struct.pack("<I", frames) + b"\x80" * frames


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class Person:
    def __init__(self, app, email):
        self.client = app.test_client()
        self.csrf = dev_login(self.client, email)
        self.id = self.client.get("/api/v1/me").json["id"]

    def post(self, path, body=None, **kwargs):
        reply = self.client.post(path, json=body, headers={"X-CSRF-Token": self.csrf}, **kwargs) if body is not None \
            else self.client.post(path, headers={"X-CSRF-Token": self.csrf}, **kwargs)
        assert reply.status_code in (200, 201), (path, reply.status_code, reply.get_json())
        return reply.get_json()

    def put(self, path, body):
        reply = self.client.put(path, json=body, headers={"X-CSRF-Token": self.csrf})
        assert reply.status_code in (200, 201), (path, reply.status_code, reply.get_json())
        return reply.get_json()


def fill(person: Person, database_url: str) -> None:
    """Rows in as many tables as the API reaches: every area, files included."""
    sql(database_url, "INSERT INTO user_wallet (user_id, balance) VALUES (%s, 50)", person.id)
    sql(database_url, "INSERT INTO points_ledger (user_id, delta, balance_after, reason, source_type, source_id)"
                      " VALUES (%s, 50, 50, 'seed', 'test', 'fill')", person.id)
    p = person
    focus = p.post("/api/v1/focus", {"mode": "focus", "duration": 1500})
    p.post(f"/api/v1/focus/{focus['id']}/pause", {})
    p.post("/api/v1/quests", {"title": "Read", "target": 3})
    item = p.post("/api/v1/market/items", {"name": "Cake", "cost": 5})
    p.post("/api/v1/market/purchases", {"item_id": item["id"]})
    p.post("/api/v1/ideas", {"title": "Idea", "tags": ["x"]})
    p.post("/api/v1/infobase", {"title": "Note", "content": "text"})
    goal = p.post("/api/v1/goals", {"title": "Goal"})
    p.post(f"/api/v1/goals/{goal['id']}/milestones", {"title": "Step"})
    book = p.post("/api/v1/books", {"title": "Book", "total_pages": 100})
    p.post(f"/api/v1/books/{book['id']}/reading-sessions", {"minutes": 10, "pages": 5})
    habit = p.post("/api/v1/habits", {"title": "Walk", "frequency": "daily"})
    p.post(f"/api/v1/habits/{habit['id']}/logs", {})
    p.post("/api/v1/calendar/events", {"title": "Meet", "starts_at": "2026-03-02T09:00:00+00:00",
                                       "ends_at": "2026-03-02T10:00:00+00:00", "recurrence_rule": "FREQ=WEEKLY"})
    p.put("/api/v1/daily-plan/2026-03-02", {"items": [{"title": "Plan"}]})
    p.post("/api/v1/feedback", {"kind": "idea", "message": "More!"})
    exercise = p.post("/api/v1/exercises", {"name": f"Press {p.id[:6]}"})
    p.post("/api/v1/workouts", {"name": "Day A", "exercises": [{"exercise_id": exercise["id"]}]})
    p.post("/api/v1/workout-sessions", {"started_at": "2026-03-02T09:00:00+00:00",
                                        "sets": [{"exercise_id": exercise["id"], "reps": 5, "weight_kg": 50}]})
    p.post("/api/v1/programs", {"name": "Plan", "weeks": [{"week_number": 1, "days": []}]})
    p.post("/api/v1/onboarding/steps/set_profile/complete", {})
    lesson = sql(database_url, "SELECT id FROM learn_lessons ORDER BY position, id LIMIT 1")[0][0]
    p.post(f"/api/v1/learn/lessons/{lesson}/complete", {})
    p.post("/api/v1/blobs", data={"category": "image", "file": (io.BytesIO(PNG), "pic.png")},
           content_type="multipart/form-data")
    track = p.post("/api/v1/tracks", data={"title": "Loop", "file": (io.BytesIO(wav()), "loop.wav")},
                   content_type="multipart/form-data")
    p.put(f"/api/v1/tracks/{track['id']}/analysis", {"bpm": 120, "duration_seconds": 0.1, "waveform": [0.5],
                                                     "analyzer_version": "t1"})


def counts(database_url: str, user_id: str) -> dict[str, int]:
    found = {}
    for table in OWNED:
        found[table] = sql(database_url, f"SELECT count(*) FROM {table} WHERE user_id = %s", user_id)[0][0]
    found["users"] = sql(database_url, "SELECT count(*) FROM users WHERE id = %s", user_id)[0][0]
    return found


@pytest.fixture
def app(make_app, database_url):
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        apply_seed(connection, load_seed_data())
    engine.dispose()
    return make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0")


def test_the_export_holds_every_row_i_own_and_nothing_of_anyone_else(app, database_url):
    me, other = Person(app, "me@example.com"), Person(app, "other@example.com")
    fill(me, database_url)
    fill(other, database_url)
    reply = me.client.get("/api/v1/me/export")
    assert reply.status_code == 200 and reply.is_streamed
    assert reply.headers["Content-Disposition"].startswith('attachment; filename="ignition-export-')
    document = json.loads(reply.get_data())
    mine = counts(database_url, me.id)
    for table, rows in document["tables"].items():
        assert len(rows) == mine.get(table, 0), table
        owner = "id" if table == "users" else "user_id"
        assert {row[owner] for row in rows} <= {me.id}, table
    assert {t for t, n in mine.items() if n} <= set(document["tables"])
    assert all("token_hash" not in row for row in document["tables"]["sessions"])
    assert len(document["tables"]["blobs"]) == 1 and document["tables"]["blobs"][0]["content_type"] == "image/png"


def test_deleting_my_account_removes_every_row_and_file_of_mine_and_none_of_others(app, database_url, tmp_path):
    me, other = Person(app, "me@example.com"), Person(app, "other@example.com")
    fill(me, database_url)
    fill(other, database_url)
    before_mine, before_other = counts(database_url, me.id), counts(database_url, other.id)
    assert sum(1 for n in before_mine.values() if n) >= 30  # the fill reached most tables
    blob_root = tmp_path / "blobs"
    assert any((blob_root / me.id).rglob("*")) and any((blob_root / other.id).rglob("*"))
    refused = me.client.delete("/api/v1/me", json={"confirm": "yes"}, headers={"X-CSRF-Token": me.csrf})
    assert refused.status_code == 400 and "confirm" in refused.json["details"]
    reply = me.client.delete("/api/v1/me", json={"confirm": "DELETE"}, headers={"X-CSRF-Token": me.csrf})
    assert reply.status_code == 204
    assert all(n == 0 for n in counts(database_url, me.id).values())
    assert counts(database_url, other.id) == before_other
    assert not any(p.is_file() for p in (blob_root / me.id).rglob("*"))
    assert any(p.is_file() for p in (blob_root / other.id).rglob("*"))
    assert me.client.get("/api/v1/me").status_code == 401
    assert other.client.get("/api/v1/me").status_code == 200
