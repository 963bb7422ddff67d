"""The contract suites' one fixture: every test runs on the fake AND on Postgres."""
from __future__ import annotations

import pytest

from adapters.memory.unit_of_work import FakeUnitOfWork


@pytest.fixture(params=["memory", "postgres"])
def uow(request):
    if request.param == "memory":
        yield FakeUnitOfWork()
        return
    from adapters.postgres.engine import make_engine
    from adapters.postgres.unit_of_work import PgUnitOfWork

    engine = make_engine(request.getfixturevalue("database_url"))
    yield PgUnitOfWork(engine)
    engine.dispose()
