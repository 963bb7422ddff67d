"""Onboarding as rules: which steps remain, when the flow completes, skip and reset."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import Conflict, NotFound
from domain.onboarding import FINISH_BONUS_POINTS, FINISH_BONUS_XP, OnboardingFlow, OnboardingState, OnboardingStep

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)
LATER = NOW + timedelta(hours=1)
FLOW = OnboardingFlow(id=uuid4(), key="welcome", title="Welcome", steps=(
    OnboardingStep("profile", "Profile", position=1, reward_xp=5),
    OnboardingStep("focus", "Focus", position=2, reward_points=5, reward_xp=10),
    OnboardingStep("market", "Market", position=3, optional=True, reward_points=10),
    OnboardingStep("habit", "Habit", position=4, reward_points=5),
))


def fresh() -> OnboardingState:
    return OnboardingState(uuid4(), FLOW.id, started_at=NOW)


def test_a_fresh_state_has_every_step_left_and_points_at_the_first():
    state = fresh()
    assert [s.key for s in state.remaining(FLOW)] == ["profile", "focus", "market", "habit"]
    assert [s.key for s in state.remaining(FLOW, required_only=True)] == ["profile", "focus", "habit"]
    assert state.next_step(FLOW).key == "profile"


def test_an_unknown_step_is_not_found():
    with pytest.raises(NotFound):
        fresh().complete_step(FLOW, "nope", NOW)


def test_a_step_done_is_new_once():
    state = fresh()
    first = state.complete_step(FLOW, "profile", NOW)
    again = state.complete_step(FLOW, "profile", LATER)
    assert (first.newly_done, first.finished, first.step.key) == (True, False, "profile")
    assert (again.newly_done, again.finished) == (False, False)
    assert state.completed_steps == ["profile"]


def test_the_last_required_step_completes_the_flow_without_the_optional_ones():
    state = fresh()
    state.complete_step(FLOW, "habit", NOW)
    state.complete_step(FLOW, "profile", NOW)
    done = state.complete_step(FLOW, "focus", LATER)
    assert done.finished and (state.status, state.completed_at) == ("completed", LATER)
    assert state.next_step(FLOW) is None


def test_an_optional_step_after_completion_is_new_but_finishes_nothing_again():
    state = fresh()
    for key in ("profile", "focus", "habit"):
        state.complete_step(FLOW, key, NOW)
    late = state.complete_step(FLOW, "market", LATER)
    assert (late.newly_done, late.finished, state.completed_at) == (True, False, NOW)


def test_next_step_skips_what_is_done_and_includes_optional_steps():
    state = fresh()
    state.complete_step(FLOW, "profile", NOW)
    state.complete_step(FLOW, "focus", NOW)
    assert state.next_step(FLOW).key == "market"


def test_skipping_records_when_and_skipping_again_changes_nothing():
    state = fresh()
    state.skip(NOW)
    state.skip(LATER)
    assert (state.status, state.skipped_at) == ("skipped", NOW)
    assert state.next_step(FLOW) is None


def test_a_completed_flow_cannot_be_skipped():
    state = fresh()
    for key in ("profile", "focus", "habit"):
        state.complete_step(FLOW, key, NOW)
    with pytest.raises(Conflict):
        state.skip(LATER)
    assert state.status == "completed"


def test_a_skipped_flow_whose_steps_all_get_done_completes_after_all():
    state = fresh()
    state.skip(NOW)
    state.complete_step(FLOW, "profile", NOW)
    assert state.status == "skipped"
    state.complete_step(FLOW, "focus", NOW)
    assert state.complete_step(FLOW, "habit", LATER).finished
    assert state.status == "completed"


def test_reset_starts_over_from_any_status():
    state = fresh()
    for key in ("profile", "focus", "habit"):
        state.complete_step(FLOW, key, NOW)
    state.reset(LATER)
    assert (state.status, state.completed_steps, state.started_at, state.completed_at, state.skipped_at) == \
        ("in_progress", [], LATER, None, None)
    skipped = fresh()
    skipped.skip(NOW)
    skipped.reset(LATER)
    assert (skipped.status, skipped.skipped_at) == ("in_progress", None)


def test_the_view_lists_steps_in_flow_order_with_their_completion():
    state = fresh()
    state.complete_step(FLOW, "habit", NOW)
    state.complete_step(FLOW, "profile", NOW)
    view = state.view(FLOW)
    assert view.completed_steps == ["profile", "habit"]
    assert [(s.key, s.completed) for s in view.steps] == \
        [("profile", True), ("focus", False), ("market", False), ("habit", True)]
    assert (view.status, view.next_step, view.flow.key) == ("in_progress", "focus", "welcome")
    assert view.steps[1].reward_points == 5 and view.steps[2].optional


def test_steps_no_longer_in_the_flow_are_not_shown_as_completed():
    state = fresh()
    state.completed_steps = ["retired", "focus"]
    assert state.view(FLOW).completed_steps == ["focus"]


def test_a_step_is_found_by_key_in_its_flow():
    assert FLOW.step("market").optional and FLOW.step("focus").reward_points == 5


def test_a_flow_of_optional_steps_completes_with_its_first_step():
    flow = OnboardingFlow(id=uuid4(), key="tips", title="Tips", steps=(OnboardingStep("a", "A", optional=True),
                                                                       OnboardingStep("b", "B", optional=True)))
    state = OnboardingState(uuid4(), flow.id)
    assert state.complete_step(flow, "a", NOW).finished and state.status == "completed"


def test_a_skipped_view_offers_no_next_step_but_keeps_the_steps_done():
    state = fresh()
    state.complete_step(FLOW, "profile", NOW)
    state.skip(LATER)
    view = state.view(FLOW)
    assert (view.status, view.next_step, view.completed_steps, view.skipped_at) == ("skipped", None, ["profile"],
                                                                                    LATER)


def test_a_reset_flow_can_be_finished_again():
    state = fresh()
    for key in ("profile", "focus", "habit"):
        state.complete_step(FLOW, key, NOW)
    state.reset(LATER)
    assert [state.complete_step(FLOW, key, LATER).finished for key in ("profile", "focus", "habit")] == \
        [False, False, True]
    assert state.completed_at == LATER


def test_a_reset_after_skipping_can_be_skipped_again():
    state = fresh()
    state.skip(NOW)
    state.reset(LATER)
    state.skip(LATER)
    assert (state.status, state.skipped_at) == ("skipped", LATER)


def test_the_finish_bonus_is_ten_points_and_twenty_five_xp():
    assert (FINISH_BONUS_POINTS, FINISH_BONUS_XP) == (10, 25)
