"""Learning on plain objects: progress through topics, the next lesson, completing once."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

from domain.learn import Lesson, LessonProgress, LessonView, Topic, dashboard, percent, topic_view

NOW = datetime(2026, 2, 1, 8, 0, tzinfo=timezone.utc)


def a_topic(position: int, lessons: int, **rewards) -> Topic:
    topic_id = uuid4()
    return Topic(id=topic_id, title=f"Topic {position}", position=position, lessons=tuple(
        Lesson(id=uuid4(), topic_id=topic_id, title=f"Lesson {position}.{n}", position=n, **rewards)
        for n in range(1, lessons + 1)))


def test_percent_is_rounded_down_and_zero_of_zero_is_zero():
    assert [percent(0, 0), percent(1, 3), percent(2, 3), percent(3, 3), percent(199, 200)] == [0, 33, 66, 100, 99]


def test_a_fresh_user_starts_with_the_first_lesson_of_the_first_topic():
    first, second = a_topic(1, 2), a_topic(2, 1)
    board = dashboard([first, second], {})
    assert board.next_lesson.id == first.lessons[0].id and not board.next_lesson.completed
    assert [(t.lessons_total, t.lessons_done, t.progress) for t in board.topics] == [(2, 0, 0), (1, 0, 0)]
    assert board.percent_done == 0


def test_the_next_lesson_is_the_first_unfinished_one_in_topic_then_lesson_order():
    first, second = a_topic(1, 2), a_topic(2, 2)
    done = {first.lessons[0].id: NOW, first.lessons[1].id: NOW, second.lessons[1].id: NOW}
    board = dashboard([first, second], done)
    assert board.next_lesson.id == second.lessons[0].id
    assert [(t.lessons_done, t.progress) for t in board.topics] == [(2, 100), (1, 50)]
    assert board.percent_done == 75


def test_a_lesson_skipped_earlier_comes_before_later_topics():
    first, second = a_topic(1, 2), a_topic(2, 1)
    board = dashboard([first, second], {first.lessons[1].id: NOW, second.lessons[0].id: NOW})
    assert board.next_lesson.id == first.lessons[0].id


def test_when_everything_is_done_there_is_no_next_lesson_and_it_is_100_percent():
    topic = a_topic(1, 3)
    board = dashboard([topic], {lesson.id: NOW for lesson in topic.lessons})
    assert board.next_lesson is None and board.percent_done == 100


def test_completions_of_lessons_no_longer_published_do_not_count():
    topic = a_topic(1, 2)
    board = dashboard([topic], {uuid4(): NOW, topic.lessons[0].id: NOW})
    assert (board.topics[0].lessons_done, board.percent_done) == (1, 50)


def test_without_content_the_dashboard_is_empty():
    board = dashboard([], {})
    assert (board.topics, board.next_lesson, board.percent_done) == ([], None, 0)


def test_a_topic_with_no_lessons_has_zero_progress():
    view = topic_view(a_topic(1, 0), {})
    assert (view.lessons, view.lessons_total, view.lessons_done, view.progress) == ([], 0, 0, 0)


def test_a_topic_view_marks_each_lesson_with_its_completion_time():
    topic = a_topic(1, 2)
    view = topic_view(topic, {topic.lessons[1].id: NOW})
    assert [(lesson.completed, lesson.completed_at) for lesson in view.lessons] == [(False, None), (True, NOW)]
    assert (view.id, view.title, view.lessons_done, view.progress) == (topic.id, topic.title, 1, 50)


def test_completing_a_lesson_earns_its_reward_once():
    lesson = a_topic(1, 1, reward_points=2, reward_xp=10).lessons[0]
    progress = LessonProgress.start(uuid4(), lesson.id, NOW)
    award = progress.complete(lesson, NOW + timedelta(minutes=5))
    assert (award.points, award.xp, award.is_empty) == (2, 10, False)
    assert (progress.completed_at, progress.points_awarded, progress.xp_awarded) == (NOW + timedelta(minutes=5), 2, 10)
    assert progress.complete(lesson, NOW + timedelta(hours=1)) is None
    assert progress.completed_at == NOW + timedelta(minutes=5)


def test_a_lesson_without_a_reward_gives_an_empty_award():
    lesson = a_topic(1, 1).lessons[0]
    award = LessonProgress.start(uuid4(), lesson.id, NOW).complete(lesson, NOW)
    assert award.is_empty


def test_a_lesson_view_carries_the_lesson_and_its_completion():
    lesson = Lesson(id=uuid4(), topic_id=uuid4(), title="One", content="Body", summary="S", duration_minutes=4)
    view = LessonView.of(lesson, None)
    assert (view.id, view.title, view.content, view.summary, view.duration_minutes, view.completed) == \
        (lesson.id, "One", "Body", "S", 4, False)
    assert LessonView.of(lesson, NOW).completed
