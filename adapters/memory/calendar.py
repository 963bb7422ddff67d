"""In-memory calendar events: one dict of events by id."""
from __future__ import annotations

import copy
from datetime import timedelta

from domain.calendar import overlaps
from ports.outbound.calendar import CalendarEventRepository

_SPARE = timedelta(days=1)


def _key(event) -> tuple:
    return event.starts_at, event.id


class InMemoryCalendarEventRepository(CalendarEventRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["calendar_events"]

    def add(self, event):
        if event.id in self.rows:
            raise ValueError("duplicate calendar event id")
        self.rows[event.id] = copy.deepcopy(event)

    def get_owned(self, event_id, user_id, *, lock=False):
        event = self.rows.get(event_id)
        return copy.deepcopy(event) if event is not None and event.user_id == user_id else None

    def save(self, event):
        if event.id in self.rows:
            self.rows[event.id] = copy.deepcopy(event)

    def delete_owned(self, event_id, user_id):
        if self.get_owned(event_id, user_id) is None:
            return False
        del self.rows[event_id]
        return True

    def in_window(self, user_id, start, end, limit):
        singles = sorted((e for e in self.rows.values() if e.user_id == user_id and e.recurrence_rule is None
                          and overlaps(e.starts_at, e.ends_at, start, end)), key=_key)
        series = sorted((e for e in self.rows.values() if e.user_id == user_id and e.recurrence_rule is not None
                         and e.starts_at < end and (e.recurrence_until is None
                                                    or e.recurrence_until + e.duration + _SPARE >= start)), key=_key)
        return [copy.deepcopy(e) for e in singles[:limit]], [copy.deepcopy(e) for e in series]
