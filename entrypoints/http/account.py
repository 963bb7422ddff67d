"""/api/v1/me/export (all my data, streamed) and DELETE /api/v1/me (leave for good)."""
from __future__ import annotations

from datetime import datetime, timezone

import orjson
from dependency_injector.wiring import Provide, inject
from flask import Response, make_response
from marshmallow import Schema, fields, validate

from entrypoints.http.api import Blueprint
from entrypoints.http.config import WebConfig
from entrypoints.http.context import current_user
from entrypoints.http.cookies import clear_session_cookies
from ports.inbound import account
from ports.outbound.blob_store import BlobStore
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("account", __name__, url_prefix="/api/v1", description="Export and deletion of one's account")
ORJSON = orjson.OPT_NAIVE_UTC | orjson.OPT_UTC_Z


class ExportOut(Schema):
    """The export's shape, for the document: the view streams it (see _stream), never dumps it."""

    exported_at = fields.DateTime(required=True)
    user_id = fields.UUID(required=True)
    tables = fields.Dict(keys=fields.String(), values=fields.List(fields.Dict()), required=True,
                         metadata={"description": "Each table of the user's data by name, its rows as objects"})


class DeleteAccountIn(Schema):
    confirm = fields.String(required=True, validate=validate.Equal("DELETE", error='Send "DELETE" to confirm.'))


@bp.get("/me/export")
@bp.response(200, ExportOut, description="A JSON attachment (Content-Disposition: attachment), streamed")
@bp.errors()
@inject
def export(uow: UnitOfWork = Provide["uow"]):
    user = current_user()
    tables = account.export_account(uow, user_id=user.id)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d")
    response = Response(_stream(user.id, tables), mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="ignition-export-{stamp}.json"'
    return response


@bp.delete("/me")
@bp.arguments(DeleteAccountIn)
@bp.response(204)
@bp.errors(400, 415)
@inject
def delete(_: dict, uow: UnitOfWork = Provide["uow"], store: BlobStore = Provide["blob_store"],
           clock: Clock = Provide["clock"], web: WebConfig = Provide["web"]):
    account.delete_account(uow, store, clock, user_id=current_user().id)
    response = make_response("", 204)
    clear_session_cookies(response, web)
    return response


def _stream(user_id, tables):
    """One JSON document written table by table, row by row: memory stays flat."""
    yield b'{"exported_at":' + orjson.dumps(datetime.now(timezone.utc)) + b',"user_id":' + \
        orjson.dumps(str(user_id)) + b',"tables":{'
    for n, (name, rows) in enumerate(tables):
        yield (b"," if n else b"") + orjson.dumps(name) + b":["
        for m, row in enumerate(rows):
            yield (b"," if m else b"") + orjson.dumps(row, default=str, option=ORJSON)
        yield b"]"
    yield b"}}"
