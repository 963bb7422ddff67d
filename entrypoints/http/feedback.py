"""/api/v1/feedback: users send bug reports and ideas (admins triage them under /admin)."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import request

from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.schemas.feedback import FeedbackIn, FeedbackOut
from ports.inbound import feedback
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("feedback", __name__, url_prefix="/api/v1", description="Feedback")


@bp.post("/feedback")
@bp.arguments(FeedbackIn)
@bp.response(201, FeedbackOut)
@bp.errors(400, 415)
@inject
def send(body: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Send a bug report, an idea or another note; the browser's User-Agent is kept with it."""
    return feedback.send_feedback(uow, clock, user=current_user(), kind=body["kind"], message=body["message"],
                                  page=body["page"], user_agent=request.headers.get("User-Agent"))
