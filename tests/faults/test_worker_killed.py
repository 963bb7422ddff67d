"""A gunicorn worker killed in the middle of a request's transaction leaves nothing of it behind."""
from __future__ import annotations

import os
import signal
import threading
import time

import psycopg
import pytest
import requests

from tests.faults.conftest import browser, production_env, psycopg_url, sign_in
from tests.support.servers import Instance, owner_of_local_port, stop, wait_until_up

BALANCE, XP = 7, 3
BLOCKED = """SELECT pid, client_port, backend_xid::text AS xid FROM pg_stat_activity
             WHERE datname = current_database() AND application_name = 'ignition'
               AND state = 'active' AND wait_event_type = 'Lock'"""


def poll(read, timeout_s: float, every_s: float = 0.02):
    """`read()` until it returns something truthy, for at most `timeout_s`; the last value."""
    deadline = time.monotonic() + timeout_s
    value = read()
    while not value and time.monotonic() < deadline:
        time.sleep(every_s)
        value = read()
    return value


@pytest.fixture
def service(database_url, tmp_path):
    token, user_id = sign_in(database_url)
    # One worker: once it is killed, only the one gunicorn spawns in its place can answer.
    instance = Instance(tmp_path, production_env(database_url, tmp_path), workers=1)
    try:
        yield instance, browser(instance.url, token), user_id
    finally:
        stop(instance.process)


@pytest.mark.slow
def test_a_worker_killed_while_its_transaction_waits_leaves_no_partial_write(service, database_url):
    """Completing a focus session first writes (the session's row becomes `completed`) and then
    locks the wallet row (rewards.post → SELECT … FOR UPDATE) to award the points. The test
    holds that wallet lock, so the request stops there with its write made but not committed;
    the worker serving it is found by the connection's client port and SIGKILLed. Once the lock
    is released, Postgres finds the client gone and rolls back: the session is still active,
    no ledger row, the balance unchanged, no event — and the service goes on answering."""
    instance, client, user_id = service
    started = client.post(instance.url + "/api/v1/focus", json={"mode": "focus", "duration": 600}, timeout=15)
    assert started.status_code == 201, started.text
    session_id = started.json()["id"]
    with psycopg.connect(psycopg_url(database_url), autocommit=True) as db:
        db.execute("UPDATE focus_sessions SET started_at = now() - interval '11 minutes' WHERE id = %s",
                   (session_id,))  # ten full focused minutes by the time it completes: 10 points
        db.execute("INSERT INTO user_wallet (user_id, balance, xp) VALUES (%s, %s, %s) ON CONFLICT (user_id) "
                   "DO UPDATE SET balance = EXCLUDED.balance, xp = EXCLUDED.xp", (user_id, BALANCE, XP))
        complete = instance.url + f"/api/v1/focus/{session_id}/complete"
        outcome: dict = {}

        def send() -> None:
            try:
                outcome["reply"] = client.post(complete, timeout=30)
            except requests.RequestException as error:
                outcome["error"] = error

        with psycopg.connect(psycopg_url(database_url)) as locker:
            locker.execute("SELECT balance FROM user_wallet WHERE user_id = %s FOR UPDATE", (user_id,))
            sender = threading.Thread(target=send, daemon=True)
            sender.start()
            blocked = poll(lambda: db.execute(BLOCKED).fetchall(), 4)  # well inside the 5 s statement timeout
            assert len(blocked) == 1, "the complete request never waited on the wallet lock"
            backend, client_port, xid = blocked[0]
            assert xid is not None, "the waiting transaction has written nothing yet (no transaction id)"
            worker = owner_of_local_port(client_port, instance.workers())
            assert worker is not None
            os.kill(worker, signal.SIGKILL)
            sender.join(timeout=30)
            assert "error" in outcome, f"the request was answered: {outcome.get('reply')}"
            locker.rollback()  # let the orphaned transaction run into its dead client
        gone = poll(lambda: not db.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s",
                                           (backend,)).fetchone(), 10)
        assert gone, "the killed worker's backend is still there"

        status, points = db.execute("SELECT status, points_awarded FROM focus_sessions WHERE id = %s",
                                    (session_id,)).fetchone()
        assert (status, points) == ("active", 0)
        assert db.execute("SELECT balance, xp FROM user_wallet WHERE user_id = %s", (user_id,)).fetchone() == (
            BALANCE, XP)
        assert db.execute("SELECT count(*) FROM points_ledger WHERE user_id = %s", (user_id,)).fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM activity_events WHERE user_id = %s AND event_type = 'focus.completed'",
                          (user_id,)).fetchone()[0] == 0

    replaced = poll(lambda: (lambda pids: len(pids) == 1 and worker not in pids)(instance.workers()), 30, 0.1)
    assert replaced, "gunicorn did not replace the killed worker"
    wait_until_up(instance.url + "/health/live", instance.process, instance.log)  # the new worker has booted
    assert client.get(instance.url + "/api/v1/focus/active", timeout=15).json()["session"]["status"] == "active"
    again = client.post(complete, timeout=15)
    assert again.status_code == 200 and again.json()["points_awarded"] == 10
