"""JSON logs on stderr; every record inside a request carries its request id."""
from __future__ import annotations

import logging
import sys

from flask import g, has_request_context
from pythonjsonlogger.orjson import OrjsonFormatter


# These log request bodies, tokens and codes at DEBUG: never let them, whatever the level.
QUIET_LOGGERS = ("requests_oauthlib", "oauthlib", "urllib3", "werkzeug")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id") if has_request_context() else None
        return True


class IgnitionHandler(logging.StreamHandler):
    """Our one stderr handler; marked by its class so set-up can run twice without doubling."""


def json_formatter() -> OrjsonFormatter:
    return OrjsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                         rename_fields={"levelname": "level", "asctime": "time"})


def configure_logging(level: str = "INFO") -> None:
    """Install the JSON handler on the root logger (idempotent; other handlers stay)."""
    root = logging.getLogger()
    root.handlers[:] = [h for h in root.handlers if not isinstance(h, IgnitionHandler)]
    handler = IgnitionHandler(sys.stderr)
    handler.setFormatter(json_formatter())
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)
    root.setLevel(level)
    for chatty in QUIET_LOGGERS:
        logging.getLogger(chatty).setLevel(logging.WARNING)
