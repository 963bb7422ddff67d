"""Fault tests: the service under gunicorn with production settings, and real faults done to it.

A user and a session are inserted straight into the database (production has no development
login); requests carry the session cookie, and the CSRF token `/auth/session` hands out.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from uuid import UUID

import pytest
import requests

from ignition.localpg import LocalCluster, free_port

SECRET = "faults-secret-" + "x" * 40


def production_env(database_url: str, folder: Path, **extra: str) -> dict[str, str]:
    """IGNITION_ENV=production with what it requires; rate limits off, as for load tests (DESIGN §2)."""
    return {"IGNITION_ENV": "production", "DATABASE_URL": database_url, "AUTH_SECRET": SECRET,
            "PUBLIC_URL": "http://127.0.0.1:8000", "BLOB_STORE": "filesystem", "BLOB_DIR": str(folder / "blobs"),
            "RATELIMIT_ENABLED": "0", "METRICS_TOKEN": "faults-metrics-token", **extra}


def sign_in(database_url: str, email: str = "fault@example.com") -> tuple[str, UUID]:
    """A user with a live session, written through the Postgres unit of work: (session token, user id)."""
    from adapters.postgres.engine import make_engine
    from adapters.postgres.unit_of_work import PgUnitOfWork
    from domain.sessions import Session
    from domain.users import User

    engine = make_engine(database_url, pool_size=1)
    try:
        now = datetime.now(timezone.utc)
        user = User.register(email=email, email_verified=True, name="Fault", now=now)
        session, token = Session.start(user.id, now, user_agent="faults", ip="127.0.0.1")
        with PgUnitOfWork(engine) as uow:
            uow.users.add(user)
            uow.sessions.add(session)
            uow.commit()
    finally:
        engine.dispose()
    return token, user.id


def browser(base_url: str, token: str) -> requests.Session:
    """A client with the session cookie and its CSRF token (the cookies are Secure, so they go by hand)."""
    client = requests.Session()
    client.headers["Cookie"] = f"ignition_session={token}"
    reply = client.get(base_url + "/auth/session", timeout=10)
    assert reply.status_code == 200, reply.text
    csrf = reply.headers["X-CSRF-Token"]
    client.headers.update({"Cookie": f"ignition_session={token}; ignition_csrf={csrf}", "X-CSRF-Token": csrf})
    return client


def psycopg_url(database_url: str) -> str:
    return database_url.replace("postgresql+psycopg://", "postgresql://", 1)


def stop_cluster(cluster: LocalCluster, mode: str) -> None:
    """pg_ctl stop -m fast|immediate, waiting until the server is gone."""
    argv = ["pg_ctl", "-D", str(cluster.datadir), "-m", mode, "-w", "-t", "60", "stop"]
    if os.geteuid() == 0:  # the server runs as the postgres user (see ignition.localpg)
        argv = ["runuser", "-u", "postgres", "--", *argv]
    subprocess.run(argv, check=True, capture_output=True, timeout=90)


@pytest.fixture(scope="module")
def own_cluster():
    """A private Postgres cluster with a migrated database `ignition` — this one may be stopped.
    Tests that stop it start it again before they end."""
    from adapters.postgres.migrate import upgrade

    root = Path(tempfile.mkdtemp(prefix="ignition-faults-"))
    cluster = LocalCluster(root / "data", free_port())
    cluster.start(fast=True)
    try:
        cluster.ensure_database("ignition")
        upgrade(cluster.url("ignition", driver="postgresql+psycopg"))
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
