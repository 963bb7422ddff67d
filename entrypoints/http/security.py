"""Per-request security: request id, session, Origin, CSRF, body type, response headers.

The order for unsafe methods is DESIGN §3's: session (401), then Origin (403), then CSRF
(403 csrf_failed). Routes opt out with `@public` (no session needed) and `@csrf_exempt`.
"""
from __future__ import annotations

import hmac
import re
import uuid
from typing import Callable

from flask import Flask, g, request

from entrypoints.http.config import WebConfig
from entrypoints.http.cookies import CSRF_COOKIE, SESSION_COOKIE, csrf_token
from entrypoints.http.errors import ApiError
from ports.inbound import auth

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
GUARDED_PREFIXES = ("/api/", "/auth/")
ADMIN_PREFIX = "/api/v1/admin/"
FORM_BODY_TYPES = ("multipart/form-data",)


def public(view: Callable) -> Callable:
    """The route answers without a session."""
    view.ignition_public = True
    return view


def csrf_exempt(view: Callable) -> Callable:
    """The route takes unsafe methods without a CSRF token (dev login only)."""
    view.ignition_csrf_exempt = True
    return view


def accepts_multipart(view: Callable) -> Callable:
    """The route takes multipart/form-data bodies (uploads)."""
    view.ignition_multipart = True
    return view


def client_ip(config: WebConfig) -> str | None:
    if config.trust_proxy == "cloudflare" and request.headers.get("CF-Connecting-IP"):
        return request.headers["CF-Connecting-IP"].strip()
    return request.remote_addr


def install_request_id(app: Flask) -> None:
    """Register first: every answer, refusals included, carries the request's id."""

    @app.before_request
    def request_id():
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex


def install_security(app: Flask, config: WebConfig, uow_factory: Callable, clock,
                     public_endpoints: frozenset[str] = frozenset()) -> None:
    """Register the hooks; `uow_factory` gives a fresh unit of work per call."""

    @app.before_request
    def guard():
        g.principal = None
        if request.method == "OPTIONS" or not request.path.startswith(GUARDED_PREFIXES):
            return None
        view = app.view_functions.get(request.endpoint) if request.endpoint else None
        token = request.cookies.get(SESSION_COOKIE)
        if token and len(token) <= 128:
            g.principal = auth.authenticate(uow_factory(), clock, token)
        is_public = request.endpoint in public_endpoints or getattr(view, "ignition_public", False)
        if not is_public and g.principal is None:
            raise ApiError(401, "Sign in first.")
        if request.path.startswith(ADMIN_PREFIX) and not g.principal.user.is_admin:
            raise ApiError(403, "This needs the admin role.", "forbidden")
        if request.method in UNSAFE and not getattr(view, "ignition_csrf_exempt", False):
            _check_origin(config)
            _check_csrf(config)
        if request.method in UNSAFE and request.routing_exception is None:  # no route: Flask's 404/405
            _check_body_type(view)
        return None

    @app.after_request
    def headers(response):
        h = response.headers
        h["X-Request-ID"] = getattr(g, "request_id", "") or uuid.uuid4().hex
        h["X-Content-Type-Options"] = "nosniff"
        h["X-Frame-Options"] = "DENY"
        h["Referrer-Policy"] = "strict-origin-when-cross-origin"
        if getattr(g, "principal", None) is not None or request.path.startswith("/auth/"):
            h.setdefault("Cache-Control", "no-store")  # a download's own "private, no-store" stays
        if config.production:
            h["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        return response


def _check_origin(config: WebConfig) -> None:
    origin = request.headers.get("Origin")
    if origin is not None and not config.origin_allowed(origin):
        raise ApiError(403, "This origin may not make this request.", "forbidden")


def _check_csrf(config: WebConfig) -> None:
    """Signed double submit: header equals cookie, and the cookie belongs to this session."""
    header = request.headers.get("X-CSRF-Token", "").encode()
    cookie = request.cookies.get(CSRF_COOKIE, "").encode()
    principal = g.principal
    expected = csrf_token(config, principal.session.token_hash).encode() if principal else b""
    if not (header and expected and hmac.compare_digest(header, cookie) and hmac.compare_digest(cookie, expected)):
        raise ApiError(403, "Missing or wrong X-CSRF-Token header.", "csrf_failed")


def _check_body_type(view) -> None:
    """JSON routes refuse form-style bodies, which a cross-site form could send."""
    has_body = (request.content_length or 0) > 0 or "chunked" in request.headers.get("Transfer-Encoding", "")
    if not has_body:
        return
    if request.is_json:
        return
    if getattr(view, "ignition_multipart", False) and request.mimetype in FORM_BODY_TYPES:
        return
    raise ApiError(415, "Send a JSON body (Content-Type: application/json).")
