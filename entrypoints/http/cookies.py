"""The cookies of DESIGN §3: session, CSRF and the short-lived login binding."""
from __future__ import annotations

import base64
import hashlib
import hmac

from flask import Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from entrypoints.http.config import WebConfig

SESSION_COOKIE = "ignition_session"
CSRF_COOKIE = "ignition_csrf"
LOGIN_COOKIE = "ignition_login"
SESSION_MAX_AGE = 30 * 24 * 3600
LOGIN_MAX_AGE = 600


def csrf_token(config: WebConfig, token_hash: bytes) -> str:
    """The session's CSRF token: an HMAC of the session, so it cannot be minted without the key."""
    mac = hmac.new(config.key("csrf"), token_hash, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def set_session_cookies(response: Response, config: WebConfig, token: str, csrf: str) -> None:
    for name, value in ((SESSION_COOKIE, token), (CSRF_COOKIE, csrf)):
        response.set_cookie(name, value, max_age=SESSION_MAX_AGE, path="/", secure=config.cookie_secure,
                            httponly=True, samesite="Lax")
    response.headers["X-CSRF-Token"] = csrf


def clear_session_cookies(response: Response, config: WebConfig) -> None:
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/", secure=config.cookie_secure, httponly=True, samesite="Lax")


def _binding_serializer(config: WebConfig) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(config.key("login-binding"), salt="ignition/login-binding")


def set_login_binding(response: Response, config: WebConfig, binding: str) -> None:
    """Ties a pending login to this browser: the callback must come back with it."""
    response.set_cookie(LOGIN_COOKIE, _binding_serializer(config).dumps(binding), max_age=LOGIN_MAX_AGE,
                        path="/auth", secure=config.cookie_secure, httponly=True, samesite="Lax")


def read_login_binding(config: WebConfig, cookie: str | None) -> str:
    """The binding value, or '' when the cookie is missing, forged or older than LOGIN_MAX_AGE."""
    if not cookie:
        return ""
    try:
        return _binding_serializer(config).loads(cookie, max_age=LOGIN_MAX_AGE)
    except BadSignature:
        return ""


def clear_login_binding(response: Response, config: WebConfig) -> None:
    response.delete_cookie(LOGIN_COOKIE, path="/auth", secure=config.cookie_secure, httponly=True, samesite="Lax")
