"""The use-case suites' shared fixture: a fresh in-memory unit of work per test."""
from __future__ import annotations

import pytest

from adapters.memory.unit_of_work import FakeUnitOfWork


@pytest.fixture
def uow():
    return FakeUnitOfWork()
