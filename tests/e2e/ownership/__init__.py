"""Resources for the generated ownership test (tests/e2e/test_ownership.py).

Each module of this package lists, in `RESOURCES`, every route of its area that takes an
id: how the owner creates the resource and a valid body for each write method. The test
walks the app's url_map and fails for any id-taking route that no module lists.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Resource:
    """One id-taking route.

    `rule` is the Flask rule exactly as registered (e.g. "/api/v1/habits/<uuid:habit_id>").
    `create(client, csrf)` makes the resource as its owner through the API and returns the
    rule's URL parameters ({"habit_id": "…"}). `bodies` maps each write method of the rule
    to a body that would be valid for the owner (so a stranger's 404 cannot hide behind a
    400). `read` is a GET path template (same parameters) whose answer must not change when
    a stranger tries; by default the rule itself when it answers GET.
    """

    rule: str
    create: Callable[[object, str], dict[str, str]]
    bodies: dict[str, dict] = field(default_factory=dict)
    read: str | None = None


def post_json(client, csrf: str, path: str, body: dict) -> dict:
    """POST as the owner and return the JSON answer (asserting success)."""
    reply = client.post(path, json=body, headers={"X-CSRF-Token": csrf})
    assert reply.status_code in (200, 201), (path, reply.status_code, reply.get_json())
    return reply.get_json()
