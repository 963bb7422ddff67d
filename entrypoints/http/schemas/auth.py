"""Schemas of the /auth routes."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from entrypoints.http.schemas.users import NAME


class ProviderOut(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    login_url = fields.String(required=True)


class ProvidersOut(Schema):
    providers = fields.List(fields.Nested(ProviderOut), required=True)
    dev_login = fields.Boolean(required=True)


class LoginQuery(Schema):
    redirect = fields.String(validate=validate.Length(max=2000), metadata={"description": "Same-site path"})


class CallbackQuery(Schema):
    """Providers add parameters of their own (Google: scope, authuser, prompt, hd): ignored."""

    class Meta:
        unknown = EXCLUDE

    code = fields.String(validate=validate.Length(max=4096))
    state = fields.String(validate=validate.Length(max=512))
    error = fields.String(validate=validate.Length(max=200))
    error_description = fields.String(validate=validate.Length(max=2000))
    session_state = fields.String(validate=validate.Length(max=512))  # Entra adds it; unused
    iss = fields.String(validate=validate.Length(max=512))  # RFC 9207; unused


class DevLoginIn(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    name = fields.String(validate=NAME)


class SessionOut(Schema):
    id = fields.UUID(required=True)
    created_at = fields.AwareDateTime(required=True)
    last_active_at = fields.AwareDateTime(required=True)
    user_agent = fields.String(allow_none=True)
    ip = fields.String(allow_none=True)
    current = fields.Boolean(required=True)


class SessionsOut(Schema):
    items = fields.List(fields.Nested(SessionOut), required=True)


class TosIn(Schema):
    version = fields.String(required=True, validate=validate.Length(min=1, max=50))


class TosOut(Schema):
    version = fields.String(allow_none=True, metadata={"description": "The version the user accepted"})
    accepted_at = fields.AwareDateTime(allow_none=True)


class AgeIn(Schema):
    birthdate = fields.Date(required=True)


class AgeOut(Schema):
    age_verified = fields.Boolean(required=True)
