"""In-memory learning content and lesson progress.

Content goes into `tables["learn_topics"]` (Topic, lessons left empty) and
`tables["learn_lessons"]` (Lesson with content) by id, as admins or the seed would write it.
"""
from __future__ import annotations

from dataclasses import replace

from ports.outbound.learn import LearnRepository


class InMemoryLearnRepository(LearnRepository):
    def __init__(self, tables: dict) -> None:
        self.topics: dict = tables["learn_topics"]
        self.lessons: dict = tables["learn_lessons"]
        self.progress_rows: dict = tables["lesson_progress"]

    def catalog(self, user_id):
        topics = sorted((t for t in self.topics.values() if t.published), key=lambda t: (t.position, t.id))
        found = [self._with_lessons(topic) for topic in topics]
        return found, self._completed(user_id, found)

    def topic(self, topic_id, user_id):
        topic = self.topics.get(topic_id)
        if topic is None or not topic.published:
            return None
        found = self._with_lessons(topic)
        return found, self._completed(user_id, [found])

    def lesson(self, lesson_id, user_id):
        lesson = self.lessons.get(lesson_id)
        topic = self.topics.get(lesson.topic_id) if lesson is not None else None
        if lesson is None or not lesson.published or not topic or not topic.published:
            return None
        progress = self.progress_rows.get((user_id, lesson_id))
        return lesson, replace(progress) if progress else None

    def record_completion(self, progress):
        stored = self.progress_rows.get((progress.user_id, progress.lesson_id))
        if stored is not None and stored.completed:
            return False
        self.progress_rows[(progress.user_id, progress.lesson_id)] = replace(progress)
        return True

    def _completed(self, user_id, topics) -> dict:
        listed = {lesson.id for topic in topics for lesson in topic.lessons}
        return {p.lesson_id: p.completed_at for (owner, _), p in self.progress_rows.items()
                if owner == user_id and p.completed and p.lesson_id in listed}

    def _with_lessons(self, topic):
        lessons = sorted((replace(lesson, content=None) for lesson in self.lessons.values()
                          if lesson.topic_id == topic.id and lesson.published), key=lambda l: (l.position, l.id))
        return replace(topic, lessons=tuple(lessons))
