"""/health (readiness, with dependencies) and /health/live (the process answers)."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import make_response
from marshmallow import Schema, fields

from entrypoints.http.api import Blueprint
from entrypoints.http.security import public
from ports.inbound.health import check_health

bp = Blueprint("health", __name__, url_prefix="/health", description="Liveness and readiness")


class HealthOut(Schema):
    status = fields.String(required=True, metadata={"enum": ["ok", "unavailable"]})
    checks = fields.Dict(keys=fields.String(), values=fields.String(), required=True)


class LiveOut(Schema):
    status = fields.String(required=True)


@bp.get("")
@bp.response(200, HealthOut)
@bp.alt_response(503, schema=HealthOut, description="A dependency is down; `checks` names it")
@public
@inject
def health(probes: list = Provide["health_probes"]):
    ok, checks = check_health(probes)
    body = {"status": "ok" if ok else "unavailable", "checks": checks}
    return make_response(HealthOut().dump(body), 200 if ok else 503)


@bp.get("/live")
@bp.response(200, LiveOut)
@public
def live():
    return {"status": "ok"}
