"""Every route of the app stays within its SQL statement budget (tests/e2e/budget/table.py).

What is counted: each statement the container's engine hands to a database cursor while the
request runs on the test's thread (SQLAlchemy's `before_cursor_execute`), from the session
check to the last byte of a streamed body — SELECT, INSERT, UPDATE, DELETE, SET. BEGIN,
COMMIT, ROLLBACK and SAVEPOINTs are not cursor executions and are not counted; neither is
the uncounted set-up before the request. Each request is made by a fresh user whose session
is due for its idle-expiry touch, so the bookkeeping write is counted as production pays it
every 5 minutes; unsafe requests carry an Idempotency-Key, as clients send them.

A list (a call with `add_row`) is measured with one row and with five: its count must not
grow. A route of the app without a budget line fails, and so does a line without a route.
"""
from __future__ import annotations

import importlib
import json
import pkgutil
import uuid

import psycopg
import pytest
from pytest_postgresql.janitor import DatabaseJanitor

import tests.e2e.budget as budget
from ignition.app import create_app
from ignition.container import Container
from ignition.seed import seed_database
from ignition.settings import Settings
from tests.e2e.budget import Call, Caller, fill
from tests.e2e.budget.counter import StatementCounter
from tests.e2e.budget.table import BUDGETS
from tests.e2e.conftest import SECRET
from tests.e2e.test_ownership import RESOURCES
from tests.support.fake_oidc import FakeOidcProvider

ADMIN = "/api/v1/admin/"
READ_LIMIT = 3
ROWS_COMPARED = (1, 5)


def registered_calls() -> dict[str, Call]:
    found: dict[str, Call] = {}
    for module in pkgutil.iter_modules(budget.__path__):
        for key, call in getattr(importlib.import_module(f"{budget.__name__}.{module.name}"), "CALLS", {}).items():
            assert key not in found, f"listed twice: {key}"
            found[key] = call
    return found


CALLS = registered_calls()


def call_for(key: str) -> Call | None:
    """The budget registry's call, else one made from the ownership registry's resource."""
    if key in CALLS:
        return CALLS[key]
    method, rule = key.split(" ", 1)
    resource = RESOURCES.get(rule)
    if resource is None:
        return None
    return Call(method, rule, lambda caller: resource.create(caller.client, caller.csrf), resource.bodies.get(method))


def budget_of(key: str) -> int:
    entry = BUDGETS[key]
    return entry[0] if isinstance(entry, tuple) else entry


@pytest.fixture(scope="module")
def budget_database(postgresql_template):
    """One seeded database for the whole module (a fresh app and user per test would cost minutes)."""
    proc = postgresql_template
    janitor = DatabaseJanitor(user=proc.user, host=proc.host, port=proc.port, dbname=f"{proc.dbname}_budget",
                              template_dbname=proc.template_dbname, password=proc.password)
    with janitor:
        url = f"postgresql+psycopg://{proc.user}@{proc.host}:{proc.port}/{proc.dbname}_budget"
        seed_database(url)
        yield url


@pytest.fixture(scope="module")
def idp():
    with FakeOidcProvider("google") as provider:
        yield provider


@pytest.fixture(scope="module")
def budget_app(budget_database, idp, tmp_path_factory):
    """The real app with development sign-in and Google pointed at the fake provider; rate limits off."""
    env = {"IGNITION_ENV": "development", "DATABASE_URL": budget_database, "AUTH_SECRET": SECRET,
           "PUBLIC_URL": "http://127.0.0.1:8000", "DEV_LOGIN": "1", "COOKIE_SECURE": "0", "RATELIMIT_ENABLED": "0",
           "BLOB_DIR": str(tmp_path_factory.mktemp("budget-blobs")), "GOOGLE_CLIENT_ID": idp.client_id,
           "GOOGLE_CLIENT_SECRET": idp.client_secret, "GOOGLE_DISCOVERY_URL": idp.discovery_url}
    container = Container(settings=Settings.from_env(env).validate())
    app = create_app(container)
    app.testing = True
    yield app
    container.unwire()
    container.engine().dispose()


@pytest.fixture(scope="module")
def counter(budget_app):
    counting = StatementCounter(budget_app.extensions["ignition.container"].engine())
    yield counting
    counting.close()


