"""Rate limits per client IP (DESIGN §4): one counter increment per request.

Three buckets, each request counting against one only: the login surface (10/min), the
admin API (100/min), everything else under /api and /auth (300/min); health checks and
metrics are not limited. Counters live in RATELIMIT_STORAGE_URI through the `limits`
library's storages (Redis in production), so they hold across workers and instances.

The windows are fixed and aligned to the clock (minute n is [60n, 60n + 60)): the window's
key names its number, so one atomic INCR-with-expiry — a single Redis round trip — gives the
count, and the reset time follows from the clock. flask-limiter needed three round trips per
request (the increment, then GET and TTL for the X-RateLimit headers): docs/decisions.md.
A refusal is the 429 envelope with Retry-After; a counter store that does not answer is 503.
"""
from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

import flask
from flask import g, request
from limits.errors import StorageError
from limits.storage import storage_from_string

from entrypoints.http.config import WebConfig
from entrypoints.http.errors import ApiError
from entrypoints.http.security import client_ip

ADMIN_PREFIX = "/api/v1/admin"
LIMITED_PREFIXES = ("/api/", "/auth/")
LOGIN_ENDPOINTS = frozenset({"auth.login", "auth.callback", "auth.link", "auth.dev_login"})
log = logging.getLogger("ignition.ratelimit")


@dataclass(frozen=True)
class Bucket:
    name: str
    limit: int
    period_s: int = 60


LOGIN = Bucket("login", 10)
ADMIN = Bucket("admin", 100)
GENERAL = Bucket("general", 300)


def bucket_for(endpoint: str | None, path: str) -> Bucket | None:
    """The one bucket this request counts against, or None when it is not limited."""
    if endpoint in LOGIN_ENDPOINTS:
        return LOGIN
    if path.startswith(ADMIN_PREFIX):
        return ADMIN
    if path.startswith(LIMITED_PREFIXES):
        return GENERAL
    return None


def install_rate_limits(app: flask.Flask, config: WebConfig, *, storage_uri: str, enabled: bool) -> None:
    if not enabled:
        return
    storage = storage_from_string(storage_uri, wrap_exceptions=True)

    @app.before_request
    def count():
        bucket = bucket_for(request.endpoint, request.path)
        if bucket is None or request.method == "OPTIONS":
            return
        now = time.time()
        window = int(now // bucket.period_s)
        key = f"ignition/{bucket.name}/{client_ip(config) or 'unknown'}/{window}"
        try:
            used = storage.incr(key, bucket.period_s)
        except StorageError as error:
            log.warning("rate-limit store unavailable: %s", type(error.storage_error).__name__)
            raise ApiError(503, "The service is temporarily unavailable; try again shortly.",
                           headers={"Retry-After": "5"}) from error
        reset = (window + 1) * bucket.period_s
        g.rate_limit = (bucket.limit, max(0, bucket.limit - used), reset)
        if used > bucket.limit:
            raise ApiError(429, "Too many requests; slow down.",
                           headers={"Retry-After": str(max(1, math.ceil(reset - now)))})

    @app.after_request
    def headers(response):
        state = g.get("rate_limit")
        if state is not None:
            limit, remaining, reset = state
            response.headers["X-RateLimit-Limit"] = str(limit)
            response.headers["X-RateLimit-Remaining"] = str(remaining)
            response.headers["X-RateLimit-Reset"] = str(reset)
        return response
