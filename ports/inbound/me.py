"""The signed-in person's own profile, terms of service and age."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.errors import NotFound
from domain.users import User
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def update_profile(uow: UnitOfWork, *, user_id: UUID, changes: dict) -> User:
    """Change name, timezone, day_start_hour or settings; all or nothing."""
    with uow:
        user = _get(uow, user_id)
        user.update_profile(changes)
        uow.users.save(user)
        uow.commit()
    return user


def accept_tos(uow: UnitOfWork, clock: Clock, *, user_id: UUID, version: str) -> User:
    """Record that the user accepted this version of the terms."""
    with uow:
        user = _get(uow, user_id)
        user.accept_tos(version, clock.now())
        uow.users.save(user)
        uow.commit()
    return user


def verify_age(uow: UnitOfWork, clock: Clock, *, user_id: UUID, birthdate: date) -> User:
    """Record the birthdate and whether the user is old enough."""
    with uow:
        user = _get(uow, user_id)
        user.verify_age(birthdate, clock.now().date())
        uow.users.save(user)
        uow.commit()
    return user


def _get(uow: UnitOfWork, user_id: UUID) -> User:
    user = uow.users.get(user_id, lock=True)
    if user is None:
        raise NotFound("User not found.")
    return user
