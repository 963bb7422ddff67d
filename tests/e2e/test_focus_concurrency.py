"""Real parallel HTTP requests against a threaded server on real Postgres: ten completes of
one focus session give exactly one 200 and one ledger row."""
from __future__ import annotations

import psycopg

from tests.support.parallel_http import signed_in, together

PARALLEL = 10


def test_ten_concurrent_completes_give_one_200_and_one_ledger_row(server, database_url):
    http = signed_in(server, "racer@example.com")
    started = http.post(f"{server}/api/v1/focus", json={"mode": "focus", "duration": 3600}, timeout=10)
    assert started.status_code == 201, started.text
    sid = started.json()["id"]
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as db:
        db.execute("UPDATE focus_sessions SET started_at = started_at - interval '20 minutes' WHERE id = %s", (sid,))

        replies = together([lambda: http.post(f"{server}/api/v1/focus/{sid}/complete", timeout=30)] * PARALLEL)

        statuses = sorted(r.status_code for r in replies)
        assert statuses == [200] + [409] * (PARALLEL - 1), [r.text for r in replies]
        assert all(r.json()["code"] == "conflict" for r in replies if r.status_code == 409)
        winner = next(r.json() for r in replies if r.status_code == 200)
        assert winner["points_awarded"] == 20
        user_id = db.execute("SELECT user_id FROM focus_sessions WHERE id = %s", (sid,)).fetchone()[0]
        rows = db.execute("SELECT count(*), sum(delta) FROM points_ledger WHERE source_type = 'focus' "
                          "AND source_id = %s", (sid,)).fetchone()
        assert rows == (1, 20)
        assert db.execute("SELECT balance, xp FROM user_wallet WHERE user_id = %s", (user_id,)).fetchone() == (20, 20)
        assert db.execute("SELECT count(*) FROM activity_events WHERE subject_id = %s AND event_type = "
                          "'focus.completed'", (sid,)).fetchone()[0] == 1


def test_concurrent_starts_leave_one_open_session(server, database_url):
    http = signed_in(server, "starter@example.com")
    replies = together([lambda: http.post(f"{server}/api/v1/focus",
                                          json={"mode": "focus", "duration": 600}, timeout=30)] * PARALLEL)
    assert sorted(r.status_code for r in replies) == [201] + [409] * (PARALLEL - 1), [r.text for r in replies]
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as db:
        assert db.execute("SELECT count(*) FROM focus_sessions WHERE status IN ('active', 'paused')").fetchone()[0] == 1
