"""RRULE expansion with python-dateutil, bounded in time and in count.

A series recurs on the wall clock of its zone: dateutil runs on naive local times, which
become instants only at the end, so a weekly 09:00 stays at 09:00 local across DST.

dateutil walks from DTSTART period by period until the next match, which for a series begun
long ago (or a rule that never matches) is a walk of years. Hence:
- an endless or UNTIL series is re-anchored on the last period of its INTERVAL lattice before
  the range (`_rebased`), with the defaults it took from its start written out (`_kwargs`);
- a COUNT series (at most MAX_COUNT matches) is walked from its start;
- the grammar (`domain.calendar`) keeps day filters off the fine frequencies, and every
  stored rule matches at its own start, so the next match after any range is near;
- the start check runs whole 400-year cycles later (the Gregorian calendar repeats exactly),
  so a rule that never matches gives up at year 9999 after less than one cycle.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

from dateutil import rrule as du

from domain.calendar import (HORIZON, MAX_OCCURRENCES, CalendarEvent, EventView, RecurrenceRule, overlaps, to_local,
                             to_utc)
from domain.errors import InvalidInput

_FREQ = {"YEARLY": du.YEARLY, "MONTHLY": du.MONTHLY, "WEEKLY": du.WEEKLY, "DAILY": du.DAILY,
         "HOURLY": du.HOURLY, "MINUTELY": du.MINUTELY}
_CYCLE = timedelta(days=146_097)  # 400 Gregorian years: whole weeks, so weekdays repeat too
_LAST_CYCLE_YEAR = 9600
_SLACK = timedelta(days=1)  # wall-clock windows are widened by a day for DST; instants decide


def anchor(event: CalendarEvent) -> None:
    """Check the event's rule against its start and set `recurrence_until` (None: endless or single)."""
    rule = event.rule()
    event.recurrence_until = None
    if rule is None:
        return
    origin = event.local_start()
    _check_syntax(event)
    if not _first_is_origin(rule, origin):
        _bad("The event's start must be the rule's first occurrence.")
    event.recurrence_until = _last_start(rule, origin, event)


def occurrences(event: CalendarEvent, start: datetime, end: datetime,
                limit: int = MAX_OCCURRENCES) -> tuple[list[EventView], bool]:
    """The series' occurrences lying in [start, end), in order, at most `limit`; and whether
    any were left out."""
    rule, origin, zone = event.rule(), event.local_start(), event.zone
    reach = timedelta(days=event.all_day_span) if event.all_day else event.duration
    low, high = to_local(start, zone) - reach - _SLACK, to_local(end, zone) + _SLACK
    if rule.count is None:
        until = rule.until_wall(zone)
        walls = _build(rule, origin, _rebased(rule, origin, low), until=min(high, until) if until else high)
    else:
        walls = _build(rule, origin, origin, count=rule.count)
    found: list[EventView] = []
    for wall in walls:
        if wall >= high:
            break
        if wall < low:
            continue
        starts_at, ends_at = event.occurrence_span(wall)
        if overlaps(starts_at, ends_at, start, end):
            if len(found) == limit:
                return found, True
            found.append(event.occurrence(starts_at, ends_at))
    return found, False


def _check_syntax(event: CalendarEvent) -> None:
    """The canonical text must parse with dateutil on the event's start (UNTIL in UTC needs an
    aware start; an all-day UNTIL is a date and needs a naive one)."""
    origin = event.local_start()
    try:
        du.rrulestr(event.recurrence_rule, dtstart=origin if event.all_day else origin.replace(tzinfo=event.zone))
    except (ValueError, TypeError) as error:
        _bad(f"Not a recurrence rule dateutil accepts: {error}")


