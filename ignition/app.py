"""The application factory: all set-up happens here, nothing at import time."""
from __future__ import annotations

import logging
import os

from flask import Flask
from flask_cors import CORS

from entrypoints.http import (account, admin, auth, books, exercise, focus, gamification, goals, health, ideas,
                              infobase, learn,
                              market, me, onboarding, programs, quests, terms, habits, vacation, blobs, tracks,
                              calendar, daily_plans, feedback, admin_users, admin_content)
from entrypoints.http.api import DOC_ENDPOINTS, make_api
from entrypoints.http.errors import register_error_handlers
from entrypoints.http.idempotency import install_idempotency
from entrypoints.http.jsonio import OrjsonProvider
from entrypoints.http.logs import install_request_log
from entrypoints.http.metrics import install_metrics
from entrypoints.http.ratelimits import install_rate_limits
from entrypoints.http.security import install_request_id, install_security
from ignition.container import Container
from ignition.logs import configure_logging
from ignition.settings import Settings

BLUEPRINTS = (auth, terms, me, account, health, gamification, admin, market, focus, quests, onboarding, goals, books,
              learn, infobase, ideas, exercise, programs, habits, vacation, blobs, tracks, calendar, daily_plans,
              feedback, admin_users, admin_content)
CORS_HEADERS = ["Content-Type", "X-CSRF-Token", "Idempotency-Key", "X-Request-ID"]
MAX_JSON_BYTES = 1024 * 1024
log = logging.getLogger("ignition")


def create_app(container: Container | None = None) -> Flask:
    """Build the app; pass a container to choose settings and adapters (tests do)."""
    if container is None:
        container = Container(settings=Settings.from_env().validate())
    settings: Settings = container.settings()
    configure_logging()
    for warning in settings.warnings():
        log.warning("configuration: %s", warning)
    if settings.auth_secret_generated:
        log.warning("configuration: AUTH_SECRET is not set; a random one is used (sessions of one process only)")
    if settings.insecure_transport_allowed:
        os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"  # loopback provider URLs only (validated)

    app = Flask("ignition", static_folder=None)
    app.json = OrjsonProvider(app)
    app.json.sort_keys = False
    app.config["MAX_CONTENT_LENGTH"] = MAX_JSON_BYTES  # upload routes raise it for their own requests
    api = make_api(app)
    for module in BLUEPRINTS:
        api.register_blueprint(module.bp)
    register_error_handlers(app)
    web = container.web()
    install_metrics(app, web, os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
    install_request_id(app)
    # Limits before the session check: a flood of requests is refused before it costs a query.
    install_rate_limits(app, web, storage_uri=settings.ratelimit_storage_uri, enabled=settings.ratelimit_enabled)
    install_security(app, web, container.uow, container.clock(), public_endpoints=DOC_ENDPOINTS)
    install_idempotency(app, container.uow, container.clock())
    install_request_log(app)
    if settings.allowed_origins:
        CORS(app, resources={r"/api/*": {}, r"/auth/*": {}}, origins=list(settings.allowed_origins),
             supports_credentials=True, allow_headers=CORS_HEADERS, expose_headers=["X-CSRF-Token"])
    container.wire(modules=list(BLUEPRINTS))
    app.extensions["ignition.container"] = container
    return app
