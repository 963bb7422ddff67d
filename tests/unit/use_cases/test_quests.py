"""Quest use cases on fakes: the user's own quests, and universal ones across the user's days."""
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from adapters.memory.clock import FixedClock
from domain.activity import Event
from domain.errors import Conflict, InvalidInput, NotFound
from domain.paging import PageRequest
from domain.quests import USER_QUEST_XP, UniversalQuest
from domain.wallet import Source
from ports.inbound import quests, rewards
from tests.support.gamification import a_user

UTC = timezone.utc
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)  # a Wednesday


def a_universal(uow, metric="focus_minutes", target=25, period="daily", points=5, xp=10, order=0):
    quest = UniversalQuest(id=uuid4(), key=None, title=f"{metric} {period}", description=None, metric=metric,
                           target=target, period=period, reward_points=points, reward_xp=xp, sort_order=order)
    uow.tables["universal_quests"][quest.id] = quest
    return quest


def happen(uow, user, at: datetime, **metrics):
    """Something the user did at `at`, recorded through the engine as every area does."""
    event = Event(user_id=user.id, type="focus.completed", occurred_at=at, local_date=user.day.local_date(at),
                  metrics=metrics)
    with uow:
        rewards.record(uow, user, event, at)
        uow.commit()


def cards(uow, user, at: datetime, **page):
    return quests.list_quests(uow, FixedClock(at), user=user, page=PageRequest(**page)).items


def card(uow, user, at, quest):
    return next(c for c in cards(uow, user, at) if c.id == quest.id)


def wallet(uow, user):
    found = uow.tables["wallets"].get(user.id)
    return (found.balance, found.xp) if found else (0, 0)


def new_quest(uow, clock, user, title="Read", target=10, **fields):
    return quests.create_quest(uow, clock, user=user, title=title, target=target, **fields)


# The user's own quests

def test_a_created_quest_is_committed_and_listed(uow, clock, ada):
    created = new_quest(uow, clock, ada, due_date=date(2026, 3, 10), description="The whole book")
    assert uow.committed and created.kind == "personal"
    assert uow.tables["quests"][created.id].user_id == ada.id
    listed = cards(uow, ada, NOW)
    assert [(c.id, c.title, c.target, c.due_date) for c in listed] == \
        [(created.id, "Read", 10, date(2026, 3, 10))]


def test_progress_clamps_to_the_target_and_zero(uow, clock, ada):
    quest = new_quest(uow, clock, ada, target=5)
    assert quests.add_progress(uow, user=ada, quest_id=quest.id, delta=9).progress == 5
    assert quests.add_progress(uow, user=ada, quest_id=quest.id, delta=-20).progress == 0
    assert uow.tables["quests"][quest.id].progress == 0


def test_completing_earns_xp_once_and_never_points(uow, clock, ada):
    quest = new_quest(uow, clock, ada)
    done = quests.complete_quest(uow, clock, user=ada, quest_id=quest.id)
    assert (done.status, done.completed, done.progress) == ("completed", True, 10)
    assert wallet(uow, ada) == (0, USER_QUEST_XP)
    entry = uow.tables["ledger"][(ada.id, Source("user_quest", str(quest.id)))]
    assert (entry.delta, entry.xp_delta) == (0, USER_QUEST_XP)
    with pytest.raises(Conflict):
        quests.complete_quest(uow, clock, user=ada, quest_id=quest.id)
    assert wallet(uow, ada) == (0, USER_QUEST_XP) and len(uow.tables["ledger"]) == 1


def test_completing_records_a_quest_completed_event_on_the_users_day(uow, ada):
    berliner = a_user(uow, email="b@example.com", timezone="Europe/Berlin", day_start_hour=4)
    late = datetime(2026, 3, 5, 1, 30, tzinfo=UTC)  # 02:30 in Berlin: still the 4th for this user
    quest = new_quest(uow, FixedClock(late), berliner)
    quests.complete_quest(uow, FixedClock(late), user=berliner, quest_id=quest.id)
    [event] = uow.tables["activity"].values()
    assert (event.type, event.metrics, event.local_date, event.subject_id) == \
        ("quest.completed", {}, date(2026, 3, 4), str(quest.id))


def test_ones_own_quests_never_count_toward_quests_that_pay_points(uow, clock, ada):
    """Own quests are free to make; if they counted, anyone could mint points with them."""
    universal = a_universal(uow, "quests_completed", target=1, points=3, xp=0)
    quest = new_quest(uow, clock, ada)
    quests.complete_quest(uow, clock, user=ada, quest_id=quest.id)
    assert not card(uow, ada, NOW, universal).completed
    assert wallet(uow, ada) == (0, USER_QUEST_XP)


