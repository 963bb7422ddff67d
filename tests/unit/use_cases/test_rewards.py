"""The reward engine on fakes: once-per-source posts, quest periods, achievements and chains."""
from datetime import date, datetime, timedelta, timezone

import pytest

from domain.errors import InsufficientFunds
from domain.wallet import Source
from ports.inbound import rewards
from tests.support.gamification import a_definition, a_quest, a_user, an_event

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)  # a Wednesday


def give(uow, user, points, *, xp=0, source="gift"):
    with uow:
        entry = rewards.post(uow, user.id, points=points, xp=xp, reason="test", source=Source("test", source), now=NOW)
        uow.commit()
    return entry


def record(uow, user, event):
    with uow:
        earned = rewards.record(uow, user, event, event.occurred_at)
        uow.commit()
    return earned


def balance(uow, user):
    wallet = uow.tables["wallets"].get(user.id)
    return (wallet.balance, wallet.xp) if wallet else (0, 0)


def ledger_sum(uow, user):
    return sum(e.delta for e in uow.tables["ledger"].values() if e.user_id == user.id)


def test_a_post_is_applied_once_per_source(uow):
    user = a_user(uow)
    assert give(uow, user, 10, xp=4).balance_after == 10
    assert give(uow, user, 10, xp=4) is None
    assert balance(uow, user) == (10, 4) and len(uow.tables["ledger"]) == 1


def test_an_overdraft_raises_and_writes_nothing(uow):
    user = a_user(uow)
    give(uow, user, 20)
    before = {name: dict(rows) for name, rows in uow.tables.items()}
    with pytest.raises(InsufficientFunds):
        with uow:
            rewards.post(uow, user.id, points=-21, xp=0, reason="buy", source=Source("purchase", "p"), now=NOW)
            uow.commit()
    assert {name: dict(rows) for name, rows in uow.tables.items()} == before


def test_the_ledger_always_sums_to_the_balance(uow):
    user = a_user(uow)
    for n, points in enumerate([30, -10, 5, -25, 40]):
        give(uow, user, points, source=str(n))
    assert ledger_sum(uow, user) == balance(uow, user)[0] == 40


def test_record_appends_the_event(uow):
    user = a_user(uow)
    event = an_event(user, NOW, focus_sessions_completed=1)
    record(uow, user, event)
    assert uow.tables["activity"][event.id] == event


def test_a_daily_quest_completes_once_and_rewards_once(uow):
    user = a_user(uow)
    quest = a_quest(uow, "focus_sessions_completed", 2, "daily", points=5, xp=10)
    assert record(uow, user, an_event(user, NOW, focus_sessions_completed=1)).quests == []
    earned = record(uow, user, an_event(user, NOW + timedelta(hours=1), focus_sessions_completed=1))
    assert earned.quests == [(quest.id, "2026-03-04")] and (earned.points, earned.xp) == (5, 10)
    third = record(uow, user, an_event(user, NOW + timedelta(hours=2), focus_sessions_completed=1))
    assert third.quests == [] and balance(uow, user) == (5, 10)
    progress = uow.tables["quest_progress"][(user.id, quest.id, "2026-03-04")]
    assert progress.progress == 3 and progress.completed


def test_a_daily_quest_starts_over_on_the_users_next_day(uow):
    user = a_user(uow, timezone="Europe/Berlin", day_start_hour=4)
    quest = a_quest(uow, "focus_minutes", 30, "daily", points=3)
    late = datetime(2026, 3, 4, 23, 30, tzinfo=timezone.utc)  # 00:30 local on the 5th: still the 4th's day
    record(uow, user, an_event(user, datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc), focus_minutes=20))
    assert record(uow, user, an_event(user, late, focus_minutes=10)).quests == [(quest.id, "2026-03-04")]
    next_day = datetime(2026, 3, 5, 3, 0, tzinfo=timezone.utc)  # 04:00 local: the 5th begins
    assert record(uow, user, an_event(user, next_day, focus_minutes=25)).quests == []
    assert uow.tables["quest_progress"][(user.id, quest.id, "2026-03-05")].progress == 25


