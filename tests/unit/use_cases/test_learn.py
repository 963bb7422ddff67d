"""Learn use cases on the in-memory unit of work and a clock that moves only when told."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import NotFound
from domain.learn import Lesson, Topic
from domain.wallet import Source
from ports.inbound import learn
from tests.support.gamification import a_quest, a_user

NOW = datetime(2026, 2, 1, 8, 0, tzinfo=timezone.utc)


def a_topic(uow, position=1, published=True) -> Topic:
    topic = Topic(id=uuid4(), title=f"Topic {position}", position=position, published=published)
    uow.tables["learn_topics"][topic.id] = topic
    return topic


def a_lesson(uow, topic, position=1, points=2, xp=10, published=True) -> Lesson:
    lesson = Lesson(id=uuid4(), topic_id=topic.id, title=f"Lesson {position}", position=position,
                    content=f"Content {position}", reward_points=points, reward_xp=xp, published=published)
    uow.tables["learn_lessons"][lesson.id] = lesson
    return lesson


def complete(uow, clock, user, lesson_id):
    uow.committed = False
    return learn.complete_lesson(uow, clock, user=user, lesson_id=lesson_id)


def events(uow, user):
    return [(e.type, e.subject_id, e.metrics) for e in uow.tables["activity"].values() if e.user_id == user.id]


def wallet(uow, user):
    found = uow.tables["wallets"].get(user.id)
    return (found.balance, found.xp) if found else (0, 0)


def test_completing_a_lesson_awards_its_reward_and_records_the_event_in_one_commit(uow, clock, ada):
    lesson = a_lesson(uow, a_topic(uow))
    done = complete(uow, clock, ada, lesson.id)
    assert uow.committed and done.lesson.completed and done.lesson.completed_at == NOW
    assert (done.earned.points, done.earned.xp) == (2, 10) and wallet(uow, ada) == (2, 10)
    assert (ada.id, Source("lesson", str(lesson.id))) in uow.tables["ledger"]
    assert events(uow, ada) == [("learn.lesson_completed", str(lesson.id), {"lessons_completed": 1})]


def test_a_second_complete_awards_nothing_and_records_nothing(uow, clock, ada):
    lesson = a_lesson(uow, a_topic(uow))
    complete(uow, clock, ada, lesson.id)
    clock.advance(timedelta(days=1))
    again = complete(uow, clock, ada, lesson.id)
    assert again.lesson.completed_at == NOW and (again.earned.points, again.earned.xp) == (0, 0)
    assert wallet(uow, ada) == (2, 10) and len(events(uow, ada)) == 1 and len(uow.tables["ledger"]) == 1


def test_a_lesson_without_a_reward_is_recorded_but_writes_no_ledger_row(uow, clock, ada):
    lesson = a_lesson(uow, a_topic(uow), points=0, xp=0)
    done = complete(uow, clock, ada, lesson.id)
    assert done.lesson.completed and uow.tables["ledger"] == {} and len(events(uow, ada)) == 1


def test_completing_a_lesson_advances_a_lessons_quest_in_the_same_transaction(uow, clock, ada):
    quest = a_quest(uow, "lessons_completed", 1, "weekly", points=10, xp=20)
    lesson = a_lesson(uow, a_topic(uow))
    done = complete(uow, clock, ada, lesson.id)
    assert [quest_id for quest_id, _ in done.earned.quests] == [quest.id]
    assert wallet(uow, ada) == (12, 30)


def test_completions_are_per_user(uow, clock, ada):
    lesson = a_lesson(uow, a_topic(uow))
    bob = a_user(uow, email="bob@example.com", now=NOW)
    complete(uow, clock, ada, lesson.id)
    assert complete(uow, clock, bob, lesson.id).earned.points == 2
    assert not learn.get_lesson(uow, user=a_user(uow, email="cy@example.com"), lesson_id=lesson.id).completed


@pytest.mark.parametrize("what", ["missing", "unpublished lesson", "unpublished topic"])
def test_a_missing_or_unpublished_lesson_is_not_found_and_writes_nothing(uow, clock, ada, what):
    topic = a_topic(uow, published=what != "unpublished topic")
    lesson = a_lesson(uow, topic, published=what != "unpublished lesson")
    lesson_id = uuid4() if what == "missing" else lesson.id
    with pytest.raises(NotFound):
        complete(uow, clock, ada, lesson_id)
    with pytest.raises(NotFound):
        learn.get_lesson(uow, user=ada, lesson_id=lesson_id)
    assert not uow.committed and uow.tables["activity"] == {} and uow.tables["lesson_progress"] == {}


def test_an_unpublished_topic_is_not_found(uow, ada):
    topic = a_topic(uow, published=False)
    with pytest.raises(NotFound):
        learn.get_topic(uow, user=ada, topic_id=topic.id)
    with pytest.raises(NotFound):
        learn.get_topic(uow, user=ada, topic_id=uuid4())


def test_a_topic_lists_its_published_lessons_in_order_with_completion(uow, clock, ada):
    topic = a_topic(uow)
    second, first = a_lesson(uow, topic, 2), a_lesson(uow, topic, 1)
    a_lesson(uow, topic, 3, published=False)
    complete(uow, clock, ada, second.id)
    view = learn.get_topic(uow, user=ada, topic_id=topic.id)
    assert [(lesson.id, lesson.completed, lesson.content) for lesson in view.lessons] == \
        [(first.id, False, None), (second.id, True, None)]
    assert (view.lessons_total, view.lessons_done, view.progress) == (2, 1, 50)


def test_a_lesson_reads_with_its_content(uow, ada):
    lesson = a_lesson(uow, a_topic(uow))
    view = learn.get_lesson(uow, user=ada, lesson_id=lesson.id)
    assert (view.content, view.completed) == ("Content 1", False)


def test_the_dashboard_follows_progress_across_topics(uow, clock, ada):
    later, first = a_topic(uow, 2), a_topic(uow, 1)
    a_topic(uow, 3, published=False)
    one, two = a_lesson(uow, first, 1), a_lesson(uow, first, 2)
    three = a_lesson(uow, later, 1)
    board = learn.get_dashboard(uow, user=ada)
    assert [t.id for t in board.topics] == [first.id, later.id] and board.next_lesson.id == one.id
    complete(uow, clock, ada, one.id)
    complete(uow, clock, ada, two.id)
    board = learn.get_dashboard(uow, user=ada)
    assert (board.next_lesson.id, board.percent_done) == (three.id, 66)
    assert [(t.lessons_done, t.progress) for t in board.topics] == [(2, 100), (0, 0)]
