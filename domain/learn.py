"""Learning: published topics of ordered lessons (shared content) and each user's progress.

Topics run in (position, id) order and lessons within a topic in (position, id) order; that
order decides the next lesson. Unpublished topics and lessons do not exist for users, and
neither do the lessons of an unpublished topic. Completing a lesson earns its reward once:
a second completion changes nothing. Percentages are whole numbers rounded down, so 100
means every published lesson is done.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

COMPLETION_METRICS = {"lessons_completed": 1}


@dataclass(frozen=True)
class Lesson:
    id: UUID
    topic_id: UUID
    title: str
    position: int = 0
    summary: str | None = None
    duration_minutes: int | None = None
    reward_points: int = 0
    reward_xp: int = 0
    content: str | None = None  # None when read as part of a topic or the catalog
    published: bool = True


@dataclass(frozen=True)
class Topic:
    id: UUID
    title: str
    position: int = 0
    description: str | None = None
    icon: str | None = None
    published: bool = True
    lessons: tuple[Lesson, ...] = ()  # published ones, in order


@dataclass(frozen=True)
class LessonAward:
    points: int
    xp: int

    @property
    def is_empty(self) -> bool:
        return not self.points and not self.xp


@dataclass
class LessonProgress:
    user_id: UUID
    lesson_id: UUID
    started_at: datetime
    completed_at: datetime | None = None
    points_awarded: int = 0
    xp_awarded: int = 0

    @classmethod
    def start(cls, user_id: UUID, lesson_id: UUID, now: datetime) -> "LessonProgress":
        return cls(user_id=user_id, lesson_id=lesson_id, started_at=now)

    @property
    def completed(self) -> bool:
        return self.completed_at is not None

    def complete(self, lesson: Lesson, now: datetime) -> LessonAward | None:
        """Mark the lesson done and return its reward; None when it was done already (nothing again)."""
        if self.completed:
            return None
        self.completed_at = now
        self.points_awarded, self.xp_awarded = lesson.reward_points, lesson.reward_xp
        return LessonAward(lesson.reward_points, lesson.reward_xp)


@dataclass(frozen=True)
class LessonView:
    """A lesson as one user sees it: with whether (and when) they completed it."""

    id: UUID
    topic_id: UUID
    title: str
    summary: str | None
    position: int
    duration_minutes: int | None
    reward_points: int
    reward_xp: int
    content: str | None
    completed_at: datetime | None

    @classmethod
    def of(cls, lesson: Lesson, completed_at: datetime | None) -> "LessonView":
        return cls(id=lesson.id, topic_id=lesson.topic_id, title=lesson.title, summary=lesson.summary,
                   position=lesson.position, duration_minutes=lesson.duration_minutes,
                   reward_points=lesson.reward_points, reward_xp=lesson.reward_xp, content=lesson.content,
                   completed_at=completed_at)

    @property
    def completed(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True)
class TopicView:
    """A topic with the user's progress through its published lessons."""

    id: UUID
    title: str
    description: str | None
    icon: str | None
    position: int
    lessons: list[LessonView]
    lessons_total: int
    lessons_done: int
    progress: int  # percent


@dataclass(frozen=True)
class Dashboard:
    topics: list[TopicView]
    next_lesson: LessonView | None
    percent_done: int


def percent(done: int, total: int) -> int:
    """Whole percent, rounded down; 0 of 0 is 0."""
    return 100 * done // total if total else 0


def topic_view(topic: Topic, completed: dict[UUID, datetime]) -> TopicView:
    """The topic's lessons with the user's completion times (`completed`: lesson id → completed_at)."""
    lessons = [LessonView.of(lesson, completed.get(lesson.id)) for lesson in topic.lessons]
    done = sum(1 for lesson in lessons if lesson.completed)
    return TopicView(id=topic.id, title=topic.title, description=topic.description, icon=topic.icon,
                     position=topic.position, lessons=lessons, lessons_total=len(lessons), lessons_done=done,
                     progress=percent(done, len(lessons)))


def dashboard(topics: list[Topic], completed: dict[UUID, datetime]) -> Dashboard:
    """Progress per topic, the first unfinished lesson in topic then lesson order, and the overall percent."""
    views = [topic_view(topic, completed) for topic in topics]
    lessons = [lesson for view in views for lesson in view.lessons]
    upcoming = next((lesson for lesson in lessons if not lesson.completed), None)
    done = sum(view.lessons_done for view in views)
    return Dashboard(topics=views, next_lesson=upcoming, percent_done=percent(done, len(lessons)))
