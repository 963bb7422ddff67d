"""Calendar events: single ones and RRULE series (one row per series, expanded when read).

Instants are stored in UTC; a series recurs on the wall clock of the zone it was created in
(`timezone`, the user's zone then), so a weekly 09:00 meeting stays at 09:00 across DST.
All-day events run from local midnight to a later local midnight of that zone. The calendar
spans HORIZON: times and query dates outside it are refused, so no conversion can overflow.
RecurrenceRule is the RRULE grammar this calendar accepts (a bounded subset of RFC 5545,
see docs/decisions.md); expanding a rule (python-dateutil) is `ports.inbound.recurrence`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from domain.days import UserDay
from domain.errors import InvalidInput

UTC = timezone.utc
HORIZON = (datetime(1900, 1, 1, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC))
MAX_RANGE_DAYS = 366  # a range query covers at most this many local days, both ends included
MAX_OCCURRENCES = 1000  # per series and request
MAX_SINGLE_EVENTS = 5000  # single events per range request
EDITABLE = ("title", "starts_at", "ends_at", "all_day", "recurrence_rule", "location", "description", "color")


@dataclass(frozen=True)
class EventView:
    """An event as the outside sees it: a stored one, or one occurrence of a series."""

    id: UUID
    title: str
    starts_at: datetime
    ends_at: datetime
    all_day: bool
    recurrence_rule: str | None
    recurrence_until: datetime | None
    timezone: str
    location: str | None
    description: str | None
    color: str | None
    created_at: datetime | None
    updated_at: datetime | None
    recurring: bool
    recurrence_id: datetime | None = None  # an occurrence's original start; None for the event itself


@dataclass
class CalendarEvent:
    id: UUID
    user_id: UUID
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    all_day: bool = False
    recurrence_rule: str | None = None  # canonical text (see RecurrenceRule.text)
    recurrence_until: datetime | None = None  # latest start of an occurrence; None: endless or single
    location: str | None = None
    description: str | None = None
    color: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @classmethod
    def create(cls, user_id: UUID, zone_name: str, now: datetime, *, title: str, starts_at: datetime,
               ends_at: datetime, all_day: bool = False, recurrence_rule: str | None = None,
               location: str | None = None, description: str | None = None,
               color: str | None = None) -> "CalendarEvent":
        """A new event in the user's zone; times are checked and all-day ones set to local midnights."""
        event = cls(id=uuid4(), user_id=user_id, title=title, starts_at=starts_at, ends_at=ends_at,
                    timezone=zone_name, all_day=all_day, recurrence_rule=recurrence_rule, location=location,
                    description=description, color=color, created_at=now, updated_at=now)
        event._settle()
        return event

    def edit(self, changes: dict, now: datetime) -> None:
        """Apply a partial change to the whole series, checked like a new event (all or nothing)."""
        changed = replace(self, **{key: changes[key] for key in EDITABLE if key in changes}, updated_at=now)
        changed._settle()
        self.__dict__.update(vars(changed))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    @property
    def all_day_span(self) -> int:
        """How many local days an all-day event covers."""
        return (self._local(self.ends_at).date() - self._local(self.starts_at).date()).days

    def rule(self) -> RecurrenceRule | None:
        return parse_rule(self.recurrence_rule) if self.recurrence_rule else None

    def local_start(self) -> datetime:
        """The start on the zone's wall clock (naive): where the rule is anchored."""
        return self._local(self.starts_at)

    def view(self) -> EventView:
        return self._view(self.starts_at, self.ends_at, None)

    def occurrence_span(self, local_start: datetime) -> tuple[datetime, datetime]:
        """When the occurrence starting at `local_start` (the zone's wall clock) runs: as long as
        the event (all-day ones: as many local days)."""
        starts_at = to_utc(local_start, self.zone)
        if not self.all_day:
            return starts_at, starts_at + self.duration
        last = datetime.combine(local_start.date() + timedelta(days=self.all_day_span), time())
        return starts_at, to_utc(last, self.zone)

    def occurrence(self, starts_at: datetime, ends_at: datetime) -> EventView:
        """One occurrence of the series: the event's fields with its own times."""
        return self._view(starts_at, ends_at, starts_at)

    def _view(self, starts_at: datetime, ends_at: datetime, recurrence_id: datetime | None) -> EventView:
        return EventView(id=self.id, title=self.title, starts_at=starts_at, ends_at=ends_at, all_day=self.all_day,
                         recurrence_rule=self.recurrence_rule, recurrence_until=self.recurrence_until,
                         timezone=self.timezone, location=self.location, description=self.description,
                         color=self.color, created_at=self.created_at, updated_at=self.updated_at,
                         recurring=self.recurrence_rule is not None, recurrence_id=recurrence_id)

    def _settle(self) -> None:
        check_zone(self.timezone)
        for name in ("starts_at", "ends_at"):
            _check_instant(name, getattr(self, name))
        if self.ends_at < self.starts_at:
            raise InvalidInput("ends_at", "Must not be before starts_at.")
        self.starts_at, self.ends_at = _whole_seconds(self.starts_at), _whole_seconds(self.ends_at)
        if self.all_day:
            self.starts_at, self.ends_at = self._midnights()
        self.recurrence_until = None
        if self.recurrence_rule is not None:
            rule = parse_rule(self.recurrence_rule)
            rule.check_start(self.local_start(), self.zone, self.all_day)
            self.recurrence_rule = rule.text(self.zone, self.all_day)

    def _midnights(self) -> tuple[datetime, datetime]:
        """All-day: from the local midnight that starts the first day to the local midnight after
        the last day (an end at midnight stays, any other end is rounded up; at least one day)."""
        first = self._local(self.starts_at).date()
        end_wall = self._local(self.ends_at)
        last = end_wall.date() + timedelta(days=0 if end_wall.time() == time() else 1)
        return to_utc(datetime.combine(first, time()), self.zone), \
            to_utc(datetime.combine(max(last, first + timedelta(days=1)), time()), self.zone)

    def _local(self, instant: datetime) -> datetime:
        return to_local(instant, self.zone)


