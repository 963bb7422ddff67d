"""/api/v1/me: the signed-in person's profile."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import g

from entrypoints.http.api import Blueprint
from entrypoints.http.schemas.users import MePatchIn, UserOut
from ports.inbound import me
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("me", __name__, url_prefix="/api/v1", description="The signed-in person")


@bp.get("/me")
@bp.response(200, UserOut)
@bp.errors()
def get_me():
    return g.principal.user


@bp.patch("/me")
@bp.arguments(MePatchIn)
@bp.response(200, UserOut)
@bp.errors(400, 415)
@inject
def patch_me(changes: dict, uow: UnitOfWork = Provide["uow"]):
    return me.update_profile(uow, user_id=g.principal.user.id, changes=changes)
