"""Feedback: users send it; admins will list and triage it."""
from __future__ import annotations

from domain.feedback import Feedback
from domain.users import User
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def send_feedback(uow: UnitOfWork, clock: Clock, *, user: User, kind: str, message: str, page: str | None = None,
                  user_agent: str | None = None) -> Feedback:
    """Store a bug report, idea or other note with the page and browser it came from."""
    feedback = Feedback.submit(user.id, kind, message, clock.now(), page=page, user_agent=user_agent)
    with uow:
        uow.feedback.add(feedback)
        uow.commit()
    return feedback
