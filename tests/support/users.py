"""A user stored through a unit of work, for suites that need an owner for their rows."""
from __future__ import annotations

from datetime import datetime

from domain.users import User


def stored_user(uow, now: datetime, email: str = "ada@example.com") -> User:
    user = User.register(email=email, email_verified=True, name="Ada", now=now)
    with uow:
        uow.users.add(user)
        uow.commit()
    return user


def unstored_user(email: str = "ada@example.com", *, role: str = "user", now: datetime = datetime(2026, 1, 1)) -> User:
    """A registered user that no unit of work holds: for use cases handed the user, never looking them up."""
    user = User.register(email=email, email_verified=True, name=None, now=now)
    user.role = role
    return user
