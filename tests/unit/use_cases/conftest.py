"""The use-case suites' shared fixtures: a fresh in-memory unit of work per test, a clock stopped at the
test module's NOW, and Ada and Bob stored in that unit of work."""
from __future__ import annotations

import pytest

from adapters.memory.clock import FixedClock
from adapters.memory.unit_of_work import FakeUnitOfWork
from tests.support.gamification import a_user


@pytest.fixture
def uow():
    return FakeUnitOfWork()


@pytest.fixture
def clock(request):
    """A FixedClock at the `NOW` of the test's module; it moves only when the test advances it."""
    return FixedClock(request.module.NOW)


@pytest.fixture
def ada(uow, clock):
    """Ada (UTC, her day starting at midnight), registered at the clock's time and stored in `uow`."""
    return a_user(uow, now=clock.now())


@pytest.fixture
def bob(uow, clock):
    """Bob, registered and stored like Ada."""
    return a_user(uow, email="bob@example.com", now=clock.now())
