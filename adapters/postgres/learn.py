"""Postgres learning content (`learn_topics`, `learn_lessons`) and `user_lesson_progress`.

Topics come with their lessons and the user's completions of them in one round trip (outer
joins, in order); a lesson with the user's progress row likewise. Completing is
`INSERT … ON CONFLICT DO UPDATE … WHERE completed_at IS NULL RETURNING`: of two concurrent
completions the second waits on the first one's row and then finds it completed, so only
one of them reports a new completion (and awards it).
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from adapters.postgres.schema import learn_lessons, learn_topics, user_lesson_progress
from domain.learn import Lesson, LessonProgress, Topic
from ports.outbound.learn import LearnRepository

t, l, p = learn_topics.c, learn_lessons.c, user_lesson_progress.c
_LESSON = [l.id.label("lesson_id"), l.topic_id, l.title.label("lesson_title"), l.summary,
           l.position.label("lesson_position"), l.duration_minutes, l.reward_points, l.reward_xp]
_MINE = sa.and_(p.lesson_id == l.id, p.user_id == sa.bindparam("u"))
_TOPICS = (
    sa.select(t.id, t.title, t.description, t.icon, t.position, *_LESSON, p.completed_at)
    .select_from(learn_topics.outerjoin(learn_lessons, sa.and_(l.topic_id == t.id, l.published))
                 .outerjoin(user_lesson_progress, _MINE))
    .where(t.published)
    .order_by(t.position, t.id, l.position, l.id))
CATALOG = _TOPICS
TOPIC = _TOPICS.where(t.id == sa.bindparam("tid"))
_PROGRESS = (p.user_id, p.lesson_id, p.started_at, p.completed_at, p.points_awarded, p.xp_awarded)
LESSON = (sa.select(*_LESSON, l.content, *(column.label(f"p_{column.name}") for column in _PROGRESS))
          .select_from(learn_lessons.join(learn_topics, t.id == l.topic_id).outerjoin(user_lesson_progress, _MINE))
          .where(l.id == sa.bindparam("lid"), l.published, t.published))
_NEW = insert(user_lesson_progress).values(
    user_id=sa.bindparam("u"), lesson_id=sa.bindparam("lid"), started_at=sa.bindparam("b_started"),
    completed_at=sa.bindparam("b_completed"), points_awarded=sa.bindparam("points"), xp_awarded=sa.bindparam("xp"))
RECORD_COMPLETION = _NEW.on_conflict_do_update(
    index_elements=[p.user_id, p.lesson_id],
    set_={"completed_at": _NEW.excluded.completed_at, "points_awarded": _NEW.excluded.points_awarded,
          "xp_awarded": _NEW.excluded.xp_awarded, "updated_at": sa.func.now()},
    where=p.completed_at.is_(None)).returning(p.id)


def _lesson(r, content=None) -> Lesson:
    return Lesson(id=r.lesson_id, topic_id=r.topic_id, title=r.lesson_title, position=r.lesson_position,
                  summary=r.summary, duration_minutes=r.duration_minutes, reward_points=r.reward_points,
                  reward_xp=r.reward_xp, content=content)


def _topics(rows) -> tuple[list[Topic], dict]:
    """Topics with their lessons, and lesson id → completed_at of the lessons the user completed."""
    topics: dict = {}
    completed: dict = {}
    for r in rows:
        lessons = topics.setdefault(r.id, (r, []))[1]
        if r.lesson_id is not None:
            lessons.append(_lesson(r))
        if r.completed_at is not None:
            completed[r.lesson_id] = r.completed_at
    return [Topic(id=r.id, title=r.title, position=r.position, description=r.description, icon=r.icon,
                  lessons=tuple(lessons)) for r, lessons in topics.values()], completed


class PgLearnRepository(LearnRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def catalog(self, user_id):
        return _topics(self.connection.execute(CATALOG, {"u": user_id}))

    def topic(self, topic_id, user_id):
        topics, completed = _topics(self.connection.execute(TOPIC, {"tid": topic_id, "u": user_id}))
        return (topics[0], completed) if topics else None

    def lesson(self, lesson_id, user_id):
        row = self.connection.execute(LESSON, {"lid": lesson_id, "u": user_id}).first()
        if row is None:
            return None
        progress = LessonProgress(**{c.name: row._mapping[f"p_{c.name}"] for c in _PROGRESS})
        return _lesson(row, row.content), progress if row.p_user_id is not None else None

    def record_completion(self, progress):
        row = self.connection.execute(RECORD_COMPLETION, {
            "u": progress.user_id, "lid": progress.lesson_id, "b_started": progress.started_at,
            "b_completed": progress.completed_at, "points": progress.points_awarded, "xp": progress.xp_awarded,
        }).first()
        return row is not None
