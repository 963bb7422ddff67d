"""The session check's driver-level path keeps SQLAlchemy's events and error handling."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from adapters.postgres.driver import compile_sql, fetch_one
from adapters.postgres.engine import make_engine
from adapters.postgres.identity import FIND_LIVE_SESSION, FIND_LIVE_SESSION_SQL, PgSessionRepository
from adapters.postgres.unit_of_work import PgUnitOfWork
from domain.sessions import Session
from domain.users import User
from ports.outbound.unit_of_work import StoreUnavailable

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url, pool_size=2)
    yield engine
    engine.dispose()


def signed_in(engine) -> tuple[User, Session]:
    user = User.register(email="ada@example.com", email_verified=True, name="Ada", now=NOW)
    session, _ = Session.start(user.id, NOW, user_agent="pytest", ip="127.0.0.1")
    uow = PgUnitOfWork(engine)
    with uow:
        uow.users.add(user)
        uow.sessions.add(session)
        uow.commit()
    return user, session


def test_the_compiled_text_selects_what_the_core_statement_selects(engine):
    user, session = signed_in(engine)
    params = {"token_hash": session.token_hash, "now": NOW}
    with engine.connect() as connection:
        core = dict(connection.execute(FIND_LIVE_SESSION, params).one()._mapping)
        fast = fetch_one(connection, *FIND_LIVE_SESSION_SQL, params)
    assert fast == core
    assert fast["id"] == user.id and fast["session_id"] == session.id


def test_no_row_is_none(engine):
    signed_in(engine)
    with engine.connect() as connection:
        assert fetch_one(connection, *FIND_LIVE_SESSION_SQL,
                         {"token_hash": b"x" * 32, "now": NOW}) is None
        expired = fetch_one(connection, *FIND_LIVE_SESSION_SQL,
                            {"token_hash": b"x" * 32, "now": NOW + timedelta(days=400)})
    assert expired is None


def test_cursor_events_see_the_statement(engine):
    _, session = signed_in(engine)
    seen = []
    sa.event.listen(engine, "before_cursor_execute", lambda conn, cur, statement, *rest: seen.append(statement))
    with engine.connect() as connection:
        PgSessionRepository(connection).find_live(session.token_hash, NOW)
    assert seen == [FIND_LIVE_SESSION_SQL[0]]


def test_a_lost_connection_is_sqlalchemys_disconnect_and_the_unit_of_work_says_unavailable(engine):
    _, session = signed_in(engine)
    with engine.connect() as killer:
        killer = killer.execution_options(isolation_level="AUTOCOMMIT")
        uow = PgUnitOfWork(engine)
        with pytest.raises(StoreUnavailable):
            with uow.read_only():
                pid = uow.connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
                killer.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                uow.sessions.find_live(session.token_hash, NOW)
    # the pool was invalidated: the next unit of work connects afresh and works
    with uow.read_only():
        assert uow.sessions.find_live(session.token_hash, NOW) is not None


def test_driver_errors_are_wrapped_as_sqlalchemy_errors(engine):
    sql, names = compile_sql(sa.select(sa.literal_column("1/0").label("boom")))
    with engine.connect() as connection:
        with pytest.raises(sa_exc.DBAPIError) as raised:
            fetch_one(connection, sql, names, {})
    assert raised.value.orig.sqlstate == "22012"
