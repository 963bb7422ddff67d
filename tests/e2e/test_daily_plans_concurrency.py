"""Real parallel HTTP requests against a threaded server on real Postgres: ten PUTs that each
finish today's plan record its completion exactly once."""
from __future__ import annotations

from datetime import datetime, timezone
from functools import partial

import psycopg

from tests.support.parallel_http import signed_in, together

PARALLEL = 10


def test_ten_concurrent_puts_that_finish_the_day_record_one_completion(server, database_url):
    http = signed_in(server, "racer@example.com")
    day = datetime.now(timezone.utc).date().isoformat()  # dev-login users live in UTC

    def finish(n):
        body = {"items": [{"title": "Write", "done": True}, {"title": f"Run {n}", "done": True}]}
        return http.put(f"{server}/api/v1/daily-plan/{day}", json=body, timeout=30).status_code

    statuses = together([partial(finish, n) for n in range(PARALLEL)])
    assert statuses == [200] * PARALLEL
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as db:
        plans = db.execute("SELECT count(*) FROM daily_plans").fetchone()[0]
        done = db.execute("SELECT count(*) FROM activity_events WHERE event_type = 'daily_plan.completed'").fetchone()
    assert (plans, done[0]) == (1, 1)
