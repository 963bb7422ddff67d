"""One suite for the admin content store (five content tables), against the fake and Postgres:
rows read back as written, are what the areas' own repositories read, and deletes report the
history they take along."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.achievements import Unlocked
from domain.admin_content import ContentRow
from domain.learn import LessonProgress
from domain.market import MarketItem, Purchase
from domain.paging import PageRequest
from tests.support.users import stored_user

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)
VALUES = {
    "quest": {"title": "Read", "metric": "pages_read", "target": 10, "period": "weekly", "reward_points": 3,
              "description": "Ten pages", "sort_order": 4},
    "market_item": {"name": "Cinema", "cost": 0, "category": "fun", "icon": "🎬"},
    "achievement": {"title": "Bookworm", "condition_type": "books_finished", "threshold": 10**9, "reward_xp": 7},
    "learn_topic": {"title": "Calm", "position": 2, "published": False},
}


def stored(uow, kind, values, at=NOW) -> ContentRow:
    row = ContentRow.create(kind, values, at)
    with uow:
        uow.content.add(row)
        uow.commit()
    return row


def a_topic(uow, at=NOW) -> ContentRow:
    return stored(uow, "learn_topic", {"title": "Calm"}, at)


def a_lesson(uow, topic, at=NOW, title="Breathe") -> ContentRow:
    return stored(uow, "learn_lesson", {"topic_id": topic.id, "title": title, "content": "In, out.",
                                        "duration_minutes": 5}, at)


@pytest.mark.parametrize("kind", sorted(VALUES))
def test_a_row_reads_back_as_written_and_changes_as_saved(uow, kind):
    row = stored(uow, kind, VALUES[kind])
    with uow.read_only():
        assert uow.content.get(kind, row.id) == row
        assert uow.content.get(kind, uuid4()) is None
    later = NOW + timedelta(minutes=5)
    with uow:
        locked = uow.content.get(kind, row.id, lock=True)
        locked.update({"description": None} if kind != "learn_topic" else {"published": True, "icon": "x"}, later)
        uow.content.save(locked)
        uow.commit()
    with uow.read_only():
        assert uow.content.get(kind, row.id) == locked and locked.updated_at == later


def test_a_lesson_reads_back_with_its_topic(uow):
    topic = a_topic(uow)
    lesson = a_lesson(uow, topic)
    with uow.read_only():
        assert uow.content.get("learn_lesson", lesson.id) == lesson
        assert uow.content.get("learn_topic", lesson.id) is None


def test_lists_are_newest_first_after_a_cursor_and_narrow_to_a_topic(uow):
    one, two = a_topic(uow, NOW), a_topic(uow, NOW + timedelta(seconds=1))
    lessons = [a_lesson(uow, one if n % 2 else two, NOW + timedelta(seconds=n)) for n in range(4)]
    with uow.read_only():
        assert [r.id for r in uow.content.page("learn_topic", PageRequest(limit=1))] == [two.id, one.id]
        assert [r.id for r in uow.content.page("learn_topic", PageRequest(after=(two.created_at, two.id)))] == [one.id]
        assert [r.id for r in uow.content.page("learn_lesson", PageRequest(), topic_id=one.id)] == \
            [lessons[3].id, lessons[1].id]
        assert [r.id for r in uow.content.page("learn_lesson", PageRequest(limit=1), topic_id=two.id)] == \
            [lessons[2].id, lessons[0].id]


def test_what_admins_write_is_what_the_areas_read(uow):
    quest = stored(uow, "quest", VALUES["quest"])
    achievement = stored(uow, "achievement", VALUES["achievement"])
    item = stored(uow, "market_item", VALUES["market_item"])
    lesson = a_lesson(uow, a_topic(uow))
    with uow.read_only():
        [active] = uow.universal_quests.active({"pages_read"})
        assert (active.id, active.title, active.target, active.period, active.sort_order) == \
            (quest.id, "Read", 10, "weekly", 4)
        [definition] = [d for d, _, _ in uow.achievements.progress(uuid4()) if d.condition_type == "books_finished"]
        assert (definition.id, definition.threshold, definition.reward_xp) == (achievement.id, 10**9, 7)
        sold = uow.market.get_item(item.id)
        assert (sold.name, sold.cost, sold.user_id, sold.category) == ("Cinema", 0, None, "fun")
        read, _ = uow.learn.lesson(lesson.id, uuid4())
        assert (read.title, read.content, read.duration_minutes) == ("Breathe", "In, out.", 5)


def test_a_users_personal_reward_is_not_in_the_catalog(uow):
    ada = stored_user(uow, NOW)
    reward = MarketItem.personal(ada.id, name="Nap", cost=5, description=None, now=NOW)
    with uow:
        uow.market.add_item(reward)
        uow.commit()
    with uow:
        assert uow.content.get("market_item", reward.id) is None
        assert uow.content.page("market_item", PageRequest()) == []
        assert uow.content.delete("market_item", reward.id) == {}
        uow.commit()
    with uow.read_only():
        assert uow.market.get_item(reward.id) is not None


def test_deleting_a_quest_takes_its_progress(uow):
    ada, quest = stored_user(uow, NOW), stored(uow, "quest", VALUES["quest"])
    with uow:
        progress = uow.quest_progress.lock(ada.id, {quest.id: "2026-W10"})[quest.id]
        progress.progress = 4
        uow.quest_progress.save(progress)
        uow.commit()
    with uow:
        assert uow.content.delete("quest", quest.id) == {"user_quest_progress": 1}
        uow.commit()
    with uow.read_only():
        assert uow.content.get("quest", quest.id) is None


def test_deleting_an_achievement_takes_its_unlocks(uow):
    ada, achievement = stored_user(uow, NOW), stored(uow, "achievement", VALUES["achievement"])
    with uow:
        uow.achievements.unlock(ada.id, Unlocked(achievement.id, NOW, 0, 7))
        uow.commit()
    with uow:
        assert uow.content.delete("achievement", achievement.id) == {"user_achievements": 1}
        uow.commit()
    with uow.read_only():
        assert uow.achievements.progress(ada.id) == []


def test_deleting_a_catalog_item_keeps_its_purchases_detached(uow):
    ada, item = stored_user(uow, NOW), stored(uow, "market_item", VALUES["market_item"])
    purchase = Purchase(uuid4(), ada.id, item.id, "Cinema", 0, NOW)
    with uow:
        uow.market.add_purchase(purchase)
        uow.commit()
    with uow:
        assert uow.content.delete("market_item", item.id) == {"user_purchases_detached": 1}
        uow.commit()
    with uow.read_only():
        [kept] = uow.market.purchases_page(ada.id, PageRequest())
    assert (kept.id, kept.item_id, kept.item_name, kept.cost) == (purchase.id, None, "Cinema", 0)


def test_deleting_a_topic_takes_its_lessons_and_their_progress(uow):
    ada, topic, other = stored_user(uow, NOW), a_topic(uow), a_topic(uow)
    lessons = [a_lesson(uow, topic, title="One"), a_lesson(uow, topic, title="Two")]
    elsewhere = a_lesson(uow, other)
    with uow:
        for lesson in (*lessons, elsewhere):
            uow.learn.record_completion(LessonProgress(ada.id, lesson.id, NOW, NOW, 0, 0))
        uow.commit()
    with uow:
        assert uow.content.delete("learn_topic", topic.id) == {"learn_lessons": 2, "user_lesson_progress": 2}
        uow.commit()
    with uow.read_only():
        assert uow.content.get("learn_lesson", lessons[0].id) is None
        assert set(uow.learn.catalog(ada.id)[1]) == {elsewhere.id}
    with uow:
        assert uow.content.delete("learn_lesson", elsewhere.id) == {"user_lesson_progress": 1}
        assert uow.content.delete("learn_lesson", elsewhere.id) == {}
        uow.commit()
