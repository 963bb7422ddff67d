"""schemathesis over every operation of /api/v1/openapi.json: no 5xx, answers that match their
documented schemas, documented status codes and content types (tests/fuzz/config.py says which
checks run and how many examples)."""
from __future__ import annotations

import os

import pytest
import schemathesis

from ignition.openapi_document import served_document
from tests.fuzz.config import fuzz_config
from tests.fuzz.rows import Pools, onto_real_rows

DOCUMENT = served_document()
schema = schemathesis.openapi.from_dict(DOCUMENT, config=fuzz_config(os.environ))
real_rows: Pools = {}
schema.hook(onto_real_rows(real_rows))


@pytest.fixture
def live(fuzz):
    real_rows.update(fuzz.pools)
    return fuzz


@schema.parametrize()
def test_every_operation_answers_as_documented(case, live):
    credentials = live.credentials_for(case)
    case.call_and_validate(app=live.app, headers=credentials.headers, cookies=credentials.cookies)


def test_no_operation_hides_its_statuses_behind_a_default_response():
    """schemathesis takes any status an operation documents as `default`: none may, or the
    status code check above would pass everything."""
    defaults = [f"{method.upper()} {path}" for path, item in DOCUMENT["paths"].items()
                for method, operation in item.items() if method != "parameters" and "default" in operation["responses"]]
    assert not defaults
