"""Schemas of /api/v1/calendar: events and series in, events and occurrences out."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from domain.calendar import MAX_RULE_CHARS
from entrypoints.http.schemas.json_types import JsonBoolean
from entrypoints.http.schemas.users import NAME

TEXT = validate.Length(max=20_000)
LOCATION = validate.Length(max=500)
RULE = validate.Length(min=1, max=MAX_RULE_CHARS)
COLOR = validate.Regexp(r"^#(?:[0-9a-fA-F]{3}){1,2}$", error="Must be a hex color such as #3366ff.")
_RULE_DOC = {"description": "An RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO (an RRULE: prefix is dropped). "
                            "FREQ=MINUTELY … YEARLY; COUNT ≤ 1000; no DTSTART/EXDATE: starts_at is the first "
                            "occurrence. Expanded in the user's timezone at creation."}


class EventRangeQuery(Schema):
    from_ = fields.Date(required=True, data_key="from", metadata={"description": "First local day (YYYY-MM-DD)"})
    to = fields.Date(required=True, metadata={"description": "Last local day, included; at most 366 days in all"})


class EventIn(Schema):
    title = fields.String(required=True, validate=NAME)
    starts_at = fields.AwareDateTime(required=True, metadata={"description": "RFC 3339 with an offset"})
    ends_at = fields.AwareDateTime(required=True, metadata={"description": "Not before starts_at"})
    all_day = JsonBoolean(load_default=False, metadata={
        "description": "All-day: the times become local midnights (start of the first day, end of the last)"})
    recurrence_rule = fields.String(load_default=None, allow_none=True, validate=RULE, metadata=_RULE_DOC)
    location = fields.String(load_default=None, allow_none=True, validate=LOCATION)
    description = fields.String(load_default=None, allow_none=True, validate=TEXT)
    color = fields.String(load_default=None, allow_none=True, validate=COLOR)


class EventPatchIn(Schema):
    title = fields.String(validate=NAME)
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    all_day = JsonBoolean()
    recurrence_rule = fields.String(allow_none=True, validate=RULE, metadata=_RULE_DOC)
    location = fields.String(allow_none=True, validate=LOCATION)
    description = fields.String(allow_none=True, validate=TEXT)
    color = fields.String(allow_none=True, validate=COLOR)


class EventOut(Schema):
    id = fields.UUID(required=True, metadata={"description": "The event's id; for an occurrence, its series' id"})
    title = fields.String(required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    all_day = fields.Boolean(required=True)
    recurring = fields.Boolean(required=True)
    recurrence_rule = fields.String(required=True, allow_none=True, metadata={"description": "Canonical form"})
    recurrence_until = fields.AwareDateTime(required=True, allow_none=True, metadata={
        "description": "Latest start of an occurrence (UNTIL or the COUNT-th); null when endless"})
    recurrence_id = fields.AwareDateTime(required=True, allow_none=True, metadata={
        "description": "An occurrence's original start (null for the event itself)"})
    timezone = fields.String(required=True, metadata={"description": "The zone the series recurs in"})
    location = fields.String(required=True, allow_none=True)
    description = fields.String(required=True, allow_none=True)
    color = fields.String(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


class EventRangeOut(Schema):
    items = fields.List(fields.Nested(EventOut), required=True, metadata={"description": "By starts_at"})
    next_cursor = fields.String(required=True, allow_none=True, metadata={"description": "Always null"})
    truncated = fields.Boolean(required=True, metadata={
        "description": "A cap left something out: 1,000 occurrences per series, 5,000 single events"})
