"""/api/v1/admin: the admin console's API (role admin; the security hook answers 403 to others)."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from entrypoints.http.api import Blueprint
from entrypoints.http.config import WebConfig
from entrypoints.http.context import current_actor
from entrypoints.http.idempotency import idempotent
from entrypoints.http.schemas.gamification import LedgerEntryOut, WalletAdjustIn
from entrypoints.http.security import client_ip
from ports.inbound import admin
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("admin", __name__, url_prefix="/api/v1/admin", description="Administration (admins only)")


@bp.post("/users/<uuid:user_id>/wallet")
@bp.arguments(WalletAdjustIn, as_kwargs=True)
@bp.response(201, LedgerEntryOut)
@bp.errors(400, 404, 409, 415)
@idempotent
@inject
def adjust_wallet(user_id, delta: int, reason: str, uow: UnitOfWork = Provide["uow"],
                  clock: Clock = Provide["clock"], web: WebConfig = Provide["web"]):
    return admin.adjust_wallet(uow, clock, actor=current_actor(client_ip(web)), user_id=user_id, delta=delta,
                               reason=reason)
