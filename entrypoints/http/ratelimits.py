"""Rate limits per client IP (DESIGN §4), through flask-limiter.

Three shared buckets, each request counting against one only: the login surface
(10/min), the admin API (100/min), everything else under /api/v1 and /auth (300/min).
Counters live in RATELIMIT_STORAGE_URI (Redis in production), so they hold across workers
and instances. A refusal is the usual 429 JSON envelope with Retry-After.
"""
from __future__ import annotations

from typing import Iterable

import flask
from flask_limiter import Limiter

from entrypoints.http.config import WebConfig
from entrypoints.http.security import client_ip

LOGIN = "10/minute"
ADMIN = "100/minute"
GENERAL = "300/minute"
ADMIN_PREFIX = "/api/v1/admin"
LOGIN_ENDPOINTS = ("auth.login", "auth.callback", "auth.link", "auth.dev_login")


def install_rate_limits(app: flask.Flask, config: WebConfig, *, storage_uri: str, enabled: bool,
                        blueprints: Iterable[flask.Blueprint]) -> Limiter:
    limiter = Limiter(key_func=lambda: client_ip(config) or "unknown", app=app, storage_uri=storage_uri,
                      enabled=enabled, headers_enabled=True, strategy="fixed-window", retry_after="delta-seconds",
                      key_prefix="ignition", swallow_errors=False)
    general = limiter.shared_limit(GENERAL, scope="general")
    for blueprint in blueprints:
        if (blueprint.url_prefix or "").startswith(ADMIN_PREFIX):
            limiter.shared_limit(ADMIN, scope="admin")(blueprint)
        elif _guarded(app, blueprint):
            general(blueprint)
    general(app.blueprints["api-docs"])
    login = limiter.shared_limit(LOGIN, scope="login")
    for endpoint in LOGIN_ENDPOINTS:  # the wrapper does the check: it must be the view that runs
        app.view_functions[endpoint] = login(app.view_functions[endpoint])
    app.extensions["ignition.limiter"] = limiter  # flask-limiter keeps only weak references to itself
    return limiter


def _guarded(app: flask.Flask, blueprint: flask.Blueprint) -> bool:
    """Limits apply to /api/v1 and /auth; health checks and metrics stay unlimited."""
    prefix = blueprint.url_prefix or ""
    return prefix.startswith(("/api/", "/auth"))
