"""Real parallel HTTP requests against a threaded server on real Postgres: ten completes of
one focus session give exactly one 200 and one ledger row."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import requests
from werkzeug.serving import make_server

PARALLEL = 10


@pytest.fixture
def server(make_app):
    app = make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", DB_POOL_SIZE="12")
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=10)
    httpd.server_close()


def signed_in(base: str, email: str) -> requests.Session:
    http = requests.Session()
    reply = http.post(f"{base}/auth/dev/login", json={"email": email}, timeout=10)
    assert reply.status_code == 200, reply.text
    http.headers["X-CSRF-Token"] = reply.headers["X-CSRF-Token"]
    return http


def fire_together(count: int, call) -> list:
    """Run `call` from `count` threads released at the same instant by a barrier."""
    barrier = threading.Barrier(count)

    def one(_):
        barrier.wait(timeout=10)
        return call()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def test_ten_concurrent_completes_give_one_200_and_one_ledger_row(server, database_url):
    http = signed_in(server, "racer@example.com")
    started = http.post(f"{server}/api/v1/focus", json={"mode": "focus", "duration": 3600}, timeout=10)
    assert started.status_code == 201, started.text
    sid = started.json()["id"]
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as db:
        db.execute("UPDATE focus_sessions SET started_at = started_at - interval '20 minutes' WHERE id = %s", (sid,))

        replies = fire_together(PARALLEL, lambda: http.post(f"{server}/api/v1/focus/{sid}/complete", timeout=30))

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
    replies = fire_together(PARALLEL, lambda: http.post(f"{server}/api/v1/focus",
                                                        json={"mode": "focus", "duration": 600}, timeout=30))
    assert sorted(r.status_code for r in replies) == [201] + [409] * (PARALLEL - 1), [r.text for r in replies]
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as db:
        assert db.execute("SELECT count(*) FROM focus_sessions WHERE status IN ('active', 'paused')").fetchone()[0] == 1
