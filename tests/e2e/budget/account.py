"""Calls of the sign-in surface, the user's own account, health and documentation."""
from __future__ import annotations

from datetime import date, timedelta

from tests.e2e.budget import Call, Caller, calls
from tests.e2e.conftest import dev_login


def _another_session(caller: Caller, params: dict) -> None:
    dev_login(caller.app.test_client(), caller.client.get("/api/v1/me").get_json()["email"])


def _an_idea(caller: Caller, params: dict) -> None:
    caller.post("/api/v1/ideas", {"title": "Export me", "tags": ["a", "b"]})


def _dev_login(caller: Caller, params: dict):
    return caller.app.test_client().post("/auth/dev/login", json={"email": "newcomer-" + caller.id + "@example.com"})


def _login_started(caller: Caller) -> dict:
    """A browser that began a Google login and came back from the provider with a code."""
    browser = caller.app.test_client()
    reply = browser.get("/auth/google/login?redirect=/today")
    assert reply.status_code == 302, reply.get_json()
    idp = caller.idp
    idp.login_as(sub="sub-" + caller.id, email="oauth-" + caller.id + "@example.com")
    return {"browser": browser, "callback": idp.authorize(reply.headers["Location"])}


def _callback(caller: Caller, params: dict):
    url = params["callback"]
    return params["browser"].get(url[url.index("/auth/"):])


def _vacation(caller: Caller) -> dict:
    caller.send("PUT", "/api/v1/me/vacation", {"from": date.today().isoformat()})
    return {}


TOMORROW = (date.today() + timedelta(days=1)).isoformat()

CALLS = calls(
    Call("GET", "/auth/providers", anonymous=True),
    Call("GET", "/auth/<provider:provider>/login", lambda c: {"provider": "google"}, anonymous=True),
    Call("GET", "/auth/<provider:provider>/callback", _login_started, send=_callback),
    Call("GET", "/auth/<provider:provider>/link", lambda c: {"provider": "google"}),
    Call("POST", "/auth/dev/login", send=_dev_login),
    Call("GET", "/auth/session"),
    Call("GET", "/auth/sessions", add_row=_another_session),
    Call("POST", "/auth/logout", body={}),
    Call("DELETE", "/auth/logout"),
    Call("GET", "/auth/accept-tos"),
    Call("POST", "/auth/accept-tos", body={"version": "2026-01"}),
    Call("POST", "/auth/verify-age", body={"birthdate": "1990-05-17"}),
    Call("GET", "/api/v1/me"),
    Call("PATCH", "/api/v1/me", body={"name": "Ada", "timezone": "Europe/Berlin", "day_start_hour": 4}),
    Call("DELETE", "/api/v1/me", body={"confirm": "DELETE"}),
    Call("GET", "/api/v1/me/export", add_row=_an_idea),
    Call("PUT", "/api/v1/me/vacation", body={"from": TOMORROW}),
    Call("DELETE", "/api/v1/me/vacation", _vacation),
    Call("GET", "/health", anonymous=True),
    Call("GET", "/health/live", anonymous=True),
    Call("GET", "/metrics", anonymous=True),
    Call("GET", "/api/v1/openapi.json", anonymous=True),
    Call("GET", "/api/v1/docs", anonymous=True),
)
