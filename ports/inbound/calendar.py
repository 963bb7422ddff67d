"""Calendar: single events and RRULE series; a range read expands series into occurrences."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from domain.calendar import MAX_SINGLE_EVENTS, CalendarEvent, EventView, agenda, calendar_window
from domain.errors import NotFound
from domain.users import User
from ports.inbound import recurrence
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Agenda:
    """What a range holds, in order of start; `truncated` when a cap left something out."""

    items: list[EventView]
    truncated: bool


def create_event(uow: UnitOfWork, clock: Clock, *, user: User, title: str, starts_at: datetime, ends_at: datetime,
                 all_day: bool = False, recurrence_rule: str | None = None, location: str | None = None,
                 description: str | None = None, color: str | None = None) -> EventView:
    """Create a single event or a series; a series recurs in the user's current timezone."""
    event = CalendarEvent.create(user.id, user.timezone, clock.now(), title=title, starts_at=starts_at,
                                 ends_at=ends_at, all_day=all_day, recurrence_rule=recurrence_rule,
                                 location=location, description=description, color=color)
    recurrence.anchor(event)
    with uow:
        uow.calendar_events.add(event)
        uow.commit()
    return event.view()


def update_event(uow: UnitOfWork, clock: Clock, *, user: User, event_id: UUID, changes: dict) -> EventView:
    """Change an event; for a series, the whole series."""
    with uow:
        event = _owned(uow, user, event_id, lock=True)
        event.edit(changes, clock.now())
        recurrence.anchor(event)
        uow.calendar_events.save(event)
        uow.commit()
    return event.view()


def delete_event(uow: UnitOfWork, *, user: User, event_id: UUID) -> None:
    """Delete an event; for a series, every occurrence."""
    with uow:
        if not uow.calendar_events.delete_owned(event_id, user.id):
            raise NotFound("Calendar event not found.")
        uow.commit()


def get_event(uow: UnitOfWork, *, user: User, event_id: UUID) -> EventView:
    """One event as stored; a series shows its first occurrence and its rule."""
    with uow.read_only():
        return _owned(uow, user, event_id).view()


def list_events(uow: UnitOfWork, *, user: User, first: date, last: date) -> Agenda:
    """Single events and occurrences of series in the user's local days first … last, by start."""
    start, end = calendar_window(first, last, user.timezone)
    with uow.read_only():
        singles, series = uow.calendar_events.in_window(user.id, start, end, MAX_SINGLE_EVENTS + 1)
    items, truncated = [e.view() for e in singles[:MAX_SINGLE_EVENTS]], len(singles) > MAX_SINGLE_EVENTS
    for event in series:
        found, cut = recurrence.occurrences(event, start, end)
        items += found
        truncated = truncated or cut
    return Agenda(agenda(items), truncated)


def _owned(uow: UnitOfWork, user: User, event_id: UUID, lock: bool = False) -> CalendarEvent:
    event = uow.calendar_events.get_owned(event_id, user.id, lock=lock)
    if event is None:
        raise NotFound("Calendar event not found.")
    return event
