"""Daily plan use cases on the in-memory unit of work and a fixed clock."""
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4


from domain.daily_plans import PlanItem
from domain.quests import UniversalQuest
from domain.users import User
from ports.inbound import daily_plans

NOW = datetime(2026, 3, 1, 2, 0, tzinfo=timezone.utc)


def put(uow, clock, user, day, *done, notes=None):
    uow.committed = False
    return daily_plans.put_daily_plan(uow, clock, user=user, day=day, notes=notes,
                                      items=[PlanItem(f"Task {n}", d) for n, d in enumerate(done)])


def completions(uow, user):
    return [e for e in uow.tables["activity"].values() if e.user_id == user.id and e.type == "daily_plan.completed"]


def test_today_is_the_users_day_by_timezone_and_day_start_hour(uow, clock, ada):
    assert daily_plans.get_daily_plan(uow, clock, user=ada).date == date(2026, 3, 1)
    ada.day_start_hour = 4
    assert daily_plans.get_daily_plan(uow, clock, user=ada).date == date(2026, 2, 28)


def test_reading_a_day_without_a_plan_stores_nothing(uow, clock, ada):
    found = daily_plans.get_daily_plan(uow, clock, user=ada, day=date(2026, 3, 5))
    assert (found.date, found.items, found.updated_at) == (date(2026, 3, 5), [], None)
    assert uow.tables["daily_plans"] == {}


def test_a_put_replaces_the_day_and_keeps_its_first_id(uow, clock, ada):
    first = put(uow, clock, ada, date(2026, 3, 1), False, notes="Busy")
    assert uow.committed
    clock.advance(timedelta(minutes=5))
    second = put(uow, clock, ada, date(2026, 3, 1), True, True)
    assert (second.id, second.created_at, second.updated_at) == (first.id, NOW, NOW + timedelta(minutes=5))
    found = daily_plans.get_daily_plan(uow, clock, user=ada, day=date(2026, 3, 1))
    assert (found.items, found.notes) == ([PlanItem("Task 0", True), PlanItem("Task 1", True)], None)


def test_finishing_the_plan_is_recorded_once_per_day(uow, clock, ada):
    put(uow, clock, ada, date(2026, 3, 1), True, False)
    assert completions(uow, ada) == []
    put(uow, clock, ada, date(2026, 3, 1), True, True)
    put(uow, clock, ada, date(2026, 3, 1), True, False)
    put(uow, clock, ada, date(2026, 3, 1), True, True)
    assert [(e.local_date, e.metrics) for e in completions(uow, ada)] == [
        (date(2026, 3, 1), {"daily_plans_completed": 1})]


def test_finishing_a_future_or_old_plan_is_not_recorded(uow, clock, ada):
    put(uow, clock, ada, date(2026, 3, 2), True)
    put(uow, clock, ada, date(2026, 2, 21), True)
    put(uow, clock, ada, date(2026, 2, 22), True)
    assert [e.local_date for e in completions(uow, ada)] == [date(2026, 2, 22)]


def test_another_users_completion_does_not_count_for_this_one(uow, clock, ada):
    bob = User.register(email="bob@example.com", email_verified=True, name="Bob", now=NOW)
    uow.tables["users"][bob.id] = bob
    put(uow, clock, bob, date(2026, 3, 1), True)
    put(uow, clock, ada, date(2026, 3, 1), True)
    assert len(completions(uow, ada)) == 1 and len(completions(uow, bob)) == 1


def test_finishing_the_plan_advances_a_daily_quest_in_the_same_transaction(uow, clock, ada):
    quest = UniversalQuest(id=uuid4(), key="plan", title="Finish your plan", description=None,
                           metric="daily_plans_completed", target=1, period="daily", reward_points=5)
    uow.tables["universal_quests"][quest.id] = quest
    put(uow, clock, ada, date(2026, 3, 1), True)
    assert uow.committed and uow.tables["wallets"][ada.id].balance == 5
