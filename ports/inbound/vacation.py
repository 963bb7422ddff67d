"""The vacation pause: while it runs, no streak breaks or grows (DESIGN §5, §6).

A user has one current (or coming) vacation. Its days that have passed stay paused when it is
replaced or ended: they are recorded as a `vacation.taken` event, which the streaks read back.
"""
from __future__ import annotations

from datetime import date, datetime

from domain import streaks
from domain.activity import Event
from domain.errors import NotFound
from domain.streaks import Vacation
from domain.users import User
from ports.inbound import rewards
from ports.inbound.habits import refresh_streaks
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def set_vacation(uow: UnitOfWork, clock: Clock, *, user: User, start: date, end: date | None = None) -> Vacation:
    """Pause every streak from `start` to `end` (until ended, without one); replaces the current vacation."""
    with uow:
        now = clock.now()
        uow.habits.lock_streaks(user.id)
        stored = _fresh(uow, user)
        vacation = streaks.plan_vacation(stored.vacation, start, end, stored.day.local_date(now))
        _change(uow, stored, vacation, "vacation.set", now)
        uow.commit()
    return vacation


def end_vacation(uow: UnitOfWork, clock: Clock, *, user: User) -> None:
    """End the vacation now (or drop one that has not begun); its days that passed stay paused."""
    with uow:
        now = clock.now()
        uow.habits.lock_streaks(user.id)
        stored = _fresh(uow, user)
        if stored.vacation is not None:
            _change(uow, stored, None, "vacation.ended", now)
        uow.commit()


def _change(uow: UnitOfWork, user: User, vacation: Vacation | None, event_type: str, now: datetime) -> None:
    """Keep the passed days of the old vacation, store the new one, record it, recompute every streak."""
    today = user.day.local_date(now)
    earned = rewards.Earned()
    taken = streaks.days_taken(user.vacation, today)
    if taken is not None:
        rewards.record(uow, user, _event(user, "vacation.taken", taken, now, today), now, earned)
    user.vacation_from, user.vacation_to = (vacation.start, vacation.end) if vacation else (None, None)
    uow.users.save(user)
    rewards.record(uow, user, _event(user, event_type, vacation or taken, now, today), now, earned)
    refresh_streaks(uow, user, now, None, earned)


def _fresh(uow: UnitOfWork, user: User) -> User:
    stored = uow.users.get(user.id, lock=True)
    if stored is None:
        raise NotFound("User not found.")
    return stored


def _event(user: User, event_type: str, vacation: Vacation | None, now: datetime, today: date) -> Event:
    span = {"from": vacation.start.isoformat(), "to": vacation.end.isoformat() if vacation.end else None} \
        if vacation else {}
    return Event(user_id=user.id, type=event_type, occurred_at=now, local_date=today, subject_type="vacation",
                 data=span)
