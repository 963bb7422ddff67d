"""Schemas of the person: what /api/v1/me and /auth/session show and accept."""
from __future__ import annotations

import json
import math

from marshmallow import Schema, ValidationError, fields, validate

NAME = validate.Length(min=1, max=200)
MAX_SETTINGS_CHARS = 20_000


def _settings_fit(value: dict) -> None:
    """Free-form, but storable and readable back: jsonb refuses NaN and infinities (which the JSON
    parser takes), and the response writer (orjson) takes integers of at most 64 bits."""
    if not _numbers_fit(value):
        raise ValidationError("Numbers must be finite, and whole numbers within 64 bits.")
    if len(json.dumps(value)) > MAX_SETTINGS_CHARS:
        raise ValidationError(f"Settings may take at most {MAX_SETTINGS_CHARS} characters of JSON.")


def _numbers_fit(value) -> bool:
    if isinstance(value, dict):
        return all(_numbers_fit(item) for item in value.values())
    if isinstance(value, list):
        return all(_numbers_fit(item) for item in value)
    if isinstance(value, float):
        return math.isfinite(value)
    return not isinstance(value, int) or -2 ** 63 <= value < 2 ** 63


class VacationOut(Schema):
    """A pause of every streak, `from` to `to` inclusive (`to` null: until it is ended)."""

    start = fields.Date(required=True, data_key="from")
    end = fields.Date(required=True, allow_none=True, data_key="to")


class UserOut(Schema):
    id = fields.UUID(required=True)
    email = fields.String(allow_none=True)
    email_verified = fields.Boolean()
    name = fields.String(allow_none=True)
    role = fields.String(required=True, metadata={"enum": ["user", "admin"]})
    timezone = fields.String(required=True)
    day_start_hour = fields.Integer(required=True)
    tos_version = fields.String(allow_none=True)
    age_verified = fields.Boolean(required=True)
    settings = fields.Dict(required=True)
    created_at = fields.AwareDateTime(allow_none=True)
    vacation = fields.Nested(VacationOut, allow_none=True, metadata={"description": "The current or coming one"})


class UserEnvelopeOut(Schema):
    user = fields.Nested(UserOut, required=True)


class MePatchIn(Schema):
    name = fields.String(validate=NAME)
    timezone = fields.String(validate=validate.Length(min=1, max=64),
                             metadata={"description": "IANA time zone, e.g. Europe/Berlin"})
    day_start_hour = fields.Integer(validate=validate.Range(min=0, max=23), strict=True)
    settings = fields.Dict(keys=fields.String(validate=validate.Length(max=100)), validate=_settings_fit)