def to_local(instant: datetime, zone: ZoneInfo) -> datetime:
    """The zone's wall clock at `instant`, naive."""
    return instant.astimezone(zone).replace(tzinfo=None)


def to_utc(wall: datetime, zone: ZoneInfo) -> datetime:
    """The instant of a wall-clock time (a time skipped by DST moves forward, a repeated one is the first)."""
    return wall.replace(tzinfo=zone).astimezone(UTC)


def check_zone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        raise InvalidInput("timezone", "Must be an IANA time zone such as Europe/Berlin.") from None


def calendar_window(first: date, last: date, zone_name: str) -> tuple[datetime, datetime]:
    """[first 00:00, last + 1 00:00) in the user's zone, as UTC instants.

    The calendar shows clock days: local midnight to midnight, whatever the user's
    day_start_hour (which cuts days for streaks, quests and plans, not for a calendar).
    """
    if last < first:
        raise InvalidInput("to", "Must not be before from.")
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise InvalidInput("to", f"The range may cover at most {MAX_RANGE_DAYS} days.")
    low, high = HORIZON[0].date(), HORIZON[1].date() - timedelta(days=1)
    for name, day in (("from", first), ("to", last)):
        if not low <= day <= high:
            raise InvalidInput(name, f"Must be between {low} and {high}.")
    days = UserDay(zone_name, 0)
    return days.starts_at(first), days.starts_at(last + timedelta(days=1))


def overlaps(starts_at: datetime, ends_at: datetime, start: datetime, end: datetime) -> bool:
    """Whether an event lies in [start, end): it overlaps it, or (lasting no time) starts in it."""
    return starts_at < end and (ends_at > start or starts_at >= start)


def agenda(views: list[EventView]) -> list[EventView]:
    """Events and occurrences in the order of their starts."""
    return sorted(views, key=lambda v: (v.starts_at, v.ends_at, str(v.id)))


def _check_instant(name: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(name, "Must carry a UTC offset (RFC 3339).")
    if not HORIZON[0] <= value < HORIZON[1]:  # compared, not converted: no overflow at year 1 or 9999
        raise InvalidInput(name, f"Must be between {HORIZON[0].date()} and {HORIZON[1].date()}.")


def _whole_seconds(value: datetime) -> datetime:
    """Recurrence works in whole seconds; so do stored times."""
    return value.astimezone(UTC).replace(microsecond=0)


# The RRULE grammar: RFC 5545 recurrence rules, in the subset whose expansion stays cheap.
FREQUENCIES = ("MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")  # SECONDLY is refused
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MAX_INTERVAL, MAX_COUNT, MAX_RULE_CHARS = 1000, 1000, 500
# Filters that can leave a rule without a match for years are kept to the frequencies that step
# by months or years, so an expansion never walks a long run of days that cannot match.
_BY_PARTS = {
    "MINUTELY": ("BYMONTH", "BYDAY", "BYHOUR", "BYMINUTE"),
    "HOURLY": ("BYMONTH", "BYDAY", "BYHOUR", "BYMINUTE"),
    "DAILY": ("BYMONTH", "BYDAY", "BYHOUR", "BYMINUTE"),
    "WEEKLY": ("BYMONTH", "BYDAY", "BYHOUR", "BYMINUTE"),
    "MONTHLY": ("BYMONTH", "BYMONTHDAY", "BYDAY", "BYHOUR", "BYMINUTE", "BYSETPOS"),
    "YEARLY": ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY", "BYHOUR", "BYMINUTE", "BYSETPOS"),
}
NUMBERED_PARTS = {  # part: (lowest, highest, may count from the end)
    "BYMONTH": (1, 12, False), "BYWEEKNO": (1, 53, True), "BYYEARDAY": (1, 366, True),
    "BYMONTHDAY": (1, 31, True), "BYHOUR": (0, 23, False), "BYMINUTE": (0, 59, False), "BYSETPOS": (1, 366, True)}
_KNOWN = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYDAY", "BYSECOND", *NUMBERED_PARTS}
_NOT_RULE_PARTS = ("DTSTART", "EXDATE", "RDATE", "EXRULE", "TZID", "RRULE")
_INTEGER = re.compile(r"[+-]?[0-9]{1,4}", re.ASCII)
_DAY = re.compile(r"([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)", re.ASCII)
_UNTIL = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:T([0-9]{2})([0-9]{2})([0-9]{2})(Z?))?", re.ASCII)


