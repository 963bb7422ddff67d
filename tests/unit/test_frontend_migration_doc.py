"""docs/frontend-migration.md stays honest: the routes it names exist, and the old routes all have a row.

A route is named in backticks as `METHOD /path`; a bare `/api/v1/...` or `/auth/...` in backticks
names a path (any method); one ending in `/`, `*` or `...` names a prefix. New routes are checked
against the app's url_map (which holds the OpenAPI document's routes and the undocumented ones:
/metrics, the document itself, the docs page), built without a database as ignition.openapi_document
builds it.
"""
from __future__ import annotations

import re
import secrets
from pathlib import Path

import pytest
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from ignition.app import create_app
from ignition.container import Container
from ignition.openapi_document import UNREACHABLE_DATABASE
from ignition.settings import Settings

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "frontend-migration.md"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
NEW_PREFIXES = ("/api/v1/", "/auth/", "/health", "/metrics")
NAMED_ROUTE = re.compile(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`\s]*)`")
NAMED_PATH = re.compile(r"`(/[^`\s]*)`")

# The old routes of /work/shared/reference/ignition-migration-plan.md (not shipped with this
# repository, so listed here): its auth entry inventory (the Auth.js catch-all, accept-tos,
# verify-age), its R2 usage table and its `fetch('/api/focus')` example, plus the Auth.js
# sub-routes the catch-all serves (signin, callback, session, csrf, providers, signout, error).
OLD_ROUTES = [
    "GET /api/auth/[...nextauth]", "POST /api/auth/[...nextauth]",
    "GET /api/auth/signin", "POST /api/auth/signin/[provider]",
    "GET /api/auth/callback/[provider]", "POST /api/auth/callback/[provider]",
    "GET /api/auth/session", "GET /api/auth/csrf", "GET /api/auth/providers",
    "GET /api/auth/signout", "POST /api/auth/signout", "GET /api/auth/error",
    "GET /api/auth/accept-tos", "POST /api/auth/accept-tos", "POST /api/auth/verify-age",
    "POST /api/focus",
    "POST /api/blobs/upload", "GET /api/blobs/[id]", "DELETE /api/blobs/[id]",
    "POST /api/reference/upload", "GET /api/reference/tracks/[id]/stream",
    "GET /api/reference/tracks/[id]/play",
]
# The plan's "Summary by Domain" table: every area and its count of old route handlers.
OLD_AREAS = {
    "Auth": 4, "Admin": 9, "Focus": 4, "Quests": 1, "Habits": 1, "Goals": 1, "Calendar": 1,
    "Exercise": 2, "Books": 1, "Learn": 3, "Market": 4, "Onboarding": 5, "Gamification": 1,
    "Blobs": 2, "Reference": 6, "Infobase": 1, "Ideas": 1, "Daily Plan": 1, "Programs": 1,
    "Feedback": 1, "User": 2, "Analysis": 1,
}


@pytest.fixture(scope="module")
def url_map():
    settings = Settings.from_env({"IGNITION_ENV": "test", "DATABASE_URL": UNREACHABLE_DATABASE,
                                  "AUTH_SECRET": secrets.token_urlsafe(48)})
    container = Container(settings=settings.validate())
    try:
        yield create_app(container).url_map
    finally:
        container.unwire()


def _template(path: str) -> str:
    """A path with every parameter, `{id}` or Flask's `<uuid:id>`, as `{}`."""
    return re.sub(r"\{[^}]*\}|<[^>]*>", "{}", path)


def _routes(url_map) -> set[tuple[str, str]]:
    return {(method, _template(rule.rule)) for rule in url_map.iter_rules() for method in rule.methods}


def _exists(url_map, method: str, path: str) -> bool:
    """The app answers `method path`: a templated path by its template, a concrete one by matching."""
    path = path.split("?", 1)[0]
    if path.endswith(("/", "*", "...")):
        prefix = path.rstrip("*.")
        return any(template.startswith(prefix) for _, template in _routes(url_map))
    methods = METHODS if method == "ANY" else (method,)
    if "{" in path:
        return any((m, _template(path)) in _routes(url_map) for m in methods)
    adapter = url_map.bind("ignition.test")
    for candidate in methods:
        try:
            adapter.match(path, method=candidate)
            return True
        except (HTTPException, RequestRedirect):
            continue
    return False


def _is_new(path: str) -> bool:
    return path.startswith(NEW_PREFIXES)


def named_new_routes(text: str) -> list[tuple[str, str]]:
    """Every new route the text names, as (method or ANY, path)."""
    named = [(m.group(1), m.group(2)) for m in NAMED_ROUTE.finditer(text) if _is_new(m.group(2))]
    bare = [("ANY", m.group(1)) for m in NAMED_PATH.finditer(text) if _is_new(m.group(1))]
    return named + bare


def mapping_rows(text: str) -> dict[str, str]:
    """The first cell of each table row in section 1 → the row's second cell."""
    section = text.split("\n## 1.", 1)[1].split("\n## 2.", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 2:
            rows[cells[0].strip("`")] = cells[1]
    return rows


def test_every_new_route_the_guide_names_exists_in_the_app(url_map):
    named = named_new_routes(GUIDE.read_text())
    missing = [f"{method} {path}" for method, path in named if not _exists(url_map, method, path)]
    assert len(named) > 100
    assert missing == []


def test_a_route_the_app_does_not_have_is_caught(url_map):
    text = "`GET /api/v1/focus/{id}/snooze` and `/auth/google/logon` and `PUT /api/v1/habits`"
    assert [r for r in named_new_routes(text) if not _exists(url_map, *r)] == [
        ("GET", "/api/v1/focus/{id}/snooze"), ("PUT", "/api/v1/habits"), ("ANY", "/auth/google/logon")]


def test_every_route_a_method_names_is_old_or_new():
    """A route that is neither under /api/v1, /auth, /health, /metrics nor an old /api/ one is a typo."""
    strays = [m.group(0) for m in NAMED_ROUTE.finditer(GUIDE.read_text())
              if not (_is_new(m.group(2)) or m.group(2).startswith("/api/"))]
    assert strays == []


def test_every_old_route_of_the_plan_has_a_row_that_maps_it(url_map):
    rows = mapping_rows(GUIDE.read_text())
    assert [route for route in OLD_ROUTES if route not in rows] == []
    for route in OLD_ROUTES:
        target = rows[route]
        new = named_new_routes(target)
        assert new or target.startswith("removed"), route
        assert all(_exists(url_map, *r) for r in new), route


def test_every_area_of_the_plan_has_a_row_with_its_handler_count():
    rows = mapping_rows(GUIDE.read_text())
    assert {area: rows.get(area) for area in OLD_AREAS} == {a: str(n) for a, n in OLD_AREAS.items()}
