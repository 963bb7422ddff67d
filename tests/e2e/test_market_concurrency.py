"""Concurrent purchases over real HTTP can never overdraw: the wallet row lock queues them.

A real threaded server on 127.0.0.1 and real Postgres; 20 requests released together by a
barrier race for one wallet of 100 points, each buying a 30-point item.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from uuid import UUID, uuid4

import psycopg
import pytest
import requests

from adapters.postgres.engine import make_engine
from adapters.postgres.unit_of_work import PgUnitOfWork
from domain.wallet import Source
from ports.inbound import rewards
from tests.support.parallel_http import serving

WORKERS, BALANCE, COST = 20, 100, 30
TIMEOUT_S = 30


@pytest.fixture
def base_url(make_app):
    with serving(make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", DB_POOL_SIZE="24",
                          DB_POOL_TIMEOUT_S="10")) as base:
        yield base


def grant(database_url: str, user_id: UUID, points: int) -> None:
    engine = make_engine(database_url)
    try:
        uow = PgUnitOfWork(engine)
        with uow:
            rewards.post(uow, user_id, points=points, xp=0, reason="Test grant", source=Source("test", str(uuid4())),
                         now=datetime.now(timezone.utc))
            uow.commit()
    finally:
        engine.dispose()


def test_twenty_parallel_purchases_of_a_30_point_item_with_100_points_succeed_exactly_three_times(
        base_url, database_url):
    login = requests.Session()
    reply = login.post(f"{base_url}/auth/dev/login", json={"email": "racer@example.com"}, timeout=TIMEOUT_S)
    assert reply.status_code == 200, reply.text
    csrf, user_id = reply.headers["X-CSRF-Token"], UUID(reply.json()["user"]["id"])
    grant(database_url, user_id, BALANCE)
    dsn = database_url.replace("+psycopg", "")
    with psycopg.connect(dsn) as connection:
        item_id = str(connection.execute("INSERT INTO market_items (name, cost) VALUES ('Movie night', %s) "
                                         "RETURNING id", (COST,)).fetchone()[0])

    sessions = []
    for _ in range(WORKERS):  # one HTTP connection per worker, all in the same login session
        session = requests.Session()
        session.cookies.update(login.cookies)
        session.headers["X-CSRF-Token"] = csrf
        sessions.append(session)
    barrier = threading.Barrier(WORKERS, timeout=TIMEOUT_S)

    def buy(session: requests.Session) -> tuple[int, dict]:
        barrier.wait()
        answer = session.post(f"{base_url}/api/v1/market/purchases", json={"item_id": item_id}, timeout=TIMEOUT_S)
        return answer.status_code, answer.json()

    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(buy, sessions, timeout=2 * TIMEOUT_S))

    statuses = sorted(status for status, _ in results)
    assert statuses == [201] * 3 + [409] * 17, results
    assert all(body["code"] == "insufficient_funds" for status, body in results if status == 409)
    bought = {body["id"] for status, body in results if status == 201}
    with psycopg.connect(dsn) as connection:
        balance, ledger_sum = connection.execute(
            "SELECT (SELECT balance FROM user_wallet WHERE user_id = %s), "
            "(SELECT sum(delta) FROM points_ledger WHERE user_id = %s)", (user_id, user_id)).fetchone()
        purchases = {str(r[0]) for r in connection.execute(
            "SELECT id FROM user_purchases WHERE user_id = %s", (user_id,))}
        debits = sorted(r[0] for r in connection.execute(
            "SELECT balance_after FROM points_ledger WHERE user_id = %s AND source_type = 'purchase'", (user_id,)))
    assert (balance, ledger_sum) == (BALANCE - 3 * COST, BALANCE - 3 * COST) == (10, 10)
    assert purchases == bought and len(purchases) == 3
    assert debits == [10, 40, 70]
    for session in [login, *sessions]:
        session.close()