@dataclass(frozen=True)
class RecurrenceRule:
    """A parsed RRULE. `until` is as written: a date (that whole local day), a naive time on the
    event's wall clock, or an aware UTC instant."""

    freq: str
    interval: int = 1
    count: int | None = None
    until: date | datetime | None = None
    by: dict[str, tuple[int, ...]] = field(default_factory=dict)  # the numbered BY parts
    byday: tuple[tuple[int, int], ...] = ()  # (ordinal, weekday with Monday 0); ordinal 0: every such day
    wkst: int | None = None

    def get(self, part: str) -> tuple[int, ...]:
        return self.by.get(part, ())

    def until_wall(self, zone: ZoneInfo) -> datetime | None:
        """The latest start of an occurrence on the zone's wall clock (naive)."""
        if self.until is None or (isinstance(self.until, datetime) and self.until.tzinfo is None):
            return self.until
        if isinstance(self.until, datetime):
            return to_local(self.until, zone)
        return datetime.combine(self.until, time(23, 59, 59))

    def until_utc(self, zone: ZoneInfo) -> datetime | None:
        if isinstance(self.until, datetime) and self.until.tzinfo is not None:
            return self.until
        wall = self.until_wall(zone)
        return to_utc(wall, zone) if wall else None

    def check_start(self, start: datetime, zone: ZoneInfo, all_day: bool) -> None:
        """What can be told without expanding: the event's start (wall clock) must be the rule's
        first occurrence, as RFC 5545 counts DTSTART; the expansion checks the rest."""
        if all_day and (self.freq in ("HOURLY", "MINUTELY") or self.get("BYHOUR") or self.get("BYMINUTE")):
            _bad("An all-day series repeats by whole days: DAILY or coarser, without BYHOUR or BYMINUTE.")
        if self.until is not None and self.until_wall(zone) < start:
            _bad("UNTIL is before the event's start.")
        month_end = (date(start.year + start.month // 12, start.month % 12 + 1, 1) - timedelta(days=1)).day
        checks = {"BYMONTH": [start.month], "BYHOUR": [start.hour], "BYMINUTE": [start.minute],
                  "BYMONTHDAY": [start.day, start.day - month_end - 1]}
        misses = [name for name, values in checks.items() if self.get(name) and not set(values) & set(self.get(name))]
        if self.byday and not any(n for n, _ in self.byday) and start.weekday() not in {d for _, d in self.byday}:
            misses.append("BYDAY")
        if misses:
            _bad(f"The event's start must be the rule's first occurrence; it does not match {', '.join(misses)}.")

    def text(self, zone: ZoneInfo, all_day: bool) -> str:
        """The canonical form: FREQ first, then a fixed order; UNTIL as a date (all-day) or in UTC."""
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            until = self.until_wall(zone).strftime("%Y%m%d") if all_day else \
                self.until_utc(zone).strftime("%Y%m%dT%H%M%SZ")
            parts.append(f"UNTIL={until}")
        for name in ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY"):
            if self.get(name):
                parts.append(f"{name}={','.join(map(str, self.get(name)))}")
        if self.byday:
            parts.append("BYDAY=" + ",".join(f"{n or ''}{WEEKDAYS[d]}" for n, d in self.byday))
        for name in ("BYHOUR", "BYMINUTE", "BYSETPOS"):
            if self.get(name):
                parts.append(f"{name}={','.join(map(str, self.get(name)))}")
        if self.wkst is not None:
            parts.append(f"WKST={WEEKDAYS[self.wkst]}")
        return ";".join(parts)


def parse_rule(text: str) -> RecurrenceRule:
    """An RRULE value in the accepted subset (an "RRULE:" prefix is dropped), or InvalidInput."""
    body = text.strip()
    body = body[6:] if body[:6].upper() == "RRULE:" else body
    if not body or len(body) > MAX_RULE_CHARS or not body.isascii() or not body.isprintable():
        _bad("Must be one RRULE line such as FREQ=WEEKLY;BYDAY=MO.")
    parts: dict[str, str] = {}
    for chunk in body.upper().split(";"):
        name, sep, value = (piece.strip() for piece in chunk.partition("="))
        if name in _NOT_RULE_PARTS:
            _bad(f"{name} is not allowed: starts_at is the series' start, and exceptions are not supported.")
        if not sep or not name or not value:
            _bad(f"Each part must be NAME=VALUE, not {chunk[:40]!r}.")
        if name in parts:
            _bad(f"{name} is given twice.")
        parts[name] = value
    freq = parts.pop("FREQ", None)
    if freq not in FREQUENCIES:
        _bad("SECONDLY is not supported; the finest frequency is MINUTELY." if freq == "SECONDLY" else
             f"FREQ must be one of {', '.join(FREQUENCIES)}.")
    allowed = {"INTERVAL", "COUNT", "UNTIL", "WKST", *_BY_PARTS[freq]}
    for name in parts:
        if name not in allowed:
            _bad(f"{name} is not supported with FREQ={freq}." if name in _KNOWN else f"Unknown rule part {name}.")
    if "COUNT" in parts and "UNTIL" in parts:
        _bad("COUNT and UNTIL must not both be given.")
    if "BYSETPOS" in parts and len([name for name in parts if name.startswith("BY")]) < 2:
        _bad("BYSETPOS needs another BY part to choose from.")
    if parts.get("WKST", "MO") not in WEEKDAYS:
        _bad("WKST must be a weekday such as MO.")
    return RecurrenceRule(
        freq=freq, interval=_integer("INTERVAL", parts.get("INTERVAL", "1"), 1, MAX_INTERVAL),
        count=_integer("COUNT", parts["COUNT"], 1, MAX_COUNT) if "COUNT" in parts else None,
        until=_until(parts["UNTIL"]) if "UNTIL" in parts else None,
        by={name: _numbers(name, parts[name]) for name in NUMBERED_PARTS if name in parts},
        byday=_weekdays(parts["BYDAY"], freq) if "BYDAY" in parts else (),
        wkst=WEEKDAYS.index(parts["WKST"]) if "WKST" in parts else None)


def _integer(name: str, value: str, low: int, high: int) -> int:
    if not _INTEGER.fullmatch(value) or not low <= int(value) <= high:
        _bad(f"{name} must be a whole number from {low} to {high}.")
    return int(value)


def _numbers(name: str, value: str) -> tuple[int, ...]:
    low, high, from_end = NUMBERED_PARTS[name]
    found = set()
    for item in value.split(","):
        number = int(item) if _INTEGER.fullmatch(item) else None
        if number is None or not (low <= number <= high or (from_end and -high <= number <= -low)):
            span = f"{low} to {high}" + (f" or -{high} to -{low}" if from_end else "")
            _bad(f"{name} takes numbers from {span}.")
        found.add(number)
    return tuple(sorted(found))


def _weekdays(value: str, freq: str) -> tuple[tuple[int, int], ...]:
    found = set()
    most = 5 if freq == "MONTHLY" else 53
    for item in value.split(","):
        match = _DAY.fullmatch(item)
        if match is None:
            _bad("BYDAY takes weekdays such as MO,WE or, monthly and yearly, numbered ones such as 2TU or -1FR.")
        ordinal = int(match.group(1) or 0)
        if ordinal and (freq not in ("MONTHLY", "YEARLY") or not 1 <= abs(ordinal) <= most):
            _bad(f"A numbered weekday needs FREQ=MONTHLY (±1 to ±5) or YEARLY (±1 to ±53), not {item} "
                 f"with FREQ={freq}.")
        found.add((ordinal, WEEKDAYS.index(match.group(2))))
    return tuple(sorted(found))


def _until(value: str) -> date | datetime:
    match = _UNTIL.fullmatch(value)
    numbers = [int(g) for g in match.groups()[:6] if g is not None] if match else []
    try:
        day = date(*numbers[:3]) if numbers else None
        moment = datetime(*numbers) if len(numbers) == 6 else None
    except ValueError:
        day = moment = None
    if day is None:
        _bad("UNTIL must be a date (20261231), a local time (20261231T170000) or a UTC time (20261231T170000Z).")
    if not HORIZON[0].date() <= day < HORIZON[1].date():
        _bad(f"UNTIL must be between {HORIZON[0].date()} and {HORIZON[1].date()}.")
    if moment is None:
        return day
    return moment.replace(tzinfo=UTC) if match.group(7) else moment


def _bad(message: str):
    raise InvalidInput("recurrence_rule", message)