def test_a_weekly_quest_sums_monday_to_sunday_only(uow):
    user = a_user(uow)
    quest = a_quest(uow, "pages_read", 100, "weekly", points=7)
    sunday_before = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
    record(uow, user, an_event(user, sunday_before, type="reading.logged", pages_read=90))
    record(uow, user, an_event(user, datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc), type="reading.logged",
                               pages_read=60))
    earned = record(uow, user, an_event(user, datetime(2026, 3, 8, 20, 0, tzinfo=timezone.utc), type="reading.logged",
                                        pages_read=40))
    assert earned.quests == [(quest.id, "2026-W10")] and balance(uow, user)[0] == 7


def test_a_backdated_event_counts_for_its_own_day(uow):
    user = a_user(uow)
    quest = a_quest(uow, "habit_logs_done", 1, "daily", points=1)
    yesterday = date(2026, 3, 3)
    earned = record(uow, user, an_event(user, NOW, type="habit.logged", local_date=yesterday, habit_logs_done=1))
    assert earned.quests == [(quest.id, "2026-03-03")]


def test_an_undo_event_lowers_progress_but_a_completion_stays_rewarded_once(uow):
    user = a_user(uow)
    quest = a_quest(uow, "habit_logs_done", 1, "daily", points=2)
    record(uow, user, an_event(user, NOW, type="habit.logged", habit_logs_done=1))
    record(uow, user, an_event(user, NOW, type="habit.unlogged", habit_logs_done=-1))
    again = record(uow, user, an_event(user, NOW, type="habit.logged", habit_logs_done=1))
    assert again.quests == [] and balance(uow, user)[0] == 2
    assert uow.tables["quest_progress"][(user.id, quest.id, "2026-03-04")].progress == 1


def test_an_achievement_unlocks_once_when_its_threshold_is_met(uow):
    user = a_user(uow)
    first = a_definition(uow, "focus_sessions_completed", 2, points=5, xp=5)
    assert record(uow, user, an_event(user, NOW, focus_sessions_completed=1)).achievements == []
    assert record(uow, user, an_event(user, NOW, focus_sessions_completed=1)).achievements == [first.id]
    assert record(uow, user, an_event(user, NOW, focus_sessions_completed=1)).achievements == []
    assert balance(uow, user) == (5, 5) and len(uow.tables["user_achievements"]) == 1


def test_an_inactive_achievement_never_unlocks(uow):
    user = a_user(uow)
    a_definition(uow, "focus_sessions_completed", 1, points=5, active=False)
    assert record(uow, user, an_event(user, NOW, focus_sessions_completed=1)).achievements == []


def test_rewards_chain_into_level_and_points_achievements_in_the_same_action(uow):
    user = a_user(uow)
    first = a_definition(uow, "focus_sessions_completed", 1, points=10, xp=100)
    level_two = a_definition(uow, "level_reached", 2, points=1)
    rich = a_definition(uow, "points_earned", 11, xp=1)
    earned = record(uow, user, an_event(user, NOW, focus_sessions_completed=1))
    assert set(earned.achievements) == {first.id, level_two.id, rich.id}
    assert balance(uow, user) == (11, 101)
    assert ledger_sum(uow, user) == 11


def test_a_completed_quest_counts_toward_quest_achievements(uow):
    user = a_user(uow)
    a_quest(uow, "focus_minutes", 10, "daily", points=1)
    questing = a_definition(uow, "quests_completed", 1, points=4)
    earned = record(uow, user, an_event(user, NOW, focus_minutes=10))
    assert questing.id in earned.achievements and balance(uow, user)[0] == 5
    assert any(e.type == "quest.completed" for e in uow.tables["activity"].values())


def test_award_posts_and_records_in_one_go(uow):
    user = a_user(uow)
    a_definition(uow, "focus_minutes", 25, points=3)
    with uow:
        earned = rewards.award(uow, user, points=25, xp=25, reason="Focus", source=Source("focus", "s1"),
                               event=an_event(user, NOW, focus_minutes=25), now=NOW)
        uow.commit()
    assert (earned.points, earned.xp) == (28, 25) and balance(uow, user) == (28, 25)


def test_nothing_commits_when_the_caller_does_not(uow):
    user = a_user(uow)
    a_definition(uow, "focus_sessions_completed", 1, points=5)
    with uow:
        rewards.record(uow, user, an_event(user, NOW, focus_sessions_completed=1), NOW)
    assert not uow.tables["activity"] and not uow.tables["user_achievements"] and not uow.tables["ledger"]
