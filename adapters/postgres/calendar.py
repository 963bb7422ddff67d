"""Postgres calendar events: `calendar_events`, one row per single event or series.

Statements are built once with bind parameters. A range read is one statement, the UNION ALL
of the single events overlapping it (index (user_id, starts_at, id)) and the series that may
reach into it (partial index on series), whose occurrences the use case expands.
"""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema import calendar_events
from domain.calendar import CalendarEvent
from ports.outbound.calendar import CalendarEventRepository

ce = calendar_events.c
_COLUMNS = [ce.id, ce.user_id, ce.title, ce.description, ce.location, ce.starts_at, ce.ends_at, ce.all_day,
            ce.recurrence_rule, ce.recurrence_until, ce.timezone, ce.color, ce.created_at, ce.updated_at]
_OWNED = sa.and_(ce.id == sa.bindparam("eid"), ce.user_id == sa.bindparam("u"))
_BY_START = (ce.starts_at, ce.id)
# Bind names differ from column names: an UPDATE reserves the column names for its SET clause.
_FIELDS = ("title", "description", "location", "starts_at", "ends_at", "all_day", "recurrence_rule",
           "recurrence_until", "timezone", "color", "updated_at")
_VALUES = {name: sa.bindparam(f"b_{name}", type_=ce[name].type) for name in _FIELDS}

GET_OWNED = sa.select(*_COLUMNS).where(_OWNED)
LOCK_OWNED = GET_OWNED.with_for_update()
INSERT = calendar_events.insert().values(id=sa.bindparam("eid"), user_id=sa.bindparam("u"),
                                         created_at=sa.bindparam("b_created_at"), **_VALUES)
UPDATE = calendar_events.update().where(_OWNED).values(**_VALUES)
DELETE_OWNED = calendar_events.delete().where(_OWNED).returning(ce.id)
_START = sa.bindparam("start", type_=ce.starts_at.type)
_END = sa.bindparam("end", type_=ce.starts_at.type)
SINGLES = (sa.select(*_COLUMNS)
           .where(ce.user_id == sa.bindparam("u"), ce.recurrence_rule.is_(None), ce.starts_at < _END,
                  sa.or_(ce.ends_at > _START, ce.starts_at >= _START))
           .order_by(*_BY_START).limit(sa.bindparam("n")))
SERIES = (sa.select(*_COLUMNS)
          .where(ce.user_id == sa.bindparam("u"), ce.recurrence_rule.isnot(None), ce.starts_at < _END,
                 sa.or_(ce.recurrence_until.is_(None),
                        ce.recurrence_until + (ce.ends_at - ce.starts_at) + sa.text("interval '1 day'") >= _START))
          .order_by(*_BY_START))
_WINDOW = sa.union_all(sa.select(SINGLES.subquery()), SERIES).subquery("window")
IN_WINDOW = sa.select(_WINDOW).order_by(_WINDOW.c.recurrence_rule.isnot(None), _WINDOW.c.starts_at, _WINDOW.c.id)


def _event(r) -> CalendarEvent:
    return CalendarEvent(id=r.id, user_id=r.user_id, title=r.title, starts_at=r.starts_at, ends_at=r.ends_at,
                         timezone=r.timezone or "UTC", all_day=r.all_day, recurrence_rule=r.recurrence_rule,
                         recurrence_until=r.recurrence_until, location=r.location, description=r.description,
                         color=r.color, created_at=r.created_at, updated_at=r.updated_at)


def _values(e: CalendarEvent) -> dict:
    return {"eid": e.id, "u": e.user_id, **{f"b_{name}": getattr(e, name) for name in _FIELDS}}


class PgCalendarEventRepository(CalendarEventRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, event):
        self.connection.execute(INSERT, {**_values(event), "b_created_at": event.created_at})

    def get_owned(self, event_id, user_id, *, lock=False):
        row = self.connection.execute(LOCK_OWNED if lock else GET_OWNED, {"eid": event_id, "u": user_id}).first()
        return _event(row) if row else None

    def save(self, event):
        self.connection.execute(UPDATE, _values(event))

    def delete_owned(self, event_id, user_id):
        return self.connection.execute(DELETE_OWNED, {"eid": event_id, "u": user_id}).first() is not None

    def in_window(self, user_id, start, end, limit):
        events = [_event(row) for row in self.connection.execute(
            IN_WINDOW, {"u": user_id, "start": start, "end": end, "n": limit})]
        return [e for e in events if e.recurrence_rule is None], [e for e in events if e.recurrence_rule is not None]
