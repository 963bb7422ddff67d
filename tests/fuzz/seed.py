"""Real rows for the fuzzer to find: the seed content, a few of each of the fuzz user's resources,
a second session, other users — and, per OpenAPI path, the path parameters that reach them."""
from __future__ import annotations

import importlib
import pkgutil
import re

import psycopg

import tests.e2e.ownership as registry
from ignition.seed import seed_database
from tests.e2e.conftest import dev_login
from tests.e2e.ownership import post_json
from tests.fuzz.rows import Pools

OWN_SESSION_RULE = "/auth/sessions/<uuid:session_id>"  # its creator names the current session: seeded apart
FUZZ_EMAIL = "fuzz@example.com"  # an ADMIN_EMAILS entry: the fuzz user is an admin
OTHER_USERS = ("grace@example.com", "linus@example.com")
COPIES = 3


def openapi_path(rule: str) -> str:
    """/api/v1/goals/<uuid:goal_id> → /api/v1/goals/{goal_id}."""
    return re.sub(r"<(?:[^:<>]+:)?(\w+)>", r"{\1}", rule)


def own_resources(client, csrf: str) -> Pools:
    """COPIES resources per creator of the ownership registry (a delete takes one, the others stay
    for the other operations), each path keeping the parameters it names."""
    made: dict = {}
    pools: Pools = {}
    for module in pkgutil.iter_modules(registry.__path__):
        for resource in importlib.import_module(f"{registry.__name__}.{module.name}").RESOURCES:
            if resource.rule == OWN_SESSION_RULE:
                continue
            if resource.create not in made:
                made[resource.create] = [resource.create(client, csrf), *_copies(resource.create, client, csrf)]
            path = openapi_path(resource.rule)
            names = re.findall(r"\{(\w+)\}", path)
            pools[path] = [{name: params[name] for name in names} for params in made[resource.create]]
    return pools


def _copies(create, client, csrf: str) -> list[dict]:
    """More of what `create` makes, while it may: some things exist once per user (an active focus
    session; the wallet the purchase's creator opens), and a second is refused."""
    copies = []
    for _ in range(COPIES - 1):
        try:
            copies.append(create(client, csrf))
        except (AssertionError, psycopg.Error):
            break
    return copies


def other_sessions_and_users(app) -> Pools:
    """A second session of the fuzz user (revocable without ending the fuzz session) and two
    other users, for the admin's user routes."""
    spare = app.test_client()
    dev_login(spare, FUZZ_EMAIL, "Fuzz")
    current = [s["id"] for s in spare.get("/auth/sessions").get_json()["items"] if s["current"]]
    for email in OTHER_USERS:
        dev_login(app.test_client(), email, email.split("@")[0].title())
    return {"/auth/sessions/{session_id}": [{"session_id": current[0]}]}


def listed_ids(client, spec: dict, pools: Pools) -> Pools:
    """For each id-taking path not seeded yet, the ids its collection lists (the admin console's
    lists, which the learn routes share)."""
    found: Pools = {}
    for path in spec["paths"]:
        params = re.findall(r"\{(\w+)\}", path)
        if len(params) != 1 or path in pools:
            continue
        collection = path[:path.index("/{")]
        for candidate in (collection, collection.replace("/api/v1/", "/api/v1/admin/", 1)):
            reply = client.get(candidate, query_string={"limit": 5})
            if reply.status_code == 200 and "items" in reply.get_json():
                found[path] = [{params[0]: item["id"]} for item in reply.get_json()["items"]]
                break
    return found


def onboarding_steps(client) -> Pools:
    steps = client.get("/api/v1/onboarding").get_json()["steps"]
    return {"/api/v1/onboarding/steps/{key}/complete": [{"key": step["key"]} for step in steps]}


def seed(app, client, csrf: str, database_url: str) -> Pools:
    """Fill the fuzz database and answer the pools of real path parameters."""
    seed_database(database_url)
    post_json(client, csrf, "/api/v1/feedback", {"kind": "idea", "message": "More streaks"})
    spec = client.get("/api/v1/openapi.json").get_json()
    pools = own_resources(client, csrf)
    pools.update(other_sessions_and_users(app))
    pools.update(onboarding_steps(client))
    pools.update(listed_ids(client, spec, pools))
    return pools
