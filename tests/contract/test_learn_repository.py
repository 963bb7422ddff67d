"""One suite for LearnRepository, run against the fake and Postgres."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from adapters.memory.unit_of_work import FakeUnitOfWork
from domain.learn import Lesson, LessonProgress, Topic
from tests.support.users import stored_user

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)


class Store:
    """A unit of work plus a way to put content where its adapter reads it (as admins or the seed do)."""

    def __init__(self, uow, put_topic, put_lesson):
        self.uow, self.put_topic, self.put_lesson = uow, put_topic, put_lesson


@pytest.fixture(params=["memory", "postgres"])
def store(request):
    if request.param == "memory":
        uow = FakeUnitOfWork()
        yield Store(uow, lambda t: uow.tables["learn_topics"].__setitem__(t.id, t),
                    lambda lesson: uow.tables["learn_lessons"].__setitem__(lesson.id, lesson))
        return
    from adapters.postgres.engine import make_engine
    from adapters.postgres.schema import learn_lessons, learn_topics
    from adapters.postgres.unit_of_work import PgUnitOfWork

    engine = make_engine(request.getfixturevalue("database_url"))

    def put_topic(t: Topic) -> None:
        with engine.begin() as connection:
            connection.execute(learn_topics.insert().values(
                id=t.id, title=t.title, description=t.description, icon=t.icon, position=t.position,
                published=t.published))

    def put_lesson(lesson: Lesson) -> None:
        with engine.begin() as connection:
            connection.execute(learn_lessons.insert().values(
                id=lesson.id, topic_id=lesson.topic_id, title=lesson.title, summary=lesson.summary,
                content=lesson.content, position=lesson.position, duration_minutes=lesson.duration_minutes,
                reward_points=lesson.reward_points, reward_xp=lesson.reward_xp, published=lesson.published))

    yield Store(PgUnitOfWork(engine), put_topic, put_lesson)
    engine.dispose()


def a_topic(store, position=1, published=True, **fields) -> Topic:
    topic = Topic(id=uuid4(), title=f"Topic {position}", position=position, published=published, **fields)
    store.put_topic(topic)
    return topic


def a_lesson(store, topic, position=1, published=True) -> Lesson:
    lesson = Lesson(id=uuid4(), topic_id=topic.id, title=f"Lesson {position}", position=position,
                    summary="Why", content=f"Body {position}", duration_minutes=4, reward_points=2, reward_xp=10,
                    published=published)
    store.put_lesson(lesson)
    return lesson


def listed(lesson: Lesson) -> Lesson:
    """As a catalog or topic read gives it: without content."""
    return Lesson(**{**vars(lesson), "content": None})


def test_the_catalog_holds_published_topics_in_order_with_their_published_lessons(store):
    user = stored_user(store.uow, NOW)
    second = a_topic(store, 2, description="Later", icon="map")
    first = a_topic(store, 1)
    a_topic(store, 0, published=False)
    empty = a_topic(store, 3)
    lessons = [a_lesson(store, first, 2), a_lesson(store, first, 1), a_lesson(store, second, 1)]
    a_lesson(store, first, 3, published=False)
    with store.uow.read_only():
        catalog, completed = store.uow.learn.catalog(user.id)
    assert completed == {}
    assert [t.id for t in catalog] == [first.id, second.id, empty.id]
    assert catalog[0].lessons == (listed(lessons[1]), listed(lessons[0]))
    assert (catalog[1].description, catalog[1].icon, catalog[1].lessons) == ("Later", "map", (listed(lessons[2]),))
    assert catalog[2].lessons == ()


def test_equal_positions_are_ordered_by_id(store):
    user = stored_user(store.uow, NOW)
    topics = [a_topic(store, 1) for _ in range(3)]
    with store.uow.read_only():
        assert [t.id for t in store.uow.learn.catalog(user.id)[0]] == sorted(t.id for t in topics)


def test_a_topic_reads_with_its_lessons_unless_unpublished_or_unknown(store):
    user = stored_user(store.uow, NOW)
    topic, hidden = a_topic(store), a_topic(store, 2, published=False)
    lesson = a_lesson(store, topic)
    with store.uow.read_only():
        found, completed = store.uow.learn.topic(topic.id, user.id)
        assert (found.id, found.title, found.lessons, completed) == (topic.id, topic.title, (listed(lesson),), {})
        assert store.uow.learn.topic(hidden.id, user.id) is None
        assert store.uow.learn.topic(uuid4(), user.id) is None


def test_a_lesson_reads_with_its_content_only_when_it_and_its_topic_are_published(store):
    user = stored_user(store.uow, NOW)
    topic, hidden = a_topic(store), a_topic(store, 2, published=False)
    lesson, draft, orphan = a_lesson(store, topic), a_lesson(store, topic, 2, published=False), a_lesson(store, hidden)
    with store.uow.read_only():
        assert store.uow.learn.lesson(lesson.id, user.id) == (Lesson(**{**vars(lesson), "published": True}), None)
        assert store.uow.learn.lesson(draft.id, user.id) is None and store.uow.learn.lesson(orphan.id, user.id) is None
        assert store.uow.learn.lesson(uuid4(), user.id) is None


def test_a_completion_is_recorded_once_and_read_back(store):
    user = stored_user(store.uow, NOW)
    lesson = a_lesson(store, a_topic(store))
    progress = LessonProgress.start(user.id, lesson.id, NOW)
    progress.complete(lesson, NOW + timedelta(minutes=3))
    with store.uow:
        assert store.uow.learn.record_completion(progress)
        store.uow.commit()
    again = LessonProgress.start(user.id, lesson.id, NOW + timedelta(days=1))
    again.complete(lesson, NOW + timedelta(days=1))
    with store.uow:
        assert not store.uow.learn.record_completion(again)
        store.uow.commit()
    with store.uow.read_only():
        assert store.uow.learn.lesson(lesson.id, user.id)[1] == progress
        assert store.uow.learn.catalog(user.id)[1] == {lesson.id: NOW + timedelta(minutes=3)}
        assert store.uow.learn.topic(lesson.topic_id, user.id)[1] == {lesson.id: NOW + timedelta(minutes=3)}


def test_progress_and_completions_are_per_user(store):
    ada, bob = stored_user(store.uow, NOW), stored_user(store.uow, NOW, "bob@example.com")
    lesson = a_lesson(store, a_topic(store))
    progress = LessonProgress.start(ada.id, lesson.id, NOW)
    progress.complete(lesson, NOW)
    with store.uow:
        store.uow.learn.record_completion(progress)
        store.uow.commit()
    with store.uow.read_only():
        assert store.uow.learn.lesson(lesson.id, bob.id)[1] is None and store.uow.learn.catalog(bob.id)[1] == {}
        assert list(store.uow.learn.catalog(ada.id)[1]) == [lesson.id]


def test_a_completion_that_is_rolled_back_leaves_nothing(store):
    user = stored_user(store.uow, NOW)
    lesson = a_lesson(store, a_topic(store))
    progress = LessonProgress.start(user.id, lesson.id, NOW)
    progress.complete(lesson, NOW)
    with store.uow:
        store.uow.learn.record_completion(progress)
    with store.uow.read_only():
        assert store.uow.learn.lesson(lesson.id, user.id)[1] is None


@pytest.mark.parametrize("store", ["postgres"], indirect=True)
def test_of_two_concurrent_completions_only_one_is_recorded(store):
    from adapters.postgres.unit_of_work import PgUnitOfWork

    user = stored_user(store.uow, NOW)
    lesson = a_lesson(store, a_topic(store))
    first, second = store.uow, PgUnitOfWork(store.uow.engine)

    def completion(at):
        progress = LessonProgress.start(user.id, lesson.id, at)
        progress.complete(lesson, at)
        return progress

    results = []
    with first:
        assert first.learn.record_completion(completion(NOW))
        racer = threading.Thread(target=lambda: results.append(_record_and_commit(second, completion(NOW))))
        racer.start()
        racer.join(0.5)
        assert racer.is_alive()  # waits on the first transaction's row
        first.commit()
    racer.join(5)
    assert results == [False]


def _record_and_commit(uow, progress) -> bool:
    with uow:
        recorded = uow.learn.record_completion(progress)
        uow.commit()
    return recorded