def _first_is_origin(rule: RecurrenceRule, origin: datetime) -> bool:
    """Whether the rule's first match from `origin` is `origin`, checked in the last cycles
    before year 9999: a rule that never matches then stops within one cycle of walking."""
    shifted = origin + ((_LAST_CYCLE_YEAR - origin.year) // 400 + 1) * _CYCLE
    return _build(rule, origin, shifted).after(shifted, inc=True) == shifted


def _last_start(rule: RecurrenceRule, origin: datetime, event: CalendarEvent) -> datetime | None:
    """UNTIL as an instant, or the start of the COUNT-th occurrence (the last one before the
    calendar's horizon); None for an endless rule."""
    if rule.count is None:
        return rule.until_utc(event.zone)
    horizon, last = to_local(HORIZON[1], event.zone), origin
    for wall in _build(rule, origin, origin, count=rule.count):
        if wall >= horizon:
            break
        last = wall
    return to_utc(last, event.zone)


def _build(rule: RecurrenceRule, origin: datetime, dtstart: datetime, *, until: datetime | None = None,
           count: int | None = None) -> du.rrule:
    try:
        return du.rrule(dtstart=dtstart, until=until, count=count, cache=False, **_kwargs(rule, origin))
    except ValueError as error:  # e.g. BYHOUR that an HOURLY interval never reaches
        _bad(f"This rule has no occurrences: {error}")


def _kwargs(rule: RecurrenceRule, origin: datetime) -> dict:
    """The rule with every default that dateutil would take from DTSTART taken from `origin`,
    so that it means the same from any later DTSTART."""
    by = dict(rule.by)
    days = [du.weekdays[d](n) if n else du.weekdays[d] for n, d in rule.byday]
    if rule.freq not in ("HOURLY", "MINUTELY"):
        by.setdefault("BYHOUR", (origin.hour,))
    if rule.freq != "MINUTELY":
        by.setdefault("BYMINUTE", (origin.minute,))
    if not (days or by.get("BYMONTHDAY") or by.get("BYYEARDAY") or by.get("BYWEEKNO")):
        if rule.freq == "YEARLY":
            by.setdefault("BYMONTH", (origin.month,))
        if rule.freq in ("YEARLY", "MONTHLY"):
            by["BYMONTHDAY"] = (origin.day,)
        elif rule.freq == "WEEKLY":
            days = [du.weekdays[origin.weekday()]]
    return {"freq": _FREQ[rule.freq], "interval": rule.interval, "wkst": rule.wkst or 0,
            "bymonth": by.get("BYMONTH"), "bymonthday": by.get("BYMONTHDAY"), "byyearday": by.get("BYYEARDAY"),
            "byweekno": by.get("BYWEEKNO"), "byweekday": days or None, "byhour": by.get("BYHOUR"),
            "byminute": by.get("BYMINUTE"), "bysecond": (origin.second,), "bysetpos": by.get("BYSETPOS")}


def _rebased(rule: RecurrenceRule, origin: datetime, not_before: datetime) -> datetime:
    """The start of the last period of the rule's INTERVAL lattice at or before `not_before`
    (`origin` when that is its own period): expanding from there gives the same occurrences
    from `not_before` on, without walking the periods in between."""
    n = rule.interval
    if rule.freq == "YEARLY":
        steps = (not_before.year - origin.year) // n
        return datetime(origin.year + steps * n, 1, 1) if steps > 0 else origin
    if rule.freq == "MONTHLY":
        steps = ((not_before.year - origin.year) * 12 + not_before.month - origin.month) // n
        index = origin.year * 12 + origin.month - 1 + steps * n
        return datetime(index // 12, index % 12 + 1, 1) if steps > 0 else origin
    if rule.freq == "WEEKLY":
        base = datetime.combine(origin.date() - timedelta(days=(origin.weekday() - (rule.wkst or 0)) % 7), time())
        step = timedelta(weeks=n)
    elif rule.freq == "DAILY":
        base, step = datetime.combine(origin.date(), time()), timedelta(days=n)
    elif rule.freq == "HOURLY":
        base, step = origin.replace(minute=0, second=0), timedelta(hours=n)
    else:
        base, step = origin.replace(second=0), timedelta(minutes=n)
    steps = (not_before - base) // step
    return base + steps * step if steps > 0 else origin


def _bad(message: str):
    raise InvalidInput("recurrence_rule", message)
