"""/api/v1/admin: users (search, detail, role and disabled flag, deletion), stats and the audit log.

Admins only (the security hook answers 403 to others). Every write leaves one audit entry,
committed with the change.
"""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from entrypoints.http.api import Blueprint
from entrypoints.http.config import WebConfig
from entrypoints.http.context import current_actor
from entrypoints.http.paging import page_body, page_request
from entrypoints.http.schemas.admin import (AdminAuditListOut, AdminAuditQuery, AdminNoQuery, AdminStatsOut,
                                            AdminUserDetailOut, AdminUserListOut, AdminUserListQuery,
                                            AdminUserPatchIn)
from entrypoints.http.security import client_ip
from ports.inbound import admin_stats, admin_users
from ports.outbound.blob_store import BlobStore
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("admin_users", __name__, url_prefix="/api/v1/admin", description="Administration: users and audit")


@bp.get("/users")
@bp.arguments(AdminUserListQuery, location="query")
@bp.response(200, AdminUserListOut)
@bp.errors(400)
@inject
def list_users(query: dict, uow: UnitOfWork = Provide["uow"]):
    """Users, newest first (created_at, id); `q` searches email and name."""
    return page_body(admin_users.list_users(uow, request=page_request(query), q=query["q"], role=query["role"]))


@bp.get("/users/<uuid:user_id>")
@bp.response(200, AdminUserDetailOut)
@bp.errors(404)
@inject
def get_user(user_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    return admin_users.get_user(uow, clock, user_id=user_id)


@bp.patch("/users/<uuid:user_id>")
@bp.arguments(AdminUserPatchIn)
@bp.response(200, AdminUserDetailOut)
@bp.errors(400, 404, 409, 415)
@inject
def update_user(body: dict, user_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"],
                web: WebConfig = Provide["web"]):
    """Grant or take the admin role, disable or enable; disabling ends the user's sessions.
    An admin cannot demote or disable themselves (409)."""
    return admin_users.update_user(uow, clock, actor=current_actor(client_ip(web)), user_id=user_id, **body)


@bp.delete("/users/<uuid:user_id>")
@bp.response(204)
@bp.errors(404, 409)
@inject
def delete_user(user_id, uow: UnitOfWork = Provide["uow"], store: BlobStore = Provide["blob_store"],
                clock: Clock = Provide["clock"], web: WebConfig = Provide["web"]):
    """Delete the user's rows and files for good. An admin cannot delete themselves here (409)."""
    admin_users.delete_user(uow, store, clock, actor=current_actor(client_ip(web)), user_id=user_id)
    return ""


@bp.get("/stats")
@bp.arguments(AdminNoQuery, location="query")
@bp.response(200, AdminStatsOut)
@bp.errors(400)
@inject
def stats(_: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Counts over all users; `_7d` ones over the last seven days."""
    return admin_stats.get_stats(uow, clock)


@bp.get("/audit-log")
@bp.arguments(AdminAuditQuery, location="query")
@bp.response(200, AdminAuditListOut)
@bp.errors(400)
@inject
def audit_log(query: dict, uow: UnitOfWork = Provide["uow"]):
    """Admin actions, newest first (created_at, id)."""
    page = admin_stats.list_audit_log(uow, request=page_request(query), actor_id=query["actor_id"],
                                      target_type=query["target_type"], target_id=query["target_id"])
    return page_body(page)
