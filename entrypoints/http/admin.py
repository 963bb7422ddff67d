"""/api/v1/admin: the admin console's API (role admin; the security hook answers 403 to others)."""
from __future__ import annotations

import logging
import threading

from dependency_injector.wiring import Provide, inject
from marshmallow import Schema, fields

from entrypoints.http.api import Blueprint
from entrypoints.http.config import WebConfig
from entrypoints.http.context import current_actor
from entrypoints.http.idempotency import idempotent
from entrypoints.http.schemas.gamification import LedgerEntryOut, WalletAdjustIn
from entrypoints.http.schemas.json_types import JsonBoolean
from entrypoints.http.security import client_ip
from ports.inbound import admin, maintenance
from ports.outbound.blob_store import BlobStore
from ports.outbound.clock import Clock
from ports.outbound.database_dump import DatabaseDump
from ports.outbound.unit_of_work import UnitOfWork

log = logging.getLogger("ignition.admin")
bp = Blueprint("admin", __name__, url_prefix="/api/v1/admin", description="Administration (admins only)")


@bp.post("/users/<uuid:user_id>/wallet")
@bp.arguments(WalletAdjustIn, as_kwargs=True)
@bp.response(201, LedgerEntryOut)
@bp.errors(400, 404, 409, 415)
@idempotent
@inject
def adjust_wallet(user_id, delta: int, reason: str, uow: UnitOfWork = Provide["uow"],
                  clock: Clock = Provide["clock"], web: WebConfig = Provide["web"]):
    return admin.adjust_wallet(uow, clock, actor=current_actor(client_ip(web)), user_id=user_id, delta=delta,
                               reason=reason)


class CleanupIn(Schema):
    dry_run = JsonBoolean(load_default=False)


class CleanupOut(Schema):
    dry_run = fields.Boolean(required=True)
    rows = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    files = fields.Dict(required=True)


class BackupStartedOut(Schema):
    status = fields.String(required=True)


@bp.post("/cleanup")
@bp.arguments(CleanupIn)
@bp.response(200, CleanupOut)
@bp.errors(400, 415)
@inject
def cleanup(body: dict, uow: UnitOfWork = Provide["uow"], store: BlobStore = Provide["blob_store"],
            clock: Clock = Provide["clock"], web: WebConfig = Provide["web"]):
    return maintenance.cleanup(uow, store, clock, actor=current_actor(client_ip(web)), dry_run=body["dry_run"])


@bp.post("/backup")
@bp.response(202, BackupStartedOut, description="The backup runs in the background; see the server log")
@bp.errors()
@inject
def backup(uow: UnitOfWork = Provide["uow"], store: BlobStore = Provide["blob_store"],
           clock: Clock = Provide["clock"], dumper: DatabaseDump = Provide["dumper"],
           settings=Provide["settings"], web: WebConfig = Provide["web"]):
    maintenance.record_backup_start(uow, clock, actor=current_actor(client_ip(web)))
    threading.Thread(target=_backup_in_background, args=(dumper, store, clock, settings.backup_retention),
                     name="ignition-backup", daemon=True).start()
    return {"status": "started"}


def _backup_in_background(dumper, store, clock, retention: int) -> None:
    try:
        done = maintenance.run_backup(dumper, store, clock, retention=retention)
        log.info("backup written", extra={"location": done.location, "bytes": done.size})
    except Exception:  # a background thread has nobody to raise to: the log is the report
        log.exception("backup failed")
