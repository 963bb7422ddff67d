"""Quests as rules: the user's own (by hand, XP only) and the cards GET /quests shows."""
from datetime import date, datetime, timezone
from uuid import uuid4

import pytest

from domain.errors import Conflict, InvalidInput
from domain.quests import USER_QUEST_XP, QuestCard, QuestProgress, UniversalQuest, UserQuest

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)
WEDNESDAY = date(2026, 3, 4)


def a_quest(target=10, **fields) -> UserQuest:
    return UserQuest.create(uuid4(), "Read the paper", target, NOW, **fields)


def universal(period="daily", metric="focus_minutes", target=25) -> UniversalQuest:
    return UniversalQuest(id=uuid4(), key=None, title="Focus", description="Focus a while", metric=metric,
                          target=target, period=period, reward_points=5, reward_xp=10)


@pytest.mark.parametrize("target", [0, -1, 1_000_001])
def test_a_quest_needs_a_target_between_one_and_a_million(target):
    with pytest.raises(InvalidInput):
        a_quest(target)


def test_a_new_quest_is_active_without_progress_and_earns_the_standard_xp():
    quest = a_quest(due_date=date(2026, 3, 10), description="All of it")
    assert (quest.status, quest.progress, quest.reward_xp, quest.created_at) == ("active", 0, USER_QUEST_XP, NOW)
    assert (quest.due_date, quest.description) == (date(2026, 3, 10), "All of it")


def test_progress_never_passes_the_target():
    quest = a_quest(10)
    quest.add_progress(7)
    quest.add_progress(7)
    assert quest.progress == 10


def test_progress_never_drops_below_zero():
    quest = a_quest(10)
    quest.add_progress(3)
    quest.add_progress(-5)
    assert quest.progress == 0


def test_completing_earns_the_xp_once_and_fills_the_progress():
    quest = a_quest(10)
    assert quest.complete(NOW) == USER_QUEST_XP
    assert (quest.status, quest.completed_at, quest.progress) == ("completed", NOW, 10)
    with pytest.raises(Conflict):
        quest.complete(NOW)


def test_a_completed_quest_no_longer_moves():
    quest = a_quest(10)
    quest.complete(NOW)
    with pytest.raises(Conflict):
        quest.add_progress(-1)
    assert quest.progress == 10


def test_lowering_the_target_below_the_progress_pulls_the_progress_down():
    quest = a_quest(10)
    quest.add_progress(8)
    quest.edit({"target": 5, "title": "Shorter"})
    assert (quest.target, quest.progress, quest.title) == (5, 5, "Shorter")


def test_raising_a_completed_quests_target_keeps_it_full():
    quest = a_quest(10)
    quest.complete(NOW)
    quest.edit({"target": 20})
    assert (quest.progress, quest.status) == (20, "completed")


def test_a_bad_target_in_an_edit_changes_nothing():
    quest = a_quest(10)
    with pytest.raises(InvalidInput):
        quest.edit({"title": "Other", "target": 0})
    assert (quest.title, quest.target) == ("Read the paper", 10)


def test_an_edit_may_clear_the_due_date_and_description():
    quest = a_quest(due_date=date(2026, 3, 10), description="x")
    quest.edit({"due_date": None, "description": None})
    assert (quest.due_date, quest.description) == (None, None)


def test_a_personal_card_never_offers_points():
    quest = a_quest(10, due_date=date(2026, 3, 10))
    card = QuestCard.personal(quest)
    assert (card.kind, card.reward_points, card.reward_xp, card.completed, card.status) == \
        ("personal", 0, USER_QUEST_XP, False, "active")
    assert (card.period, card.period_key, card.due_date) == (None, None, date(2026, 3, 10))


def test_a_completed_personal_card_says_so():
    quest = a_quest(10)
    quest.complete(NOW)
    assert QuestCard.personal(quest).completed


@pytest.mark.parametrize("period,key,due", [("daily", "2026-03-04", date(2026, 3, 4)),
                                            ("weekly", "2026-W10", date(2026, 3, 8)), ("once", "once", None)])
def test_a_universal_card_names_its_current_period_and_when_it_ends(period, key, due):
    card = QuestCard.universal(universal(period), WEDNESDAY, 12, None)
    assert (card.kind, card.period, card.period_key, card.due_date) == ("universal", period, key, due)
    assert (card.progress, card.completed, card.status, card.reward_points) == (12, False, "active", 5)


def test_a_universal_card_is_completed_only_by_a_stored_completion():
    quest = universal(target=25)
    reached = QuestCard.universal(quest, WEDNESDAY, 30, None)
    stored = QuestProgress(quest.id, uuid4(), "2026-03-04", 30, completed_at=NOW)
    assert not reached.completed and reached.progress == 30
    done = QuestCard.universal(quest, WEDNESDAY, 30, stored)
    assert (done.completed, done.status) == (True, "completed")


def test_an_undone_total_never_shows_negative_progress():
    assert QuestCard.universal(universal(), WEDNESDAY, -3, None).progress == 0


def test_an_edit_never_touches_status_progress_or_reward():
    quest = a_quest(10)
    quest.edit({"status": "completed", "progress": 10, "reward_xp": 1000, "user_id": uuid4()})
    assert (quest.status, quest.progress, quest.reward_xp) == ("active", 0, USER_QUEST_XP)


def test_progress_may_be_taken_back_while_active():
    quest = a_quest(10)
    quest.add_progress(6)
    quest.add_progress(-2)
    assert quest.progress == 4


def test_a_quest_may_be_completed_by_hand_before_its_progress_is_full():
    quest = a_quest(10)
    quest.add_progress(2)
    assert quest.complete(NOW) == USER_QUEST_XP and quest.progress == 10


@pytest.mark.parametrize("day,key", [(date(2026, 3, 2), "2026-W10"), (date(2026, 3, 8), "2026-W10"),
                                     (date(2026, 3, 9), "2026-W11"), (date(2027, 1, 1), "2026-W53")])
def test_a_weekly_card_belongs_to_the_iso_week_of_the_day(day, key):
    assert QuestCard.universal(universal("weekly"), day, 0, None).period_key == key


def test_a_stored_completion_of_a_card_shows_even_when_the_total_was_undone():
    quest = universal(target=25)
    stored = QuestProgress(quest.id, uuid4(), "2026-03-04", 25, completed_at=NOW)
    shown = QuestCard.universal(quest, WEDNESDAY, 10, stored)
    assert (shown.progress, shown.completed) == (10, True)
