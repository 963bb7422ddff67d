"""The people of the load benchmark: signed-in users with a history, so lists are not empty.

Sessions are inserted straight into the database (PERFORMANCE.md allows it; production has
no development login). Each user's history goes through the real use cases on a clock set in
the past: one 25-minute focus session a day for FOCUS_HISTORY days, each started and
completed, which also fills the wallet, the ledger and the activity feed, and unlocks the
seeded achievements and quests that focus time reaches.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests

from harness import csrf_token, sign_in_users

FOCUS_HISTORY = 20
FOCUS_SECONDS = 25 * 60


@dataclass(frozen=True)
class BenchUser:
    email: str
    token: str
    csrf: str


def give_history(database_url: str, users) -> None:
    """FOCUS_HISTORY completed focus sessions per user, one a day up to yesterday."""
    from adapters.memory.clock import FixedClock
    from adapters.postgres.engine import make_engine
    from adapters.postgres.unit_of_work import PgUnitOfWork
    from ports.inbound import focus

    engine = make_engine(database_url, pool_size=1, pool_timeout_s=5, statement_timeout_ms=10_000)
    first_day = datetime.now(timezone.utc).replace(hour=9, minute=0, second=0, microsecond=0)
    try:
        for user in users:
            for day in range(FOCUS_HISTORY, 0, -1):
                clock = FixedClock(first_day - timedelta(days=day))
                started = focus.start_focus_session(PgUnitOfWork(engine), clock, user=user, mode="focus",
                                                    duration=FOCUS_SECONDS)
                clock.advance(timedelta(seconds=FOCUS_SECONDS))
                focus.complete_focus_session(PgUnitOfWork(engine), clock, user=user, session_id=started.id)
    finally:
        engine.dispose()


def bench_users(base: str, database_url: str, count: int, client_ip: str) -> list[BenchUser]:
    """`count` users signed in, with their history and the CSRF token the service gives each."""
    signed = sign_in_users(database_url, [f"load{n:02d}@example.com" for n in range(count)])
    give_history(database_url, [user for user, _ in signed])
    with requests.Session() as http:
        return [BenchUser(user.email, token, csrf_token(http, base, token, {"CF-Connecting-IP": client_ip}))
                for user, token in signed]


def write_users_file(path: Path, users: list[BenchUser]) -> Path:
    """The file bench/wrk/common.lua reads: '<session token> <csrf token>' a line."""
    path.write_text("".join(f"{u.token} {u.csrf}\n" for u in users))
    path.chmod(0o600)
    return path
