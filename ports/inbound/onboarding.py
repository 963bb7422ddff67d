"""Onboarding: the active flow, its steps and their rewards, skip and reset."""
from __future__ import annotations

from datetime import datetime

from domain.activity import Event
from domain.errors import NotFound
from domain.onboarding import FINISH_BONUS_POINTS, FINISH_BONUS_XP, OnboardingFlow, OnboardingState, OnboardingView
from domain.users import User
from domain.wallet import Source
from ports.inbound import rewards
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def get_onboarding(uow: UnitOfWork, *, user: User) -> OnboardingView:
    """The active flow and where the user stands (a fresh start when they have no state yet)."""
    with uow.read_only():
        found = uow.onboarding.active_flow_with_state(user.id)
    if found is None:
        raise NotFound("There is no onboarding flow.")
    flow, state = found
    return (state or OnboardingState(user.id, flow.id)).view(flow)


def complete_step(uow: UnitOfWork, clock: Clock, *, user: User, key: str) -> OnboardingView:
    """Mark a step done, award it once, and the finish bonus once when the flow completes."""
    now = clock.now()
    with uow:
        flow = _active_flow(uow)
        state = uow.onboarding.lock_state(user.id, flow.id, now)
        done = state.complete_step(flow, key, now)
        uow.onboarding.save_state(state)
        if done.newly_done:
            step = done.step
            _award_once(uow, user, now, points=step.reward_points, xp=step.reward_xp,
                        reason=f"Onboarding: {step.title}", source=Source("onboarding_step", step.key),
                        type="onboarding.step_completed", subject=("onboarding_step", step.key), metrics={})
        if done.finished:
            _award_once(uow, user, now, points=FINISH_BONUS_POINTS, xp=FINISH_BONUS_XP,
                        reason=f"Onboarding finished: {flow.title}", source=Source("onboarding", str(flow.id)),
                        type="onboarding.completed", subject=("onboarding_flow", str(flow.id)),
                        metrics={"onboarding_completed": 1})
        uow.commit()
    return state.view(flow)


def skip(uow: UnitOfWork, clock: Clock, *, user: User) -> OnboardingView:
    """Leave the flow without awards."""
    return _change(uow, clock, user, OnboardingState.skip)


def reset(uow: UnitOfWork, clock: Clock, *, user: User) -> OnboardingView:
    """Start the flow over; what was earned stays earned and is never earned twice."""
    return _change(uow, clock, user, OnboardingState.reset)


def _change(uow: UnitOfWork, clock: Clock, user: User, change) -> OnboardingView:
    now = clock.now()
    with uow:
        flow = _active_flow(uow)
        state = uow.onboarding.lock_state(user.id, flow.id, now)
        change(state, now)
        uow.onboarding.save_state(state)
        uow.commit()
    return state.view(flow)


def _active_flow(uow: UnitOfWork) -> OnboardingFlow:
    flow = uow.onboarding.active_flow()
    if flow is None:
        raise NotFound("There is no onboarding flow.")
    return flow


def _award_once(uow: UnitOfWork, user: User, now: datetime, *, points: int, xp: int, reason: str, source: Source,
                type: str, subject: tuple[str, str], metrics: dict[str, int]) -> None:
    """Award and record the event only the first time: after a reset, doing it again counts nothing."""
    if uow.ledger.seen(user.id, [source]):
        return
    event = Event(user_id=user.id, type=type, occurred_at=now, local_date=user.day.local_date(now),
                  subject_type=subject[0], subject_id=subject[1], metrics=metrics)
    rewards.award(uow, user, points=points, xp=xp, reason=reason, source=source, event=event, now=now)
