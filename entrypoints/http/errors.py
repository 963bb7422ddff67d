"""Every error becomes the JSON envelope of DESIGN §4 — never an HTML page, a trace or SQL."""
from __future__ import annotations

import logging

from flask import Flask, g, jsonify
from marshmallow import Schema, ValidationError, fields
from werkzeug.exceptions import HTTPException

from domain.errors import (Conflict, DomainError, Forbidden, InvalidInput, LoginFailed, NotFound,
                           UnsupportedMediaType)
from ports.outbound.blob_store import BlobMissing, BlobStoreUnavailable
from ports.outbound.unit_of_work import StoreUnavailable

log = logging.getLogger("ignition.http")

CODES = {400: "validation_error", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 413: "too_large", 415: "unsupported_media_type", 416: "range_not_satisfiable",
         422: "validation_error", 429: "rate_limited", 503: "unavailable"}
DOMAIN_STATUS = {NotFound: 404, Conflict: 409, Forbidden: 403, InvalidInput: 400, LoginFailed: 400,
                 UnsupportedMediaType: 415}


class ErrorOut(Schema):
    error = fields.String(required=True, metadata={"description": "A message for people"})
    code = fields.String(required=True, metadata={"description": "A machine code, e.g. validation_error"})
    details = fields.Dict(metadata={"description": "For validation errors: field → messages"})
    request_id = fields.String(required=True)


class ApiError(Exception):
    """An HTTP-level refusal raised by the middleware (401, 403 csrf_failed, 415, …)."""

    def __init__(self, status: int, message: str, code: str | None = None, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code or CODES.get(status, "error")
        self.headers = headers or {}


def envelope(status: int, message: str, code: str, details: dict | None = None, headers: dict | None = None):
    body = {"error": message, "code": code, "request_id": getattr(g, "request_id", None)}
    if details:
        body["details"] = details
    response = jsonify(body)
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _http(error: HTTPException):
    status = error.code or 500
    details = _validation_details(getattr(error, "data", None) or {})
    if status == 422:
        status = 400
    message = "Invalid input" if details else (error.description or error.name)
    headers = {k: v for k, v in error.get_headers() if k.lower() in ("allow", "retry-after", "www-authenticate")}
    return envelope(status, message, CODES.get(status, "error"), details, headers)


def _validation_details(data: dict) -> dict | None:
    """webargs nests messages by location ({"json": {"name": [...]}}); callers want field → messages."""
    messages = data.get("messages")
    if not isinstance(messages, dict):
        return None
    flat: dict = {}
    for location, fields_ in messages.items():
        flat.update(fields_ if isinstance(fields_, dict) else {location: fields_})
    return flat


def _domain(error: DomainError):
    status = next((s for cls, s in DOMAIN_STATUS.items() if isinstance(error, cls)), 400)
    details = error.details.get("fields") if isinstance(error, InvalidInput) else (error.details or None)
    return envelope(status, error.message, error.code, details)


def _marshmallow(error: ValidationError):
    messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
    return envelope(400, "Invalid input", "validation_error", messages)


def _api(error: ApiError):
    return envelope(error.status, error.message, error.code, headers=error.headers)


def _unavailable(error: StoreUnavailable | BlobStoreUnavailable):
    log.warning("dependency unavailable: %s", error)
    return envelope(503, "The service is temporarily unavailable; try again shortly.", "unavailable",
                    headers={"Retry-After": "5"})


def _blob_missing(error: BlobMissing):
    log.warning("a stored object is missing: %s", error)  # a row without its object: cleanup's job
    return envelope(404, "Not found.", "not_found")


def _unexpected(error: Exception):
    log.exception("unhandled error")
    return envelope(500, "Something went wrong on our side.", "internal_error")


def register_error_handlers(app: Flask) -> None:
    """Register after flask-smorest's Api(app) so these handlers win."""
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(DomainError, _domain)
    app.register_error_handler(ApiError, _api)
    app.register_error_handler(ValidationError, _marshmallow)
    app.register_error_handler(StoreUnavailable, _unavailable)
    app.register_error_handler(BlobStoreUnavailable, _unavailable)
    app.register_error_handler(BlobMissing, _blob_missing)
    app.register_error_handler(Exception, _unexpected)
