"""Fixtures shared by the integration tests."""
from __future__ import annotations

import pytest
import requests


@pytest.fixture
def http():
    """A requests session that ignores proxy settings from the environment (loopback only)."""
    with requests.Session() as session:
        session.trust_env = False
        yield session
