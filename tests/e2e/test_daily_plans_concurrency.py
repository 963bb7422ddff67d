"""Real parallel HTTP requests against a threaded server on real Postgres: ten PUTs that each
finish today's plan record its completion exactly once."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

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


def test_ten_concurrent_puts_that_finish_the_day_record_one_completion(server, database_url):
    http = requests.Session()
    reply = http.post(f"{server}/auth/dev/login", json={"email": "racer@example.com"}, timeout=10)
    http.headers["X-CSRF-Token"] = reply.headers["X-CSRF-Token"]
    day = datetime.now(timezone.utc).date().isoformat()  # dev-login users live in UTC
    barrier = threading.Barrier(PARALLEL)

    def finish(n):
        barrier.wait(timeout=10)
        body = {"items": [{"title": "Write", "done": True}, {"title": f"Run {n}", "done": True}]}
        return http.put(f"{server}/api/v1/daily-plan/{day}", json=body, timeout=30).status_code

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        statuses = list(pool.map(finish, range(PARALLEL)))
    assert statuses == [200] * PARALLEL
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as db:
        plans = db.execute("SELECT count(*) FROM daily_plans").fetchone()[0]
        done = db.execute("SELECT count(*) FROM activity_events WHERE event_type = 'daily_plan.completed'").fetchone()
    assert (plans, done[0]) == (1, 1)
