"""Who is calling, for handlers: the principal the security hook resolved."""
from __future__ import annotations

from flask import g, request

from domain.audit import Actor
from domain.users import User


def current_user() -> User:
    """The signed-in user (handlers of protected routes only)."""
    return g.principal.user


def current_actor(client_ip: str | None) -> Actor:
    """The signed-in user as the actor of an audited change, with request id and IP."""
    user = current_user()
    return Actor(user_id=user.id, email=user.email, request_id=g.get("request_id"), ip=client_ip or request.remote_addr)
