"""The admin console's users: search, detail, role and disabled flag, deletion — every write
audited in the same transaction as the change."""
from __future__ import annotations

from uuid import UUID

from domain import admin as rules
from domain.audit import Actor
from domain.admin import UserDetail, UserSummary
from domain.errors import NotFound
from domain.paging import Page, PageRequest, page_of
from ports.inbound.account import delete_account
from ports.outbound.blob_store import BlobStore
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def list_users(uow: UnitOfWork, *, request: PageRequest, q: str | None = None,
               role: str | None = None) -> Page[UserSummary]:
    """Users newest first; `q` matches email or name (case-insensitive, literal), `role` narrows."""
    with uow.read_only():
        rows = uow.admin_users.search(request, q=q, role=role)
    return page_of(rows, request, key=lambda u: (u.created_at, u.id))


def get_user(uow: UnitOfWork, clock: Clock, *, user_id: UUID) -> UserDetail:
    """One user with wallet, providers and sessions."""
    with uow.read_only():
        detail = uow.admin_users.detail(user_id, clock.now())
    if detail is None:
        raise NotFound("User not found.")
    return detail


def update_user(uow: UnitOfWork, clock: Clock, *, actor: Actor, user_id: UUID, role: str | None = None,
                disabled: bool | None = None) -> UserDetail:
    """Change a user's role and/or disabled flag (disabling ends their sessions); never one's own demotion."""
    now = clock.now()
    with uow:
        user = _locked(uow, user_id)
        before = rules.user_snapshot(user)
        if rules.change_access(actor.user_id, user, role=role, disabled=disabled):
            uow.admin_users.end_sessions(user.id)
        uow.admin_users.set_access(user.id, role=user.role, role_source=user.role_source, disabled=user.disabled)
        uow.audit.append(rules.audit_entry(actor, "user.update", "user", user.id, before=before,
                                           after=rules.user_snapshot(user), now=now))
        detail = uow.admin_users.detail(user.id, now)
        uow.commit()
    return detail


def delete_user(uow: UnitOfWork, store: BlobStore, clock: Clock, *, actor: Actor, user_id: UUID) -> None:
    """Delete a user for good (rows and files); the flag that ends their account commits with the audit entry."""
    now = clock.now()
    with uow:
        user = _locked(uow, user_id)
        rules.check_deletion(actor.user_id, user)
        uow.account_data.mark_deleted(user.id, now)
        uow.audit.append(rules.audit_entry(actor, "user.delete", "user", user.id, before=rules.user_snapshot(user),
                                           after=None, now=now))
        uow.commit()
    delete_account(uow, store, clock, user_id=user_id)


def _locked(uow: UnitOfWork, user_id: UUID):
    user = uow.users.get(user_id) if uow.admin_users.lock(user_id) else None
    if user is None:
        raise NotFound("User not found.")
    return user
