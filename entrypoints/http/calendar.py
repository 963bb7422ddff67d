"""/api/v1/calendar: events and RRULE series, read by range with series expanded."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.schemas.calendar import EventIn, EventOut, EventPatchIn, EventRangeOut, EventRangeQuery
from ports.inbound import calendar
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("calendar", __name__, url_prefix="/api/v1", description="Calendar events and recurring series")


@bp.get("/calendar/events")
@bp.arguments(EventRangeQuery, location="query")
@bp.response(200, EventRangeOut)
@bp.errors(400)
@inject
def list_events(query: dict, uow: UnitOfWork = Provide["uow"]):
    """Events of the local days from … to (both included, at most 366), series expanded into occurrences.

    A range query, not paginated: `next_cursor` is always null. Days are the user's timezone's
    midnight to midnight. Occurrences repeat their series' fields and id with their own
    `starts_at`/`ends_at`, `recurring: true` and `recurrence_id`; all items are sorted by
    starts_at. `truncated` tells that a cap (1,000 occurrences per series, 5,000 single
    events) left some out.
    """
    found = calendar.list_events(uow, user=current_user(), first=query["from_"], last=query["to"])
    return {"items": found.items, "next_cursor": None, "truncated": found.truncated}


@bp.post("/calendar/events")
@bp.arguments(EventIn)
@bp.response(201, EventOut)
@bp.errors(400, 415)
@inject
def create_event(body: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Create an event, or a series with `recurrence_rule`; a series recurs in the user's current timezone."""
    return calendar.create_event(uow, clock, user=current_user(), **body)


@bp.get("/calendar/events/<uuid:event_id>")
@bp.response(200, EventOut)
@bp.errors(404)
@inject
def get_event(event_id, uow: UnitOfWork = Provide["uow"]):
    """One event as stored (a series: its first occurrence and its rule)."""
    return calendar.get_event(uow, user=current_user(), event_id=event_id)


@bp.patch("/calendar/events/<uuid:event_id>")
@bp.arguments(EventPatchIn)
@bp.response(200, EventOut)
@bp.errors(400, 404, 415)
@inject
def update_event(changes: dict, event_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Change an event; for a series the whole series (its rule must still start at starts_at)."""
    return calendar.update_event(uow, clock, user=current_user(), event_id=event_id, changes=changes)


@bp.delete("/calendar/events/<uuid:event_id>")
@bp.response(204)
@bp.errors(404)
@inject
def delete_event(event_id, uow: UnitOfWork = Provide["uow"]):
    """Delete an event; for a series every occurrence."""
    calendar.delete_event(uow, user=current_user(), event_id=event_id)
    return ""
