"""One suite for DailyPlanRepository, run against the fake and Postgres."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from domain.activity import Event
from domain.daily_plans import DailyPlan, PlanItem
from tests.support.users import stored_user

NOW = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
DAY = date(2026, 3, 1)


def new_user(uow, email="ada@example.com"):
    return stored_user(uow, NOW, email)


def plan(user, day=DAY, items=(PlanItem("Write", True), PlanItem("Run")), notes="Busy", at=NOW) -> DailyPlan:
    made = DailyPlan.empty(user.id, day)
    made.replace(list(items), notes, at)
    return made


def put(uow, made):
    with uow:
        stored = uow.daily_plans.put(made)
        uow.commit()
    return stored


def get(uow, user, day=DAY):
    with uow.read_only():
        return uow.daily_plans.get(user.id, day)


def test_a_day_without_a_plan_is_none(uow):
    assert get(uow, new_user(uow)) is None


def test_a_plan_reads_back_as_put(uow):
    user = new_user(uow)
    made = plan(user)
    stored = put(uow, made)
    assert stored == made and get(uow, user) == made


def test_a_second_put_replaces_the_day_but_keeps_its_id_and_creation(uow):
    user = new_user(uow)
    first = put(uow, plan(user))
    later = NOW + timedelta(hours=1)
    second = put(uow, plan(user, items=[PlanItem("Rest")], notes=None, at=later))
    assert (second.id, second.created_at, second.updated_at) == (first.id, NOW, later)
    found = get(uow, user)
    assert (found.id, found.items, found.notes, found.updated_at) == (first.id, [PlanItem("Rest")], None, later)


def test_plans_are_per_user_and_day(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    put(uow, plan(ada))
    put(uow, plan(bob, items=[PlanItem("Bob's")]))
    put(uow, plan(ada, day=DAY + timedelta(days=1), items=[]))
    assert get(uow, ada).items == [PlanItem("Write", True), PlanItem("Run")]
    assert get(uow, bob).items == [PlanItem("Bob's")]
    assert get(uow, ada, DAY + timedelta(days=1)).items == []


def test_without_commit_nothing_is_put(uow):
    user = new_user(uow)
    with uow:
        uow.daily_plans.put(plan(user))
    assert get(uow, user) is None


def test_a_completion_is_found_for_its_user_and_day_only(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    with uow:
        uow.activity.append(plan(ada).completion_event(NOW))
        uow.activity.append(Event(user_id=ada.id, type="focus.completed", occurred_at=NOW,
                                  local_date=DAY + timedelta(days=1)))
        uow.commit()
    with uow.read_only():
        assert uow.daily_plans.completion_recorded(ada.id, DAY) is True
        assert uow.daily_plans.completion_recorded(ada.id, DAY + timedelta(days=1)) is False
        assert uow.daily_plans.completion_recorded(bob.id, DAY) is False
