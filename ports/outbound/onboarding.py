"""Onboarding flows and where each user stands in them."""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from uuid import UUID

from domain.onboarding import OnboardingFlow, OnboardingState


class OnboardingRepository(ABC):
    @abstractmethod
    def active_flow(self) -> OnboardingFlow | None:
        """The active flow (the first by key if several are) with its steps in position order."""

    @abstractmethod
    def active_flow_with_state(self, user_id: UUID) -> tuple[OnboardingFlow, OnboardingState | None] | None:
        """The active flow (as `active_flow`) and the user's stored state in it — None when nothing was
        written yet —, read together; None without an active flow."""

    @abstractmethod
    def lock_state(self, user_id: UUID, flow_id: UUID, now: datetime) -> OnboardingState:
        """The user's state, created in progress (started now) when missing, locked until commit."""

    @abstractmethod
    def save_state(self, state: OnboardingState) -> None:
        """Write status, completed steps and the times back."""
