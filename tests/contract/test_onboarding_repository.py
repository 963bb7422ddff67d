"""One suite for the onboarding repository, against the fake and Postgres."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from adapters.memory.unit_of_work import FakeUnitOfWork
from domain.onboarding import OnboardingFlow, OnboardingStep
from domain.users import User
from tests.support.users import stored_user

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)
STEPS = (OnboardingStep("second", "Second", "Body two", "/focus", False, 5, 10, position=2),
         OnboardingStep("first", "First", None, None, True, 0, 5, position=1))


class Store:
    """A unit of work plus a way to put flows where its adapter reads them (admin/seed data)."""

    def __init__(self, uow, put_flow):
        self.uow, self.put_flow = uow, put_flow


@pytest.fixture(params=["memory", "postgres"])
def store(request):
    if request.param == "memory":
        uow = FakeUnitOfWork()
        yield Store(uow, lambda flow: uow.tables["onboarding_flows"].__setitem__(flow.id, flow))
        return
    from adapters.postgres.engine import make_engine
    from adapters.postgres.schema import onboarding_flows, onboarding_steps
    from adapters.postgres.unit_of_work import PgUnitOfWork

    engine = make_engine(request.getfixturevalue("database_url"))

    def put_flow(flow: OnboardingFlow) -> None:
        with engine.begin() as connection:
            connection.execute(onboarding_flows.insert().values(id=flow.id, key=flow.key, title=flow.title,
                                                                description=flow.description, active=flow.active))
            for s in flow.steps:
                connection.execute(onboarding_steps.insert().values(
                    flow_id=flow.id, key=s.key, position=s.position, title=s.title, body=s.body, action=s.action,
                    optional=s.optional, reward_points=s.reward_points, reward_xp=s.reward_xp))

    yield Store(PgUnitOfWork(engine), put_flow)
    engine.dispose()


def a_flow(key="welcome", steps=STEPS, active=True) -> OnboardingFlow:
    return OnboardingFlow(id=uuid4(), key=key, title=key.title(), description=f"About {key}", steps=steps,
                          active=active)


def new_user(uow, email="ada@example.com") -> User:
    return stored_user(uow, NOW, email)


def state_of(uow, user):
    """The user's state in the active flow, read with it."""
    with uow.read_only():
        return uow.onboarding.active_flow_with_state(user.id)[1]


def test_without_an_active_flow_there_is_none(store):
    store.put_flow(a_flow(active=False))
    with store.uow.read_only():
        assert store.uow.onboarding.active_flow() is None


def test_the_active_flow_comes_with_its_steps_in_position_order(store):
    flow = a_flow()
    store.put_flow(flow)
    store.put_flow(a_flow("old", steps=(OnboardingStep("old_step", "Old"),), active=False))
    with store.uow.read_only():
        found = store.uow.onboarding.active_flow()
    assert found == OnboardingFlow(id=flow.id, key="welcome", title="Welcome", description="About welcome",
                                   steps=(STEPS[1], STEPS[0]))


def test_a_flow_without_steps_is_found_with_none(store):
    flow = a_flow(steps=())
    store.put_flow(flow)
    with store.uow.read_only():
        assert store.uow.onboarding.active_flow().steps == ()


def test_of_several_active_flows_the_first_by_key_wins(store):
    store.put_flow(a_flow("zeta", steps=()))
    alpha = a_flow("alpha", steps=())
    store.put_flow(alpha)
    with store.uow.read_only():
        assert store.uow.onboarding.active_flow().id == alpha.id


def test_a_state_is_created_by_the_first_lock_and_kept_after(store):
    uow, flow = store.uow, a_flow()
    store.put_flow(flow)
    ada = new_user(uow)
    assert state_of(uow, ada) is None
    with uow:
        created = uow.onboarding.lock_state(ada.id, flow.id, NOW)
        uow.commit()
    assert (created.status, created.completed_steps, created.started_at) == ("in_progress", [], NOW)
    with uow:
        again = uow.onboarding.lock_state(ada.id, flow.id, NOW + timedelta(days=1))
        uow.commit()
    assert again == created


def test_a_saved_state_reads_back_as_written(store):
    uow, flow = store.uow, a_flow()
    store.put_flow(flow)
    ada = new_user(uow)
    with uow:
        state = uow.onboarding.lock_state(ada.id, flow.id, NOW)
        state.complete_step(flow, "second", NOW)
        state.complete_step(flow, "first", NOW + timedelta(minutes=1))
        state.skipped_at = NOW - timedelta(hours=1)
        uow.onboarding.save_state(state)
        uow.commit()
    found = state_of(uow, ada)
    assert found == state and found.completed_steps == ["second", "first"] and found.status == "completed"


def test_a_state_created_without_commit_is_not_kept(store):
    uow, flow = store.uow, a_flow()
    store.put_flow(flow)
    ada = new_user(uow)
    with uow:
        uow.onboarding.lock_state(ada.id, flow.id, NOW)
    assert state_of(uow, ada) is None


def test_states_are_per_user(store):
    uow, flow = store.uow, a_flow()
    store.put_flow(flow)
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    with uow:
        state = uow.onboarding.lock_state(ada.id, flow.id, NOW)
        state.skip(NOW)
        uow.onboarding.save_state(state)
        uow.commit()
    assert state_of(uow, bob) is None
    assert state_of(uow, ada).status == "skipped"


def test_the_active_flow_comes_with_the_users_state_in_it_only(store):
    uow, old, flow = store.uow, a_flow("old", steps=(), active=False), a_flow()
    store.put_flow(old)
    store.put_flow(flow)
    ada = new_user(uow)
    with uow:
        uow.onboarding.lock_state(ada.id, old.id, NOW)
        uow.commit()
    with uow.read_only():
        assert uow.onboarding.active_flow_with_state(ada.id) == (uow.onboarding.active_flow(), None)
    with uow:
        state = uow.onboarding.lock_state(ada.id, flow.id, NOW)
        uow.commit()
    with uow.read_only():
        assert uow.onboarding.active_flow_with_state(ada.id) == (uow.onboarding.active_flow(), state)


def test_without_an_active_flow_there_is_no_flow_with_state(store):
    store.put_flow(a_flow(active=False))
    ada = new_user(store.uow)
    with store.uow.read_only():
        assert store.uow.onboarding.active_flow_with_state(ada.id) is None
