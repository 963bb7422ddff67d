"""Onboarding use cases on fakes: step rewards once, the finish bonus once, skip and reset."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import Conflict, NotFound
from domain.onboarding import FINISH_BONUS_POINTS, FINISH_BONUS_XP, OnboardingFlow, OnboardingStep
from domain.quests import UniversalQuest
from domain.users import User
from domain.wallet import Source
from ports.inbound import onboarding

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)
STEPS = (OnboardingStep("profile", "Profile", position=1, reward_xp=5),
         OnboardingStep("focus", "Focus", position=2, reward_points=5, reward_xp=10),
         OnboardingStep("market", "Market", position=3, optional=True, reward_points=10, reward_xp=5))
REQUIRED = ("profile", "focus")


@pytest.fixture
def flow(uow):
    flow = OnboardingFlow(id=uuid4(), key="welcome", title="Welcome", description="Start here", steps=STEPS)
    uow.tables["onboarding_flows"][flow.id] = flow
    return flow


def complete(uow, clock, user, key):
    return onboarding.complete_step(uow, clock, user=user, key=key)


def wallet(uow, user):
    found = uow.tables["wallets"].get(user.id)
    return (found.balance, found.xp) if found else (0, 0)


def events(uow, type_=None):
    return [e for e in uow.tables["activity"].values() if type_ is None or e.type == type_]


def test_without_an_active_flow_there_is_no_onboarding(uow, clock, ada):
    with pytest.raises(NotFound):
        onboarding.get_onboarding(uow, user=ada)
    with pytest.raises(NotFound):
        complete(uow, clock, ada, "profile")


def test_a_first_read_shows_a_fresh_start_and_writes_nothing(uow, flow, ada):
    view = onboarding.get_onboarding(uow, user=ada)
    assert (view.flow.key, view.status, view.completed_steps, view.next_step) == ("welcome", "in_progress", [],
                                                                                    "profile")
    assert [s.key for s in view.steps] == ["profile", "focus", "market"]
    assert not uow.tables["onboarding_states"] and not uow.committed


def test_an_inactive_flow_is_not_offered(uow, flow, ada):
    uow.tables["onboarding_flows"][flow.id] = OnboardingFlow(**{**flow.__dict__, "active": False})
    with pytest.raises(NotFound):
        onboarding.get_onboarding(uow, user=ada)


def test_a_step_awards_its_reward_once_and_records_an_event(uow, clock, flow, ada):
    view = complete(uow, clock, ada, "focus")
    assert uow.committed and view.completed_steps == ["focus"] and view.next_step == "profile"
    assert wallet(uow, ada) == (5, 10)
    assert (ada.id, Source("onboarding_step", "focus")) in uow.tables["ledger"]
    [event] = events(uow)
    assert (event.type, event.subject_id, event.metrics) == ("onboarding.step_completed", "focus", {})
    again = complete(uow, clock, ada, "focus")
    assert again.completed_steps == ["focus"] and wallet(uow, ada) == (5, 10) and len(events(uow)) == 1


def test_an_unknown_step_is_not_found_and_writes_nothing(uow, clock, flow, ada):
    with pytest.raises(NotFound):
        complete(uow, clock, ada, "nope")
    assert not uow.committed and not uow.tables["onboarding_states"]


def test_finishing_the_required_steps_completes_the_flow_with_the_bonus_once(uow, clock, flow, ada):
    complete(uow, clock, ada, "profile")
    clock.advance(timedelta(minutes=5))
    view = complete(uow, clock, ada, "focus")
    assert (view.status, view.completed_at, view.next_step) == ("completed", clock.now(), None)
    assert wallet(uow, ada) == (5 + FINISH_BONUS_POINTS, 15 + FINISH_BONUS_XP)
    assert (ada.id, Source("onboarding", str(flow.id))) in uow.tables["ledger"]
    [finished] = events(uow, "onboarding.completed")
    assert finished.metrics == {"onboarding_completed": 1}
    complete(uow, clock, ada, "market")
    assert wallet(uow, ada) == (15 + FINISH_BONUS_POINTS, 20 + FINISH_BONUS_XP)
    assert len(events(uow, "onboarding.completed")) == 1


def test_finishing_advances_a_once_quest_on_onboarding_completed(uow, clock, flow, ada):
    quest = UniversalQuest(id=uuid4(), key="once_onboarding", title="All set up", description=None,
                           metric="onboarding_completed", target=1, period="once", reward_points=20, reward_xp=25)
    uow.tables["universal_quests"][quest.id] = quest
    for key in REQUIRED:
        complete(uow, clock, ada, key)
    assert uow.tables["quest_progress"][(ada.id, quest.id, "once")].completed
    assert wallet(uow, ada) == (5 + FINISH_BONUS_POINTS + 20, 15 + FINISH_BONUS_XP + 25)


def test_skipping_awards_nothing(uow, clock, flow, ada):
    view = onboarding.skip(uow, clock, user=ada)
    assert uow.committed and (view.status, view.skipped_at, view.next_step) == ("skipped", NOW, None)
    assert wallet(uow, ada) == (0, 0) and not events(uow)
    assert onboarding.get_onboarding(uow, user=ada).status == "skipped"


def test_a_completed_flow_cannot_be_skipped(uow, clock, flow, ada):
    for key in REQUIRED:
        complete(uow, clock, ada, key)
    with pytest.raises(Conflict):
        onboarding.skip(uow, clock, user=ada)
    assert onboarding.get_onboarding(uow, user=ada).status == "completed"


def test_steps_done_after_skipping_still_earn_and_can_complete_the_flow(uow, clock, flow, ada):
    onboarding.skip(uow, clock, user=ada)
    complete(uow, clock, ada, "profile")
    assert onboarding.get_onboarding(uow, user=ada).status == "skipped"
    assert complete(uow, clock, ada, "focus").status == "completed"
    assert wallet(uow, ada) == (5 + FINISH_BONUS_POINTS, 15 + FINISH_BONUS_XP)


def test_reset_then_completing_again_earns_nothing_new(uow, clock, flow, ada):
    for key in (*REQUIRED, "market"):
        complete(uow, clock, ada, key)
    earned, ledger, feed = wallet(uow, ada), len(uow.tables["ledger"]), len(events(uow))
    clock.advance(timedelta(days=1))
    view = onboarding.reset(uow, clock, user=ada)
    assert (view.status, view.completed_steps, view.completed_at, view.next_step) == ("in_progress", [], None,
                                                                                      "profile")
    for key in (*REQUIRED, "market"):
        view = complete(uow, clock, ada, key)
    assert (view.status, view.completed_at) == ("completed", clock.now())
    assert (wallet(uow, ada), len(uow.tables["ledger"]), len(events(uow))) == (earned, ledger, feed)


def test_reset_keeps_what_was_earned(uow, clock, flow, ada):
    complete(uow, clock, ada, "focus")
    onboarding.reset(uow, clock, user=ada)
    assert wallet(uow, ada) == (5, 10)


def test_each_user_has_a_state_of_their_own(uow, clock, flow, ada):
    grace = User.register(email="grace@example.com", email_verified=True, name="Grace", now=NOW)
    uow.tables["users"][grace.id] = grace
    complete(uow, clock, ada, "profile")
    assert onboarding.get_onboarding(uow, user=grace).completed_steps == []
