"""/api/v1/learn: published topics and lessons (shared content) and each user's progress."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.idempotency import idempotent
from entrypoints.http.schemas.learn import DashboardOut, LessonCompletionOut, LessonOut, NoQuery, TopicOut
from ports.inbound import learn
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("learn", __name__, url_prefix="/api/v1", description="Learning: topics, lessons, progress")


@bp.get("/learn")
@bp.arguments(NoQuery, location="query")
@bp.response(200, DashboardOut)
@bp.errors(400)
@inject
def dashboard(_query: dict, uow: UnitOfWork = Provide["uow"]):
    """Published topics with your progress, the next lesson to take, and the percent done overall."""
    return learn.get_dashboard(uow, user=current_user())


@bp.get("/learn/topics/<uuid:topic_id>")
@bp.arguments(NoQuery, location="query")
@bp.response(200, TopicOut)
@bp.errors(400, 404)
@inject
def topic(_query: dict, topic_id, uow: UnitOfWork = Provide["uow"]):
    """A published topic with its lessons in order and which of them you completed."""
    return learn.get_topic(uow, user=current_user(), topic_id=topic_id)


@bp.get("/learn/lessons/<uuid:lesson_id>")
@bp.arguments(NoQuery, location="query")
@bp.response(200, LessonOut)
@bp.errors(400, 404)
@inject
def lesson(_query: dict, lesson_id, uow: UnitOfWork = Provide["uow"]):
    """A published lesson with its content."""
    return learn.get_lesson(uow, user=current_user(), lesson_id=lesson_id)


@bp.post("/learn/lessons/<uuid:lesson_id>/complete")
@bp.response(200, LessonCompletionOut)
@bp.errors(400, 404, 409)
@idempotent
@inject
def complete(lesson_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Complete a lesson: its reward the first time; again → 200 with nothing earned. Honours Idempotency-Key."""
    return learn.complete_lesson(uow, clock, user=current_user(), lesson_id=lesson_id)
