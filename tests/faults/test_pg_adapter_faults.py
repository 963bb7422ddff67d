"""The Postgres adapter under faults: dead pooled connections replaced unseen, and every database
failure the port's StoreUnavailable (503), saying which it was."""
from __future__ import annotations

import time

import psycopg
import pytest

from adapters.postgres.engine import make_engine
from adapters.postgres.unit_of_work import PgUnitOfWork
from ignition.localpg import free_port
from ports.outbound.unit_of_work import StoreUnavailable
from tests.faults.conftest import psycopg_url


def test_a_pooled_connection_the_server_ended_while_idle_is_replaced_before_it_is_used(database_url):
    engine = make_engine(database_url, pool_size=1)
    try:
        with engine.connect() as connection:
            first = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        with psycopg.connect(psycopg_url(database_url), autocommit=True) as admin:
            assert admin.execute("SELECT pg_terminate_backend(%s)", (first,)).fetchone()[0]
            # wait (bounded by the statement timeout) until the backend has gone
            admin.execute("DO $$ BEGIN FOR i IN 1..100 LOOP EXIT WHEN NOT EXISTS "
                          f"(SELECT 1 FROM pg_stat_activity WHERE pid = {int(first)}); "
                          "PERFORM pg_sleep(0.02); END LOOP; END $$")
        with engine.connect() as connection:
            second = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        assert second != first
    finally:
        engine.dispose()


def test_a_live_pooled_connection_is_kept(database_url):
    engine = make_engine(database_url, pool_size=1)
    try:
        pids = set()
        for _ in range(3):
            with engine.connect() as connection:
                pids.add(connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())
        assert len(pids) == 1
    finally:
        engine.dispose()


def test_a_statement_past_the_statement_timeout_is_store_unavailable_saying_so(database_url):
    engine = make_engine(database_url, pool_size=1, statement_timeout_ms=100)
    try:
        with pytest.raises(StoreUnavailable, match=r"did not answer in time \(QueryCanceled 57014\)"):
            with PgUnitOfWork(engine) as uow:
                uow.connection.exec_driver_sql("SELECT pg_sleep(2)")
    finally:
        engine.dispose()


def test_a_database_nobody_listens_for_is_store_unavailable_at_once():
    engine = make_engine(f"postgresql+psycopg://ignition@127.0.0.1:{free_port()}/ignition", pool_size=1)
    try:
        with pytest.raises(StoreUnavailable, match=r"unavailable \(OperationalError\)"):
            with PgUnitOfWork(engine).read_only():
                pass
    finally:
        engine.dispose()


def test_a_pool_with_every_connection_lent_out_is_store_unavailable_after_the_pool_timeout(database_url):
    engine = make_engine(database_url, pool_size=1, pool_timeout_s=0.3)
    try:
        with PgUnitOfWork(engine).read_only():
            started = time.monotonic()
            with pytest.raises(StoreUnavailable, match=r"busy \(TimeoutError\)"):
                with PgUnitOfWork(engine).read_only():
                    pass
            assert 0.3 <= time.monotonic() - started < 1.5
    finally:
        engine.dispose()
