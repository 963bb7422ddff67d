"""One JSON log line per request, with the request id; never a query string, cookie or token."""
from __future__ import annotations

import logging
import time

from flask import Flask, g, request

log = logging.getLogger("ignition.request")


def install_request_log(app: Flask) -> None:
    @app.after_request
    def log_request(response):
        principal = g.get("principal")
        log.info("request", extra={
            "method": request.method, "path": request.path,
            "route": request.url_rule.rule if request.url_rule else None,
            "status": response.status_code, "duration_ms": round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 2),
            "user_id": str(principal.user.id) if principal else None,
        })
        return response
