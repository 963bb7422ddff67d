"""Onboarding: a data-defined flow of steps, and where one user stands in it.

A flow is completed when every non-optional step is done; finishing earns a bonus once.
Skipping hides the flow without awards; resetting starts it over, but what was earned stays
earned (awards are keyed by their source, so doing a step again earns nothing new).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.errors import Conflict, NotFound

FINISH_BONUS_POINTS = 10  # for finishing the flow, once per user and flow
FINISH_BONUS_XP = 25
STATUSES = ("in_progress", "completed", "skipped")


@dataclass(frozen=True)
class OnboardingStep:
    key: str
    title: str
    body: str | None = None
    action: str | None = None  # where the UI sends the user, e.g. /focus
    optional: bool = False
    reward_points: int = 0
    reward_xp: int = 0
    position: int = 0


@dataclass(frozen=True)
class OnboardingFlow:
    id: UUID
    key: str
    title: str
    description: str | None = None
    steps: tuple[OnboardingStep, ...] = ()
    active: bool = True

    def step(self, key: str) -> OnboardingStep:
        """The step with this key; NotFound when the flow has none."""
        found = next((s for s in self.steps if s.key == key), None)
        if found is None:
            raise NotFound("This onboarding step does not exist.")
        return found


@dataclass(frozen=True)
class StepCompletion:
    """What completing a step changed: the step, whether it was new, whether the flow finished now."""

    step: OnboardingStep
    newly_done: bool
    finished: bool


@dataclass
class OnboardingState:
    user_id: UUID
    flow_id: UUID
    status: str = "in_progress"
    completed_steps: list[str] = field(default_factory=list)
    started_at: datetime | None = None
    completed_at: datetime | None = None
    skipped_at: datetime | None = None

    def is_done(self, key: str) -> bool:
        return key in self.completed_steps

    def remaining(self, flow: OnboardingFlow, *, required_only: bool = False) -> list[OnboardingStep]:
        """Steps not yet done, in flow order (only the non-optional ones if asked)."""
        return [s for s in flow.steps if not self.is_done(s.key) and not (required_only and s.optional)]

    def next_step(self, flow: OnboardingFlow) -> OnboardingStep | None:
        """The first step not yet done while the flow is in progress; None otherwise."""
        if self.status != "in_progress":
            return None
        return next(iter(self.remaining(flow)), None)

    def complete_step(self, flow: OnboardingFlow, key: str, now: datetime) -> StepCompletion:
        """Mark a step done (again: no change); the last required step completes the flow.

        A skipped flow still records steps done elsewhere in the app, and finishing them all
        completes it after all.
        """
        step = flow.step(key)
        if self.is_done(key):
            return StepCompletion(step, newly_done=False, finished=False)
        self.completed_steps.append(key)
        finished = self.status != "completed" and not self.remaining(flow, required_only=True)
        if finished:
            self.status, self.completed_at = "completed", now
        return StepCompletion(step, newly_done=True, finished=finished)

    def skip(self, now: datetime) -> None:
        """Leave the flow without awards; skipping again changes nothing; a completed flow stays so."""
        if self.status == "completed":
            raise Conflict("Onboarding is already completed.")
        if self.status != "skipped":
            self.status, self.skipped_at = "skipped", now

    def reset(self, now: datetime) -> None:
        """Start over with no step done; what was earned before stays earned."""
        self.status, self.completed_steps, self.started_at = "in_progress", [], now
        self.completed_at = self.skipped_at = None

    def view(self, flow: OnboardingFlow) -> "OnboardingView":
        """The flow as this user sees it."""
        steps = [StepView.of(s, self.is_done(s.key)) for s in flow.steps]
        following = self.next_step(flow)
        return OnboardingView(flow=flow, status=self.status, steps=steps,
                              completed_steps=[s.key for s in flow.steps if self.is_done(s.key)],
                              next_step=following.key if following else None, completed_at=self.completed_at,
                              skipped_at=self.skipped_at)


@dataclass(frozen=True)
class StepView:
    key: str
    title: str
    body: str | None
    action: str | None
    optional: bool
    completed: bool
    reward_points: int
    reward_xp: int

    @classmethod
    def of(cls, step: OnboardingStep, completed: bool) -> "StepView":
        return cls(key=step.key, title=step.title, body=step.body, action=step.action, optional=step.optional,
                   completed=completed, reward_points=step.reward_points, reward_xp=step.reward_xp)


@dataclass(frozen=True)
class OnboardingView:
    flow: OnboardingFlow
    status: str
    steps: list[StepView]
    completed_steps: list[str]
    next_step: str | None
    completed_at: datetime | None
    skipped_at: datetime | None
