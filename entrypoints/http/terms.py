"""/auth/accept-tos and /auth/verify-age: the terms of service and the age check."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import g

from entrypoints.http.api import Blueprint
from entrypoints.http.schemas.auth import AgeIn, AgeOut, TosIn, TosOut
from ports.inbound import me
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("terms", __name__, url_prefix="/auth", description="Terms of service and age")


def _tos(user) -> dict:
    return {"version": user.tos_version, "accepted_at": user.tos_accepted_at}


@bp.get("/accept-tos")
@bp.response(200, TosOut)
@bp.errors()
def tos_status():
    return _tos(g.principal.user)


@bp.post("/accept-tos")
@bp.arguments(TosIn, as_kwargs=True)
@bp.response(200, TosOut)
@bp.errors(400, 415)
@inject
def accept_tos(version: str, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    return _tos(me.accept_tos(uow, clock, user_id=g.principal.user.id, version=version))


@bp.post("/verify-age")
@bp.arguments(AgeIn, as_kwargs=True)
@bp.response(200, AgeOut)
@bp.errors(400, 415)
@inject
def verify_age(birthdate, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    user = me.verify_age(uow, clock, user_id=g.principal.user.id, birthdate=birthdate)
    return {"age_verified": user.age_verified}
