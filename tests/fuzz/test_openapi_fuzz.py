"""schemathesis over every operation of /api/v1/openapi.json: no 5xx, answers that match their
documented schemas, documented status codes and content types (tests/fuzz/config.py says which
checks run and how many examples)."""
from __future__ import annotations

import os

import pytest
import schemathesis

from ignition.openapi_document import served_document
from tests.fuzz.conftest import Credentials, FuzzTarget
from tests.fuzz.config import fuzz_config
from tests.fuzz.rows import Pools, onto_real_rows

DOCUMENT = served_document()
schema = schemathesis.openapi.from_dict(DOCUMENT, config=fuzz_config(os.environ))
real_rows: Pools = {}
schema.hook(onto_real_rows(real_rows))
running: dict[str, FuzzTarget] = {}  # the target of the test that is generating cases now


@schema.auth(refresh_interval=None)  # never cached: some operations need a user of their own
class SignedIn:
    """Each case carries a real signed-in user's session cookie and CSRF header, as credentials
    schemathesis knows of: its ignored_auth check then sends the case again without them (and
    with made-up ones) and expects 401 or 403 wherever the document asks for the session."""

    def get(self, case, ctx) -> Credentials | None:
        """None while pytest collects (the coverage cases are made then): the test signs those in."""
        target = running.get("target")
        return target.credentials_for(case) if target is not None else None

    def set(self, case, data: Credentials, ctx) -> None:
        case.cookies = {**(case.cookies or {}), **data.cookies}
        case.headers = {**(case.headers or {}), **data.headers}


@pytest.fixture
def live(fuzz):
    real_rows.update(fuzz.pools)
    running["target"] = fuzz
    yield fuzz
    running.clear()


@schema.parametrize()
def test_every_operation_answers_as_documented(case, live):
    if not case._has_explicit_auth:  # a coverage case, made before any user existed
        schema.auth.set(case, schemathesis.AuthContext(operation=case.operation, app=live.app))
    case.operation.schema.app = live.app  # where the ignored_auth check's probes go as well
    case.call_and_validate(app=live.app)
