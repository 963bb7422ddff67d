"""Daily plan rules on plain objects."""
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.daily_plans import MAX_ITEMS, DailyPlan, PlanItem
from domain.errors import InvalidInput

NOW = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
TODAY = date(2026, 3, 1)


def plan(*done: bool, day=TODAY) -> DailyPlan:
    made = DailyPlan.empty(uuid4(), day)
    made.replace([PlanItem(f"Task {n}", d) for n, d in enumerate(done)], None, NOW)
    return made


def test_an_empty_plan_is_not_stored_yet():
    empty = DailyPlan.empty(uuid4(), TODAY)
    assert (empty.items, empty.notes, empty.updated_at) == ([], None, None)


def test_replacing_sets_items_notes_and_times():
    made = DailyPlan.empty(uuid4(), TODAY)
    made.replace([PlanItem("Write")], "Busy", NOW)
    assert (made.items, made.notes, made.created_at, made.updated_at) == ([PlanItem("Write")], "Busy", NOW, NOW)


@pytest.mark.parametrize("items,notes,field", [
    ([PlanItem("x")] * (MAX_ITEMS + 1), None, "items"), ([PlanItem("")], None, "items"),
    ([PlanItem("x" * 201)], None, "items"), ([], "x" * 20_001, "notes")])
def test_a_plan_too_big_is_refused(items, notes, field):
    with pytest.raises(InvalidInput) as caught:
        DailyPlan.empty(uuid4(), TODAY).replace(items, notes, NOW)
    assert field in caught.value.details["fields"]


def test_a_plan_is_complete_when_it_has_items_and_all_are_done():
    assert plan(True, True).is_complete
    assert not plan(True, False).is_complete
    assert not plan().is_complete


@pytest.mark.parametrize("days_back,counts", [(0, True), (7, True), (8, False), (-1, False)])
def test_finishing_counts_for_today_and_the_week_before_only(days_back, counts):
    assert plan(True, day=TODAY - timedelta(days=days_back)).counts_as_completed(TODAY) is counts


def test_an_unfinished_plan_never_counts():
    assert not plan(False).counts_as_completed(TODAY)


def test_the_completion_event_lands_on_the_plans_day():
    made = plan(True, day=TODAY - timedelta(days=2))
    event = made.completion_event(NOW)
    assert (event.type, event.local_date, event.occurred_at, event.metrics, event.subject_id) == (
        "daily_plan.completed", TODAY - timedelta(days=2), NOW, {"daily_plans_completed": 1}, str(made.id))
