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
    def state(self, user_id: UUID, flow_id: UUID) -> OnboardingState | None:
        """The user's stored state in the flow; None when nothing was written yet."""

    @abstractmethod
    def lock_state(self, user_id: UUID, flow_id: UUID, now: datetime) -> OnboardingState:
        """The user's state, created in progress (started now) when missing, locked until commit."""

    @abstractmethod
    def save_state(self, state: OnboardingState) -> None:
        """Write status, completed steps and the times back."""
