"""Admin content and feedback triage on the in-memory unit of work: what admins write is what
the reward engine, the market and learn read, and each write leaves exactly one audit entry."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.audit import Actor
from domain.errors import InvalidInput, NotFound
from domain.feedback import Feedback
from domain.learn import LessonProgress
from domain.market import MarketItem, Purchase
from domain.paging import PageRequest
from domain.quests import QuestProgress
from ports.inbound import admin_content as content

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
ACTOR = Actor(uuid4(), "root@example.com", "req-9", "198.51.100.7")
QUEST = {"title": "Read 10 pages", "metric": "pages_read", "target": 10, "period": "daily", "reward_points": 5}


def audit(uow):
    return sorted(uow.tables["audit"].values(), key=lambda e: e.created_at)


def create(uow, clock, kind="quest", values=None):
    return content.create_content(uow, clock, actor=ACTOR, kind=kind, values=values or QUEST)


def test_a_created_quest_is_one_the_reward_engine_counts(uow, clock):
    row = create(uow, clock)
    assert uow.committed and row.values["reward_points"] == 5 and row.values["active"] is True
    [quest] = uow.universal_quests.active({"pages_read"})
    assert (quest.id, quest.target, quest.period, quest.reward_points) == (row.id, 10, "daily", 5)
    [entry] = audit(uow)
    assert (entry.action, entry.target_type, entry.target_id, entry.before) == ("quest.create", "quest",
                                                                                str(row.id), None)
    assert entry.after == row.snapshot() and (entry.request_id, entry.ip) == ("req-9", "198.51.100.7")


def test_an_update_is_audited_with_before_and_after(uow, clock):
    row = create(uow, clock)
    clock.advance(timedelta(minutes=5))
    changed = content.update_content(uow, clock, actor=ACTOR, kind="quest", row_id=row.id,
                                     changes={"active": False, "target": 12})
    assert (changed.values["active"], changed.values["target"], changed.updated_at) == (False, 12, clock.now())
    assert uow.universal_quests.active() == []
    entry = audit(uow)[-1]
    assert entry.action == "quest.update"
    assert (entry.before["active"], entry.before["target"], entry.after["active"], entry.after["target"]) == \
        (True, 10, False, 12)


def test_a_refused_update_writes_nothing(uow, clock):
    row = create(uow, clock)
    with pytest.raises(InvalidInput):
        content.update_content(uow, clock, actor=ACTOR, kind="quest", row_id=row.id, changes={"target": 0})
    assert content.get_content(uow, kind="quest", row_id=row.id).values["target"] == 10
    assert len(audit(uow)) == 1


def test_an_unknown_row_is_not_found_and_leaves_no_audit(uow, clock):
    for kind in ("quest", "market_item", "achievement", "learn_topic", "learn_lesson"):
        with pytest.raises(NotFound):
            content.update_content(uow, clock, actor=ACTOR, kind=kind, row_id=uuid4(), changes={"title": "x"})
        with pytest.raises(NotFound):
            content.delete_content(uow, clock, actor=ACTOR, kind=kind, row_id=uuid4())
    assert audit(uow) == []


def test_deleting_a_quest_takes_its_progress_and_says_so(uow, clock):
    row = create(uow, clock)
    user = uuid4()
    uow.tables["quest_progress"][(user, row.id, "2026-03-01")] = QuestProgress(row.id, user, "2026-03-01", 3)
    content.delete_content(uow, clock, actor=ACTOR, kind="quest", row_id=row.id)
    assert not uow.tables["universal_quests"] and not uow.tables["quest_progress"]
    entry = audit(uow)[-1]
    assert (entry.action, entry.before["title"]) == ("quest.delete", "Read 10 pages")
    assert entry.after == {"deleted": True, "history": {"user_quest_progress": 1}}


def test_a_catalog_item_is_sold_and_its_deletion_keeps_purchases(uow, clock):
    item = create(uow, clock, "market_item", {"name": "Cinema", "cost": 50})
    assert uow.market.get_item(item.id).visible_to(uuid4())
    purchase = Purchase(uuid4(), uuid4(), item.id, "Cinema", 50, NOW)
    uow.tables["user_purchases"][purchase.id] = purchase
    content.delete_content(uow, clock, actor=ACTOR, kind="market_item", row_id=item.id)
    assert uow.tables["user_purchases"][purchase.id].item_id is None
    assert audit(uow)[-1].after["history"] == {"user_purchases_detached": 1}


def test_a_users_personal_reward_is_not_content(uow, clock):
    reward = MarketItem.personal(uuid4(), name="Cake", cost=3, description=None, now=NOW)
    uow.tables["market_items"][reward.id] = reward
    assert content.list_content(uow, kind="market_item", request=PageRequest()).items == []
    with pytest.raises(NotFound):
        content.update_content(uow, clock, actor=ACTOR, kind="market_item", row_id=reward.id, changes={"cost": 1})


def test_a_lesson_needs_an_existing_topic(uow, clock):
    with pytest.raises(InvalidInput) as refused:
        create(uow, clock, "learn_lesson", {"topic_id": uuid4(), "title": "Breathe"})
    assert "topic_id" in refused.value.details["fields"] and audit(uow) == []


def test_a_published_lesson_reaches_learners_and_a_topic_deletion_takes_it_along(uow, clock):
    topic = create(uow, clock, "learn_topic", {"title": "Calm"})
    lesson = create(uow, clock, "learn_lesson", {"topic_id": topic.id, "title": "Breathe", "content": "In, out.",
                                                 "reward_points": 2})
    assert uow.learn.lesson(lesson.id, uuid4())[0].content == "In, out."
    learner = uuid4()
    uow.tables["lesson_progress"][(learner, lesson.id)] = LessonProgress(learner, lesson.id, NOW, NOW, 2, 0)
    content.delete_content(uow, clock, actor=ACTOR, kind="learn_topic", row_id=topic.id)
    assert uow.learn.catalog(learner) == ([], {}) and not uow.tables["learn_lessons"] and not uow.tables["lesson_progress"]
    assert audit(uow)[-1].after["history"] == {"learn_lessons": 1, "user_lesson_progress": 1}


def test_lists_are_newest_first_and_narrow_to_a_topic(uow, clock):
    first = create(uow, clock, "learn_topic", {"title": "One"})
    clock.advance(timedelta(seconds=1))
    second = create(uow, clock, "learn_topic", {"title": "Two"})
    clock.advance(timedelta(seconds=1))
    lesson = create(uow, clock, "learn_lesson", {"topic_id": second.id, "title": "L"})
    page = content.list_content(uow, kind="learn_topic", request=PageRequest(limit=1))
    assert [r.id for r in page.items] == [second.id] and page.next_after == (second.created_at, second.id)
    rest = content.list_content(uow, kind="learn_topic", request=PageRequest(limit=1, after=page.next_after))
    assert [r.id for r in rest.items] == [first.id] and rest.next_after is None
    assert content.list_content(uow, kind="learn_lesson", request=PageRequest(), topic_id=first.id).items == []
    assert [r.id for r in content.list_content(uow, kind="learn_lesson", request=PageRequest(),
                                               topic_id=second.id).items] == [lesson.id]


def a_feedback(uow, status="new", minutes_ago=0) -> Feedback:
    feedback = Feedback.submit(uuid4(), "bug", "It broke", NOW - timedelta(minutes=minutes_ago))
    feedback.status = status
    uow.tables["feedback"][feedback.id] = feedback
    return feedback


def test_triage_sets_the_status_and_is_audited(uow, clock):
    feedback = a_feedback(uow)
    done = content.triage_feedback(uow, clock, actor=ACTOR, feedback_id=feedback.id,
                                   changes={"status": "resolved", "admin_notes": "Fixed in 1.2"})
    assert (done.status, done.admin_notes, done.updated_at) == ("resolved", "Fixed in 1.2", NOW)
    stored = uow.tables["feedback"][feedback.id]
    assert (stored.status, stored.message) == ("resolved", "It broke")
    [entry] = audit(uow)
    assert (entry.action, entry.target_type, entry.before, entry.after) == (
        "feedback.triage", "feedback", {"status": "new", "admin_notes": None},
        {"status": "resolved", "admin_notes": "Fixed in 1.2"})


def test_triage_of_unknown_feedback_or_an_unknown_status_writes_nothing(uow, clock):
    feedback = a_feedback(uow)
    with pytest.raises(NotFound):
        content.triage_feedback(uow, clock, actor=ACTOR, feedback_id=uuid4(), changes={"status": "closed"})
    with pytest.raises(InvalidInput):
        content.triage_feedback(uow, clock, actor=ACTOR, feedback_id=feedback.id, changes={"status": "triaged"})
    assert uow.tables["feedback"][feedback.id].status == "new" and audit(uow) == []


def test_the_feedback_list_filters_by_status_newest_first(uow):
    old, new = a_feedback(uow, minutes_ago=5), a_feedback(uow)
    closed = a_feedback(uow, "closed", minutes_ago=1)
    assert [f.id for f in content.list_feedback(uow, request=PageRequest()).items] == [new.id, closed.id, old.id]
    assert [f.id for f in content.list_feedback(uow, request=PageRequest(), status="new").items] == [new.id, old.id]