@pytest.fixture(scope="module")
def db(budget_database):
    with psycopg.connect(budget_database.replace("+psycopg", ""), autocommit=True) as connection:
        yield connection


def test_every_route_has_exactly_one_budget_line_and_a_way_to_call_it(budget_app):
    routes = {f"{method} {rule.rule}" for rule in budget_app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert not sorted(routes - set(BUDGETS)), f"add to tests/e2e/budget/table.py: {sorted(routes - set(BUDGETS))}"
    assert not sorted(set(BUDGETS) - routes), f"no such route: {sorted(set(BUDGETS) - routes)}"
    uncallable = sorted(key for key in BUDGETS if call_for(key) is None)
    assert not uncallable, f"say how to call these in tests/e2e/budget or tests/e2e/ownership: {uncallable}"
    assert not sorted(set(CALLS) - routes), f"calls of no route: {sorted(set(CALLS) - routes)}"


def test_a_read_over_three_statements_says_why():
    unexplained = [key for key, entry in BUDGETS.items()
                   if key.startswith("GET ") and budget_of(key) > READ_LIMIT and not isinstance(entry, tuple)]
    assert not unexplained, f"a read costs at most {READ_LIMIT} statements unless its line says why: {unexplained}"


def send(call: Call, caller: Caller, params: dict):
    if call.send is not None:
        return call.send(caller, params)
    path = fill(call.rule, params) + call.query.format(**params)
    body = call.body(params) if callable(call.body) else call.body
    if call.anonymous:
        return caller.app.test_client().open(path, method=call.method, json=body)
    return caller.send(call.method, path, body)


def measure(counter: StatementCounter, call: Call, caller: Caller, params: dict) -> tuple[list[str], bytes]:
    """The statements of one request, and its body (read inside the count: a streamed body queries as it goes)."""
    if not call.anonymous:
        caller.age_session()
    with counter.counting() as statements:
        reply = send(call, caller, params)
        body = reply.get_data()
    assert reply.status_code < 400, (call.key, reply.status_code, body[:500])
    return list(statements), body


def is_list(body: bytes) -> bool:
    """Whether an answer is shaped like a list: {"items": [...], ...}."""
    try:
        found = json.loads(body)
    except ValueError:
        return False
    return isinstance(found, dict) and isinstance(found.get("items"), list)


def report(key: str, measured: dict[str, list[str]]) -> str:
    """A readable table: route, method, counted, budget, then the statements of each measurement."""
    method, rule = key.split(" ", 1)
    lines = [f"{'route':<60} {'method':<7} {'rows':<5} {'counted':>7} {'budget':>6}"]
    lines += [f"{rule:<60} {method:<7} {rows:<5} {len(seen):>7} {budget_of(key):>6}" for rows, seen in measured.items()]
    for rows, seen in measured.items():
        lines += [f"-- statements ({rows}):"] + [f"  {n}. {s[:300]}" for n, s in enumerate(seen, 1)]
    return "\n".join(lines)


@pytest.mark.parametrize("key", sorted(BUDGETS))
def test_the_route_stays_within_its_statement_budget(budget_app, counter, db, idp, key):
    call = call_for(key)
    assert call is not None, f"no way to call {key}"
    caller = Caller(budget_app, db, f"budget-{uuid.uuid4().hex[:12]}@example.com", admin=call.rule.startswith(ADMIN),
                    idp=idp)
    params = call.prepare(caller)
    measured: dict[str, list[str]] = {}
    if call.add_row is None:
        measured["-"], body = measure(counter, call, caller, params)
        assert not (call.method == "GET" and is_list(body)), \
            f"{key} answers a list: give its call an add_row, so that one row and five are compared"
    else:
        bodies = []
        for rows in range(1, ROWS_COMPARED[-1] + 1):
            call.add_row(caller, params)
            if rows in ROWS_COMPARED:
                measured[str(rows)], body = measure(counter, call, caller, params)
                bodies.append(body)
        assert bodies[0] != bodies[-1], f"{key}: the rows added do not show in the answer"
    counts = [len(seen) for seen in measured.values()]
    assert max(counts) <= budget_of(key) and len(set(counts)) == 1, "\n" + report(key, measured)
