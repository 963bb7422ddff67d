"""Postgres learning content (`learn_topics`, `learn_lessons`) and `user_lesson_progress`.

Topics come with their lessons in one round trip (an outer join, in order). Completing is
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
_TOPICS = (
    sa.select(t.id, t.title, t.description, t.icon, t.position, *_LESSON)
    .select_from(learn_topics.outerjoin(learn_lessons, sa.and_(l.topic_id == t.id, l.published)))
    .where(t.published)
    .order_by(t.position, t.id, l.position, l.id))
CATALOG = _TOPICS
TOPIC = _TOPICS.where(t.id == sa.bindparam("tid"))
LESSON = (sa.select(*_LESSON, l.content)
          .select_from(learn_lessons.join(learn_topics, t.id == l.topic_id))
          .where(l.id == sa.bindparam("lid"), l.published, t.published))
COMPLETED = sa.select(p.lesson_id, p.completed_at).where(p.user_id == sa.bindparam("u"), p.completed_at.is_not(None))
PROGRESS = (sa.select(p.user_id, p.lesson_id, p.started_at, p.completed_at, p.points_awarded, p.xp_awarded)
            .where(p.user_id == sa.bindparam("u"), p.lesson_id == sa.bindparam("lid")))
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


def _topics(rows) -> list[Topic]:
    topics: dict = {}
    for r in rows:
        lessons = topics.setdefault(r.id, (r, []))[1]
        if r.lesson_id is not None:
            lessons.append(_lesson(r))
    return [Topic(id=r.id, title=r.title, position=r.position, description=r.description, icon=r.icon,
                  lessons=tuple(lessons)) for r, lessons in topics.values()]


class PgLearnRepository(LearnRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def catalog(self):
        return _topics(self.connection.execute(CATALOG))

    def topic(self, topic_id):
        found = _topics(self.connection.execute(TOPIC, {"tid": topic_id}))
        return found[0] if found else None

    def lesson(self, lesson_id):
        row = self.connection.execute(LESSON, {"lid": lesson_id}).first()
        return _lesson(row, row.content) if row else None

    def completed(self, user_id):
        return {r.lesson_id: r.completed_at for r in self.connection.execute(COMPLETED, {"u": user_id})}

    def progress(self, user_id, lesson_id):
        row = self.connection.execute(PROGRESS, {"u": user_id, "lid": lesson_id}).first()
        return LessonProgress(**row._mapping) if row else None

    def record_completion(self, progress):
        row = self.connection.execute(RECORD_COMPLETION, {
            "u": progress.user_id, "lid": progress.lesson_id, "b_started": progress.started_at,
            "b_completed": progress.completed_at, "points": progress.points_awarded, "xp": progress.xp_awarded,
        }).first()
        return row is not None