def test_a_completed_quest_refuses_progress(uow, clock, ada):
    quest = new_quest(uow, clock, ada)
    quests.complete_quest(uow, clock, user=ada, quest_id=quest.id)
    with pytest.raises(Conflict):
        quests.add_progress(uow, user=ada, quest_id=quest.id, delta=1)


def test_an_update_changes_only_the_given_fields(uow, clock, ada):
    quest = new_quest(uow, clock, ada, description="keep me")
    quests.add_progress(uow, user=ada, quest_id=quest.id, delta=8)
    changed = quests.update_quest(uow, user=ada, quest_id=quest.id, changes={"title": "Write", "target": 6})
    assert (changed.title, changed.target, changed.progress, changed.description) == ("Write", 6, 6, "keep me")
    assert uow.tables["quests"][quest.id].title == "Write"


def test_a_bad_target_writes_nothing(uow, clock, ada):
    quest = new_quest(uow, clock, ada)
    uow.committed = False
    with pytest.raises(InvalidInput):
        quests.update_quest(uow, user=ada, quest_id=quest.id, changes={"title": "x", "target": 0})
    assert not uow.committed and uow.tables["quests"][quest.id].title == "Read"


def test_a_deleted_quest_is_gone(uow, clock, ada):
    quest = new_quest(uow, clock, ada)
    quests.delete_quest(uow, user=ada, quest_id=quest.id)
    assert quest.id not in uow.tables["quests"]
    with pytest.raises(NotFound):
        quests.delete_quest(uow, user=ada, quest_id=quest.id)


@pytest.mark.parametrize("action", ["update", "delete", "progress", "complete"])
def test_another_users_quest_and_a_universal_one_are_not_found(uow, clock, ada, action):
    grace = a_user(uow, email="grace@example.com")
    theirs = new_quest(uow, clock, grace)
    universal = a_universal(uow)
    calls = {"update": lambda q: quests.update_quest(uow, user=ada, quest_id=q, changes={"title": "Mine"}),
             "delete": lambda q: quests.delete_quest(uow, user=ada, quest_id=q),
             "progress": lambda q: quests.add_progress(uow, user=ada, quest_id=q, delta=1),
             "complete": lambda q: quests.complete_quest(uow, clock, user=ada, quest_id=q)}
    for quest_id in (theirs.id, universal.id, uuid4()):
        with pytest.raises(NotFound):
            calls[action](quest_id)
    assert uow.tables["quests"][theirs.id].title == "Read" and wallet(uow, ada) == (0, 0)


def test_own_quests_page_newest_first_and_universal_ones_come_on_the_first_page_only(uow, clock, ada):
    universal = a_universal(uow)
    made = []
    for n in range(5):
        made.append(new_quest(uow, clock, ada, title=f"q{n}"))
        clock.advance(timedelta(seconds=1))
    first = quests.list_quests(uow, clock, user=ada, page=PageRequest(limit=2))
    assert [c.id for c in first.items] == [universal.id, made[4].id, made[3].id]
    second = quests.list_quests(uow, clock, user=ada, page=PageRequest(limit=2, after=first.next_after))
    third = quests.list_quests(uow, clock, user=ada, page=PageRequest(limit=2, after=second.next_after))
    assert [c.id for c in second.items] == [made[2].id, made[1].id]
    assert [c.id for c in third.items] == [made[0].id] and third.next_after is None


def test_quests_added_between_pages_neither_repeat_nor_shift_the_pages(uow, clock, ada):
    made = []
    for n in range(4):
        made.append(new_quest(uow, clock, ada, title=f"q{n}"))
        clock.advance(timedelta(seconds=1))
    first = quests.list_quests(uow, clock, user=ada, page=PageRequest(limit=2))
    new_quest(uow, clock, ada, title="late")
    second = quests.list_quests(uow, clock, user=ada, page=PageRequest(limit=2, after=first.next_after))
    seen = [c.id for c in first.items + second.items]
    assert seen == [m.id for m in reversed(made)]


def test_other_peoples_quests_are_not_listed(uow, clock, ada):
    new_quest(uow, clock, a_user(uow, email="grace@example.com"))
    assert cards(uow, ada, NOW) == []


# Universal quests across the user's days

def test_universal_progress_follows_the_metric_in_the_current_day(uow, ada):
    quest = a_universal(uow, target=25)
    happen(uow, ada, NOW, focus_minutes=10)
    happen(uow, ada, NOW + timedelta(hours=1), focus_minutes=20, habit_logs_done=1)
    shown = card(uow, ada, NOW + timedelta(hours=2), quest)
    assert (shown.progress, shown.completed, shown.period_key, shown.due_date) == (30, True, "2026-03-04",
                                                                                   date(2026, 3, 4))


