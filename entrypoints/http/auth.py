"""/auth: OAuth login and linking, the development login, the session, logout and sessions."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import g, make_response, redirect, request
from werkzeug.routing import BaseConverter

from domain.errors import LoginFailed, NotFound
from domain.identity import random_secret
from entrypoints.http.api import Blueprint
from entrypoints.http.config import WebConfig
from entrypoints.http.cookies import (LOGIN_COOKIE, SESSION_COOKIE, clear_login_binding, clear_session_cookies,
                                      csrf_token, read_login_binding, set_login_binding, set_session_cookies)
from entrypoints.http.schemas.auth import (CallbackQuery, DevLoginIn, LoginQuery, ProvidersOut, SessionsOut)
from entrypoints.http.schemas.users import UserEnvelopeOut
from entrypoints.http.security import client_ip, csrf_exempt, public
from ports.inbound import auth
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("auth", __name__, url_prefix="/auth", description="Login, sessions and CSRF")
PROVIDER_TITLES = {"google": "Google", "microsoft": "Microsoft"}


class ProviderName(BaseConverter):
    """A login provider's name: one path segment, but never `dev`, so that /auth/dev/login is the
    development login's alone (OPTIONS there does not offer GET; an unknown provider is 404)."""

    regex = r"(?!dev$)[^/]+"
    part_isolating = True  # matched against its own segment, where `$` ends the name


@bp.record_once
def _provider_converter(state) -> None:
    state.app.url_map.converters["provider"] = ProviderName


PROVIDER = "<provider:provider>"


def _provider(name: str, providers: dict):
    if name not in providers:
        raise NotFound("No such login provider.")
    return providers[name]


def _client(web: WebConfig) -> auth.Client:
    return auth.Client(user_agent=request.headers.get("User-Agent"), ip=client_ip(web))


def _signed_in_response(body, status: int, web: WebConfig, signed_in: auth.SignedIn):
    response = make_response(body, status)
    set_session_cookies(response, web, signed_in.token, csrf_token(web, signed_in.session.token_hash))
    return response


@bp.get("/providers")
@bp.response(200, ProvidersOut)
@bp.errors(session=False)
@public
@inject
def providers(web: WebConfig = Provide["web"], idps: dict = Provide["identity_providers"]):
    return {"providers": [{"id": n, "name": PROVIDER_TITLES.get(n, n), "login_url": f"/auth/{n}/login"}
                          for n in idps], "dev_login": web.dev_login}


def _start(name: str, redirect_to: str | None, link_user_id, uow, clock, web, idps):
    binding = random_secret()
    url = auth.begin_login(uow, clock, _provider(name, idps), redirect_uri=f"{web.public_url}/auth/{name}/callback",
                           redirect_to=redirect_to, browser_binding=binding, link_user_id=link_user_id)
    response = redirect(url, 302)
    set_login_binding(response, web, binding)
    return response


@bp.get(f"/{PROVIDER}/login")
@bp.arguments(LoginQuery, location="query", as_kwargs=True)
@bp.response(302, description="To the provider's authorization page")
@bp.errors(400, 404, session=False)
@public
@inject
def login(provider: str, redirect: str | None = None, uow: UnitOfWork = Provide["uow"],
          clock: Clock = Provide["clock"], web: WebConfig = Provide["web"], idps: dict = Provide["identity_providers"]):
    return _start(provider, redirect, None, uow, clock, web, idps)


@bp.get(f"/{PROVIDER}/link")
@bp.arguments(LoginQuery, location="query", as_kwargs=True)
@bp.response(302, description="To the provider, to add this identity to the signed-in account")
@bp.errors(400, 404)
@inject
def link(provider: str, redirect: str | None = None, uow: UnitOfWork = Provide["uow"],
         clock: Clock = Provide["clock"], web: WebConfig = Provide["web"], idps: dict = Provide["identity_providers"]):
    return _start(provider, redirect, g.principal.user.id, uow, clock, web, idps)


@bp.get(f"/{PROVIDER}/callback")
@bp.arguments(CallbackQuery, location="query", as_kwargs=True)
@bp.response(302, description="Signed in: to the redirect target, with the session cookies")
@bp.errors(400, 404, session=False)
@public
@inject
def callback(provider: str, code: str = "", state: str = "", error: str | None = None, uow: UnitOfWork = Provide["uow"],
             clock: Clock = Provide["clock"], web: WebConfig = Provide["web"],
             idps: dict = Provide["identity_providers"], **_ignored):
    idp = _provider(provider, idps)
    if error or not code or not state:
        if state:
            auth.discard_login(uow, state=state)
        raise LoginFailed(f"The provider did not sign you in ({error})." if error else "Missing code or state.")
    signed_in = auth.finish_login(
        uow, clock, idp, redirect_uri=f"{web.public_url}/auth/{provider}/callback", code=code, state=state,
        browser_binding=read_login_binding(web, request.cookies.get(LOGIN_COOKIE)), admin_emails=web.admin_emails,
        client=_client(web), replaced_token=request.cookies.get(SESSION_COOKIE))
    response = _signed_in_response(redirect(signed_in.redirect_to, 302), 302, web, signed_in)
    clear_login_binding(response, web)
    return response


@bp.post("/dev/login")
@bp.arguments(DevLoginIn, as_kwargs=True)
@bp.response(200, UserEnvelopeOut)
@bp.errors(400, 404, 415, session=False)
@public
@csrf_exempt
@inject
def dev_login(email: str, name: str | None = None, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"],
              web: WebConfig = Provide["web"]):
    if not web.dev_login:
        raise NotFound("Not found.")
    signed_in = auth.dev_login(uow, clock, email=email, name=name, admin_emails=web.admin_emails,
                               client=_client(web), replaced_token=request.cookies.get(SESSION_COOKIE))
    return _signed_in_response(UserEnvelopeOut().dump({"user": signed_in.user}), 200, web, signed_in)


@bp.get("/session")
@bp.response(200, UserEnvelopeOut, headers={"X-CSRF-Token": {"schema": {"type": "string"}}})
@bp.errors()
@inject
def session(web: WebConfig = Provide["web"]):
    principal = g.principal
    csrf = csrf_token(web, principal.session.token_hash)
    response = make_response(UserEnvelopeOut().dump({"user": principal.user}), 200)
    set_session_cookies(response, web, request.cookies[SESSION_COOKIE], csrf)
    return response


def _logout(uow: UnitOfWork, web: WebConfig):
    auth.logout(uow, request.cookies[SESSION_COOKIE])
    response = make_response("", 204)
    clear_session_cookies(response, web)
    return response


@bp.post("/logout")
@bp.response(204)
@bp.errors()
@inject
def logout(uow: UnitOfWork = Provide["uow"], web: WebConfig = Provide["web"]):
    return _logout(uow, web)


@bp.delete("/logout")
@bp.response(204)
@bp.errors()
@inject
def logout_delete(uow: UnitOfWork = Provide["uow"], web: WebConfig = Provide["web"]):
    return _logout(uow, web)


@bp.get("/sessions")
@bp.response(200, SessionsOut)
@bp.errors()
@inject
def sessions(uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    current = g.principal.session.id
    items = auth.list_sessions(uow, clock, user_id=g.principal.user.id)
    return {"items": [{**vars(s), "current": s.id == current} for s in items]}


@bp.delete("/sessions/<uuid:session_id>")
@bp.response(204)
@bp.errors(404)
@inject
def revoke_session(session_id, uow: UnitOfWork = Provide["uow"]):
    auth.revoke_session(uow, user_id=g.principal.user.id, session_id=session_id)
    return ""
