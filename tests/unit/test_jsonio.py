"""Response bodies through orjson, with the standard library for what orjson refuses."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal
from uuid import UUID

import pytest
from flask import Flask

from entrypoints.http.jsonio import OrjsonProvider


def provider() -> OrjsonProvider:
    return OrjsonProvider(Flask("t"))


def test_native_types_and_decimals():
    when = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)
    body = json.loads(provider().dumps({"at": when, "id": UUID(int=1), "n": Decimal("1.50"), 1: "key"}))
    assert body == {"at": "2026-11-26T09:00:00Z", "id": "00000000-0000-0000-0000-000000000001", "n": "1.50",
                    "1": "key"}


def test_integers_beyond_64_bits_still_serialize():
    huge = 2 ** 70
    with Flask("t").app_context() as ctx:
        reply = OrjsonProvider(ctx.app).response({"details": {"reps": [huge]}})
    assert json.loads(reply.get_data()) == {"details": {"reps": [huge]}}


def test_unknown_types_are_a_programming_error():
    with pytest.raises(TypeError):
        provider().dumps({"x": object()})