def test_a_daily_quest_resets_when_the_users_next_day_starts(uow):
    user = a_user(uow, timezone="Europe/Berlin", day_start_hour=4)
    quest = a_universal(uow, target=25)
    # 01:30 local on the 5th is still the user's 4th
    happen(uow, user, datetime(2026, 3, 5, 0, 30, tzinfo=UTC), focus_minutes=30)
    before = card(uow, user, datetime(2026, 3, 5, 2, 59, tzinfo=UTC), quest)   # 03:59 local
    after = card(uow, user, datetime(2026, 3, 5, 3, 0, tzinfo=UTC), quest)     # 04:00 local
    assert (before.period_key, before.progress, before.completed) == ("2026-03-04", 30, True)
    assert (after.period_key, after.progress, after.completed) == ("2026-03-05", 0, False)


def test_a_weekly_quest_spans_monday_to_sunday(uow, ada):
    quest = a_universal(uow, target=50, period="weekly")
    happen(uow, ada, datetime(2026, 3, 1, 23, 0, tzinfo=UTC), focus_minutes=40)  # Sunday: last week
    happen(uow, ada, datetime(2026, 3, 2, 0, 30, tzinfo=UTC), focus_minutes=20)  # Monday
    happen(uow, ada, datetime(2026, 3, 8, 23, 30, tzinfo=UTC), focus_minutes=20)  # Sunday
    sunday = card(uow, ada, datetime(2026, 3, 8, 23, 45, tzinfo=UTC), quest)
    monday = card(uow, ada, datetime(2026, 3, 9, 0, 0, tzinfo=UTC), quest)
    assert (sunday.period_key, sunday.progress, sunday.due_date) == ("2026-W10", 40, date(2026, 3, 8))
    assert (monday.period_key, monday.progress) == ("2026-W11", 0)


def test_periods_follow_the_wall_clock_across_the_spring_dst_change(uow):
    user = a_user(uow, timezone="Europe/Berlin")
    daily, weekly = a_universal(uow, target=10), a_universal(uow, target=100, period="weekly")
    # Sunday 29 March 2026 has 23 hours in Berlin: 2026-03-28T23:00Z to 2026-03-29T22:00Z.
    happen(uow, user, datetime(2026, 3, 28, 23, 15, tzinfo=UTC), focus_minutes=6)  # 00:15 CET on the 29th
    happen(uow, user, datetime(2026, 3, 29, 21, 30, tzinfo=UTC), focus_minutes=6)  # 23:30 CEST on the 29th
    late_sunday = datetime(2026, 3, 29, 21, 59, tzinfo=UTC)
    monday = datetime(2026, 3, 29, 22, 0, tzinfo=UTC)                              # 00:00 CEST on the 30th
    assert (card(uow, user, late_sunday, daily).progress, card(uow, user, late_sunday, daily).completed) == (12, True)
    assert card(uow, user, late_sunday, weekly).progress == 12
    assert (card(uow, user, monday, daily).progress, card(uow, user, monday, daily).period_key) == (0, "2026-03-30")
    assert (card(uow, user, monday, weekly).progress, card(uow, user, monday, weekly).period_key) == (0, "2026-W14")


def test_completion_rewards_once_per_period(uow, ada):
    quest = a_universal(uow, target=10, points=5, xp=10)
    for hours in (0, 1, 2):
        happen(uow, ada, NOW + timedelta(hours=hours), focus_minutes=10)
    assert wallet(uow, ada) == (5, 10)
    happen(uow, ada, NOW + timedelta(days=1), focus_minutes=10)
    assert wallet(uow, ada) == (10, 20)
    assert card(uow, ada, NOW + timedelta(days=1), quest).completed


def test_a_once_quest_counts_all_time_and_completes_once(uow, ada):
    quest = a_universal(uow, "onboarding_completed", target=1, period="once", points=20, xp=25)
    happen(uow, ada, NOW - timedelta(days=40), onboarding_completed=1)
    happen(uow, ada, NOW, onboarding_completed=1)
    shown = card(uow, ada, NOW, quest)
    assert (shown.period_key, shown.progress, shown.completed, shown.due_date) == ("once", 2, True, None)
    assert wallet(uow, ada) == (20, 25)


def test_universal_quests_come_first_in_display_order_then_own_quests(uow, clock, ada):
    second, first = a_universal(uow, order=20), a_universal(uow, "habit_logs_done", order=10)
    own = new_quest(uow, clock, ada)
    assert [c.id for c in cards(uow, ada, NOW)] == [first.id, second.id, own.id]


def test_inactive_universal_quests_are_not_shown(uow, ada):
    quest = a_universal(uow)
    uow.tables["universal_quests"][quest.id] = UniversalQuest(**{**quest.__dict__, "active": False})
    assert cards(uow, ada, NOW) == []


def test_listing_writes_nothing(uow, clock, ada):
    a_universal(uow)
    quests.list_quests(uow, clock, user=ada, page=PageRequest())
    assert not uow.committed and not uow.tables["quest_progress"]
