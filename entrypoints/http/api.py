"""flask-smorest set-up: validation answers 400, errors are documented as the envelope."""
from __future__ import annotations

import json
import re
import threading
from typing import Callable

import flask_smorest
from flask import Flask
from flask_smorest.spec.plugins import FlaskPlugin
from flask_smorest.utils import resolve_schema_instance
from marshmallow import ValidationError
from webargs.flaskparser import FlaskParser

from entrypoints.http.compiled_dump import compile_dump
from entrypoints.http.errors import ErrorOut
from entrypoints.http.security import GUARDED_PREFIXES, UNSAFE

DOC_ENDPOINTS = frozenset({"api-docs.openapi_json", "api-docs.openapi_swagger_ui"})
COMMON_ERRORS = (401, 403, 429, 503)


class Parser(FlaskParser):
    """400 for invalid input; unknown query parameters are refused like unknown body fields
    (each schema's own `unknown`, RAISE by default, decides)."""

    DEFAULT_VALIDATION_STATUS = 400
    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": None, "querystring": None}

    def _raw_load_json(self, req):
        """JSON nested deeper than the parser can recurse is invalid JSON here (400), not a crash."""
        try:
            return super()._raw_load_json(req)
        except RecursionError as error:
            # a non-empty `doc`: webargs reads an empty one as "no body"
            raise json.JSONDecodeError("Nested too deeply", doc="[…]", pos=0) from error

    def pre_load(self, location_data, *, schema, req, location):
        """Postgres text cannot hold NUL nor lone surrogates: refuse them in any key or string,
        for every route at once."""
        where = _unstorable_path(location_data)
        if where is not None:
            raise ValidationError({where or "_schema": ["NUL characters and lone surrogates are not allowed."]})
        return super().pre_load(location_data, schema=schema, req=req, location=location)


UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _unstorable_path(value, path: str = "") -> str | None:
    """The dotted path of the first string (or key) Postgres cannot store as text, or None."""
    if isinstance(value, str):
        return path if UNSTORABLE.search(value) else None
    if hasattr(value, "keys"):
        pairs = ((k, v) for k in value.keys() for v in value.getlist(k)) if hasattr(value, "getlist") \
            else value.items()
        for key, item in pairs:
            if isinstance(key, str) and UNSTORABLE.search(key):
                return path or "_schema"
            found = _unstorable_path(item, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _unstorable_path(item, f"{path}.{index}" if path else str(index))
            if found is not None:
                return found
    return None


class Blueprint(flask_smorest.Blueprint):
    """A smorest blueprint whose input errors are 400 with field messages, and whose documented
    errors include the ones the app's hooks give: 415 on every unsafe method (a form-style
    body), 413 wherever a JSON body is read (over MAX_JSON_BYTES)."""

    ARGUMENTS_PARSER = Parser()

    def route(self, rule, *, parameters=None, **options):
        register = super().route(rule, parameters=parameters, **options)
        if not UNSAFE.intersection(options.get("methods", ())):
            return register
        return lambda view: register(self._error_responses(view, (415,)))

    def register_views_in_doc(self, api, app, spec, *, name, parameters):
        """Left to `Api.document`, which runs it on the document's first read."""
        register = super().register_views_in_doc
        api.defer_documenting(lambda: register(api, app, spec, name=name, parameters=parameters))

    def response(self, status_code, schema=None, **kwargs):
        """As flask-smorest's, with the schema's dump compiled once when it is made of plain
        fields (entrypoints/http/compiled_dump.py): the same output for less CPU."""
        schema = resolve_schema_instance(schema) if schema is not None else None
        if schema is not None and (compiled := compile_dump(schema)) is not None:
            schema.dump = compiled
        return super().response(status_code, schema, **kwargs)

    def arguments(self, schema, *, location="json", required=None, **kwargs):
        """As flask-smorest's; by default a JSON body is documented as required only when one of
        its fields is (a body of optional fields may be left out, and is then read as {})."""
        if required is None:
            fields_ = (schema() if isinstance(schema, type) else schema).fields.values()
            required = location != "json" or any(field.required for field in fields_)
        parse = super().arguments(schema, location=location, required=required, **kwargs)
        if location != "json":
            return parse
        return lambda view: self._error_responses(parse(view), (413,))

    def errors(self, *statuses: int, session: bool = True):
        """Document the error envelope for these statuses (plus the ones every route may give)."""
        common = COMMON_ERRORS if session else tuple(s for s in COMMON_ERRORS if s != 401)
        return lambda view: self._error_responses(view, {*statuses, *common})

    def _error_responses(self, view, statuses):
        for status in sorted(statuses):
            view = self.alt_response(status, schema=ErrorOut, description=_DESCRIPTIONS.get(status))(view)
        return view


_DESCRIPTIONS = {400: "Invalid input (details: field → messages)", 401: "No session", 403: "Forbidden or csrf_failed",
                 404: "Not found (or not yours)", 409: "Conflict", 413: "Too large",
                 415: "Unsupported media type (a form-style body on a JSON route, a file of a type not taken)",
                 416: "Range not satisfiable", 429: "Rate limited",
                 503: "A dependency is unavailable"}


class Api(flask_smorest.Api):
    """flask-smorest's Api, whose views are put in the OpenAPI document when it is first read.

    Documenting 157 operations (apispec deep-copies each one) is most of what building the app
    costs, about 0.4 s: every gunicorn worker paid it at start and every test app with it,
    while the document is read only by /api/v1/openapi.json.
    """

    ERROR_SCHEMA = ErrorOut
    # No catch-all "default" response: each operation lists the statuses it can answer, so a
    # client (and the fuzzer, tests/fuzz) can tell an undocumented one.
    DEFAULT_ERROR_RESPONSE_NAME = None

    def defer_documenting(self, document: Callable[[], None]) -> None:
        self.__dict__.setdefault("_undocumented", []).append(document)

    def document(self):
        """The complete OpenAPI document (apispec's APISpec)."""
        with _DOCUMENTING:
            pending = self.__dict__.get("_undocumented", [])
            if pending:
                while pending:
                    pending.pop(0)()
                self._document_security()
        return self.spec

    def _document_security(self) -> None:
        """Each operation says what the security hooks (entrypoints/http/security.py) ask of it:
        nothing on public routes, the session cookie, and on unsafe methods the X-CSRF-Token
        header as well (both schemes at once)."""
        paths, app = self.spec._paths, self._app
        for rule in app.url_map.iter_rules():
            operations = paths.get(FlaskPlugin.flaskpath2openapi(rule.rule), {})
            view = app.view_functions[rule.endpoint]
            for method in rule.methods or ():
                operation = operations.get(method.lower())
                if operation is not None:
                    operation["security"] = _requirements(rule.rule, rule.endpoint, method, view)

    def _openapi_json(self):
        self.document()
        return super()._openapi_json()


_DOCUMENTING = threading.Lock()


def _requirements(rule: str, endpoint: str, method: str, view) -> list[dict]:
    """The OpenAPI security requirement of one operation, as the guard enforces it."""
    guarded = rule.startswith(GUARDED_PREFIXES)
    csrf = guarded and method in UNSAFE and not getattr(view, "ignition_csrf_exempt", False)
    public = not guarded or endpoint in DOC_ENDPOINTS or getattr(view, "ignition_public", False)
    if csrf:  # the token is checked against the session, so a public route needs one here too
        return [{"session": [], "csrf": []}]
    return [] if public else [{"session": []}]


def make_api(app: Flask) -> Api:
    app.config.update(
        API_TITLE="Ignition API", API_VERSION="v1", OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api/v1", OPENAPI_JSON_PATH="openapi.json", OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL="https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
    )
    api = Api(app, spec_kwargs={"info": {"description": "The Ignition backend: sessions in HttpOnly cookies; "
                                                        "unsafe methods need the X-CSRF-Token header."}})
    api.spec.components.security_scheme("session", {"type": "apiKey", "in": "cookie", "name": "ignition_session"})
    api.spec.components.security_scheme("csrf", {"type": "apiKey", "in": "header", "name": "X-CSRF-Token",
                                                  "description": "The value GET /auth/session returns in this header"})
    return api
