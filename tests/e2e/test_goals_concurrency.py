"""Real parallel HTTP requests on real Postgres: milestones added at once keep dense, distinct
positions, and a goal completed by many requests at once counts once."""
from __future__ import annotations

import psycopg

from tests.support.parallel_http import signed_in, together

PARALLEL = 10


def test_milestones_added_at_once_get_distinct_dense_positions(server):
    http = signed_in(server, "planner@example.com")
    gid = http.post(f"{server}/api/v1/goals", json={"title": "Plan"}, timeout=10).json()["id"]
    replies = together([lambda: http.post(f"{server}/api/v1/goals/{gid}/milestones",
                                          json={"title": "step", "position": 0}, timeout=30)] * PARALLEL)
    assert [r.status_code for r in replies] == [201] * PARALLEL, [r.text for r in replies]
    positions = [m["position"] for m in http.get(f"{server}/api/v1/goals/{gid}", timeout=10).json()["milestones"]]
    assert positions == list(range(PARALLEL))


def test_a_goal_completed_by_many_requests_at_once_counts_once(server, database_url):
    http = signed_in(server, "finisher@example.com")
    gid = http.post(f"{server}/api/v1/goals", json={"title": "Done"}, timeout=10).json()["id"]
    replies = together([lambda: http.patch(f"{server}/api/v1/goals/{gid}",
                                           json={"status": "completed"}, timeout=30)] * PARALLEL)
    assert [r.status_code for r in replies] == [200] * PARALLEL, [r.text for r in replies]
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as db:
        count = db.execute("SELECT count(*) FROM activity_events WHERE event_type = 'goal.completed' "
                           "AND subject_id = %s", (gid,)).fetchone()[0]
    assert count == 1
