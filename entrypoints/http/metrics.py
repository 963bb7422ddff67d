"""Prometheus metrics: requests by route template, method and status, and their latency.

Under gunicorn, PROMETHEUS_MULTIPROC_DIR is set (gunicorn.conf.py) and every worker writes
its samples there; /metrics then merges all workers.
"""
from __future__ import annotations

import hmac
import time

from flask import Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client import multiprocess

from entrypoints.http.config import WebConfig
from entrypoints.http.errors import ApiError

REQUESTS = Counter("ignition_http_requests_total", "HTTP requests", ["route", "method", "status"])
LATENCY = Histogram("ignition_http_request_duration_seconds", "HTTP request latency", ["route", "method"],
                    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5))


def install_metrics(app: Flask, config: WebConfig, multiprocess_dir: str | None) -> None:
    @app.before_request
    def start_timer():
        g.started = time.perf_counter()

    @app.after_request
    def observe(response):
        route = request.url_rule.rule if request.url_rule else "unmatched"
        elapsed = time.perf_counter() - g.get("started", time.perf_counter())
        REQUESTS.labels(route, request.method, str(response.status_code)).inc()
        LATENCY.labels(route, request.method).observe(elapsed)
        return response

    def metrics():
        _authorize(config)
        registry = CollectorRegistry()
        if multiprocess_dir:
            multiprocess.MultiProcessCollector(registry, path=multiprocess_dir)
            payload = generate_latest(registry)
        else:
            payload = generate_latest()
        return Response(payload, mimetype=CONTENT_TYPE_LATEST)

    app.add_url_rule("/metrics", "metrics", metrics, methods=["GET"])


def _authorize(config: WebConfig) -> None:
    """A bearer token guards /metrics when one is set; production without one shows nothing."""
    if config.metrics_token:
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {config.metrics_token}".encode()):
            raise ApiError(401, "A metrics token is required.", headers={"WWW-Authenticate": "Bearer"})
    elif config.production:
        raise ApiError(403, "Set METRICS_TOKEN to read metrics in production.")
