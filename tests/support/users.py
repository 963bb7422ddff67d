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
