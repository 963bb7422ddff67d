"""The query budget's registry (tests/e2e/test_query_budget.py).

`table.py` holds the budget of every route and method, one line each. The other modules
list, in `CALLS`, how to make one valid request of the routes that the ownership registry
(tests/e2e/ownership) does not cover or covers with a request the owner cannot make — and,
for every list, how to add one row that it shows, so the test can compare one row with five.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Callable

from tests.e2e.conftest import dev_login

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class Caller:
    """A freshly signed-in user of the app under test, with a line to its database and the fake
    identity provider the app's Google sign-in talks to."""

    def __init__(self, app, db, email: str, *, admin: bool = False, idp=None) -> None:
        self.app, self.db, self.idp = app, db, idp
        self.client = app.test_client()
        self.csrf = dev_login(self.client, email, "Budget")
        self.id = self.client.get("/api/v1/me").get_json()["id"]
        if admin:
            db.execute("UPDATE users SET role = 'admin' WHERE id = %s", (self.id,))

    def send(self, method: str, path: str, body: dict | None = None, **kwargs):
        """A request with the CSRF token and, on unsafe methods, a fresh Idempotency-Key (as clients send)."""
        headers = {"X-CSRF-Token": self.csrf, "Idempotency-Key": uuid.uuid4().hex} if method in UNSAFE else {}
        return self.client.open(path, method=method, json=body, headers=headers, **kwargs)

    def post(self, path: str, body: dict | None = None) -> dict:
        """Set-up as this user; the answer must be a success."""
        reply = self.send("POST", path, {} if body is None else body)
        assert reply.status_code in (200, 201, 202), (path, reply.status_code, reply.get_json())
        return reply.get_json()

    def age_session(self) -> None:
        """Make the next request slide the session's idle expiry, as it does every 5 minutes in production."""
        self.db.execute("UPDATE sessions SET last_active_at = now() - interval '6 minutes' WHERE user_id = %s",
                        (self.id,))


def fill(rule: str, params: dict[str, str]) -> str:
    """The path of a Flask rule with its parameters filled in."""
    return re.sub(r"<(?:[^<>:]+:)?(\w+)>", lambda m: str(params[m.group(1)]), rule)


def _no_setup(caller: Caller) -> dict:
    return {}


@dataclass(frozen=True)
class Call:
    """One valid request of one route and method, made by a fresh user (an admin under /admin/).

    `prepare(caller)` runs uncounted and returns the rule's URL parameters (and anything
    `body` or `send` need). `body` is the JSON body, or a function of those parameters.
    `send(caller, params)` replaces the plain JSON request (uploads, OAuth hops).
    `add_row(caller, params)` marks a list: it adds one more row the answer shows; the test
    measures with one row and with five, and the count must not grow. `anonymous` calls
    are made without a session cookie. `query` is appended to the path, after
    `str.format` with the parameters.
    """

    method: str
    rule: str
    prepare: Callable[[Caller], dict] = _no_setup
    body: dict | Callable[[dict], dict] | None = None
    send: Callable[[Caller, dict], object] | None = None
    add_row: Callable[[Caller, dict], None] | None = None
    anonymous: bool = False
    query: str = ""

    @property
    def key(self) -> str:
        return f"{self.method} {self.rule}"


def calls(*items: Call) -> dict[str, Call]:
    found = {}
    for call in items:
        assert call.key not in found, f"listed twice: {call.key}"
        found[call.key] = call
    return found
