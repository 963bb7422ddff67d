"""/api/v1/onboarding: the welcome flow, its steps and their rewards."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.idempotency import idempotent
from entrypoints.http.schemas.onboarding import OnboardingOut
from ports.inbound import onboarding
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("onboarding", __name__, url_prefix="/api/v1", description="Onboarding")


@bp.get("/onboarding")
@bp.response(200, OnboardingOut)
@bp.errors(404)
@inject
def get_onboarding(uow: UnitOfWork = Provide["uow"]):
    """The active flow and where you stand in it (404 when there is no flow)."""
    return onboarding.get_onboarding(uow, user=current_user())


@bp.post("/onboarding/steps/<string(maxlength=100):key>/complete")
@bp.response(200, OnboardingOut)
@bp.errors(404)
@idempotent
@inject
def complete_step(key: str, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Mark a step done and earn its reward once; the last required step finishes the flow (bonus once)."""
    return onboarding.complete_step(uow, clock, user=current_user(), key=key)


@bp.post("/onboarding/skip")
@bp.response(200, OnboardingOut)
@bp.errors(404, 409)
@inject
def skip(uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Skip the flow (no awards); 409 when it is already completed."""
    return onboarding.skip(uow, clock, user=current_user())


@bp.post("/onboarding/reset")
@bp.response(200, OnboardingOut)
@bp.errors(404)
@inject
def reset(uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Start over with no step done; what you earned stays, and is never earned twice."""
    return onboarding.reset(uow, clock, user=current_user())
