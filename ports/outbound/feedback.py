"""Where feedback lives: written by users, listed by admins."""
from __future__ import annotations

from abc import ABC, abstractmethod
from uuid import UUID

from domain.feedback import Feedback
from domain.paging import PageRequest


class FeedbackRepository(ABC):
    @abstractmethod
    def add(self, feedback: Feedback) -> None:
        """Store new feedback."""

    @abstractmethod
    def page(self, request: PageRequest, status: str | None = None) -> list[Feedback]:
        """Everyone's feedback (the admin list), newest first by (created_at, id), after
        `request.after`, of one status if given; up to limit + 1 rows."""

    # Admin triage (the admin console's; added beside the methods above, which stay as they are).
    @abstractmethod
    def get_for_triage(self, feedback_id: UUID) -> Feedback | None:
        """Anyone's feedback by id, its row held until the transaction ends; None when missing."""

    @abstractmethod
    def save_triage(self, feedback: Feedback) -> None:
        """Write back the status, admin notes and updated_at — and nothing else."""
