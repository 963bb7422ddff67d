"""Generated from the app's own routes: for every route that takes an id, another user gets
404 for every method — read, update, delete, actions — and the owner's resource is unchanged.

A new id-taking route that no module of tests/e2e/ownership lists fails this test.
"""
from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import tests.e2e.ownership as registry
from tests.e2e.conftest import dev_login

ADMIN_ONLY = "/api/v1/admin/"  # strangers there get 403 (role), tested with the admin API
SHARED_CONTENT = ("/api/v1/learn/",)  # published lessons are everyone's to read and complete
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def resources():
    found = {}
    for module in pkgutil.iter_modules(registry.__path__):
        for resource in importlib.import_module(f"{registry.__name__}.{module.name}").RESOURCES:
            assert resource.rule not in found, f"listed twice: {resource.rule}"
            found[resource.rule] = resource
    return found


RESOURCES = resources()


def id_routes(app) -> dict[str, set[str]]:
    routes = {}
    for rule in app.url_map.iter_rules():
        if "<uuid:" in rule.rule and not rule.rule.startswith((ADMIN_ONLY, *SHARED_CONTENT)):
            routes.setdefault(rule.rule, set()).update(rule.methods - {"HEAD", "OPTIONS"})
    return routes


def fill(template: str, params: dict[str, str]) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: params[m.group(1)], template).format(**params)


def test_every_id_route_is_listed_for_the_ownership_test(dev_app):
    missing = sorted(set(id_routes(dev_app)) - set(RESOURCES))
    assert not missing, f"add these to tests/e2e/ownership: {missing}"


@pytest.mark.parametrize("rule", sorted(RESOURCES))
def test_a_stranger_gets_404_for_every_method_and_changes_nothing(dev_app, rule):
    resource = RESOURCES[rule]
    methods = id_routes(dev_app).get(rule)
    assert methods, f"{rule} is listed but the app has no such route"
    owner, stranger = dev_app.test_client(), dev_app.test_client()
    owner_csrf = dev_login(owner, "owner@example.com", "Owner")
    stranger_csrf = dev_login(stranger, "stranger@example.com", "Stranger")
    params = resource.create(owner, owner_csrf)
    path = fill(rule, params)
    read = fill(resource.read, params) if resource.read else (path if "GET" in methods else None)
    before = owner.get(read).get_json() if read else None
    for method in sorted(methods):
        body = resource.bodies.get(method) if method in WRITE_METHODS else None
        if method in ("POST", "PUT", "PATCH"):
            assert body is not None, f"{method} {rule}: give a valid body in the ownership registry"
        reply = stranger.open(path, method=method, json=body, headers={"X-CSRF-Token": stranger_csrf})
        assert reply.status_code == 404, (method, path, reply.status_code, reply.get_json())
        assert reply.get_json()["code"] == "not_found"
    if read:
        assert owner.get(read).get_json() == before
