"""Learning: the dashboard, a topic, a lesson, and completing a lesson (its reward once)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain import learn as rules
from domain.activity import Event
from domain.errors import NotFound
from domain.learn import Dashboard, Lesson, LessonAward, LessonProgress, LessonView, TopicView
from domain.users import User
from domain.wallet import Source
from ports.inbound import rewards
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class LessonCompletion:
    """The completed lesson and what this completion earned (nothing when it was done before)."""

    lesson: LessonView
    earned: rewards.Earned


def get_dashboard(uow: UnitOfWork, *, user: User) -> Dashboard:
    """Published topics with the user's progress, the next lesson to take and the overall percent."""
    with uow.read_only():
        topics, completed = uow.learn.catalog(user.id)
    return rules.dashboard(topics, completed)


def get_topic(uow: UnitOfWork, *, user: User, topic_id: UUID) -> TopicView:
    """A published topic with its lessons and which of them the user completed."""
    with uow.read_only():
        found = uow.learn.topic(topic_id, user.id)
    if found is None:
        raise NotFound("Topic not found.")
    return rules.topic_view(*found)


def get_lesson(uow: UnitOfWork, *, user: User, lesson_id: UUID) -> LessonView:
    """A published lesson with its content and whether the user completed it."""
    with uow.read_only():
        lesson, progress = _published(uow, user, lesson_id)
    return LessonView.of(lesson, progress.completed_at if progress else None)


def complete_lesson(uow: UnitOfWork, clock: Clock, *, user: User, lesson_id: UUID) -> LessonCompletion:
    """Mark a lesson done; the first time only, award its reward and record the event, in one transaction."""
    now = clock.now()
    earned = rewards.Earned()
    with uow:
        lesson, progress = _published(uow, user, lesson_id)
        progress = progress or LessonProgress.start(user.id, lesson.id, now)
        award = progress.complete(lesson, now)
        if award is not None and uow.learn.record_completion(progress):
            earned = _reward(uow, user, lesson, award, now)
        uow.commit()
    return LessonCompletion(LessonView.of(lesson, progress.completed_at), earned)


def _reward(uow: UnitOfWork, user: User, lesson: Lesson, award: LessonAward, now: datetime) -> rewards.Earned:
    event = Event(user_id=user.id, type="learn.lesson_completed", occurred_at=now,
                  local_date=user.day.local_date(now), subject_type="learn_lesson", subject_id=str(lesson.id),
                  metrics=dict(rules.COMPLETION_METRICS), data={"topic_id": str(lesson.topic_id)})
    if award.is_empty:
        return rewards.record(uow, user, event, now)
    return rewards.award(uow, user, points=award.points, xp=award.xp, reason=f"Lesson: {lesson.title}",
                         source=Source("lesson", str(lesson.id)), event=event, now=now)


def _published(uow: UnitOfWork, user: User, lesson_id: UUID) -> tuple[Lesson, LessonProgress | None]:
    """A published lesson with the user's progress in it."""
    found = uow.learn.lesson(lesson_id, user.id)
    if found is None:
        raise NotFound("Lesson not found.")
    return found
