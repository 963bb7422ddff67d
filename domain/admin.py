"""The admin console's rules about people: what an admin may change on a user, what the
console shows of one, and the audit entry every admin write leaves behind.

An admin can never demote or disable themselves, so the console always keeps at least the
admin who is using it. Granting the role by hand records `role_source = 'manual'` (it then
outlives ADMIN_EMAILS); a demotion clears the source.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from domain.audit import Actor, AuditEntry
from domain.errors import Conflict, InvalidInput
from domain.users import ROLES, User
from domain.wallet import level_for

MANUAL = "manual"  # role_source of a grant made in the console or by `ignition admin grant-admin`
STATS_WINDOW = timedelta(days=7)
OPEN_FEEDBACK = ("new", "in_progress")  # what `feedback_open` counts


@dataclass(frozen=True)
class UserSummary:
    """A user as the admin list shows them."""

    id: UUID
    email: str | None
    email_verified: bool
    name: str | None
    role: str
    disabled: bool
    created_at: datetime


@dataclass(frozen=True)
class UserDetail:
    """One user for the console: the summary, their wallet, providers and sessions."""

    id: UUID
    email: str | None
    email_verified: bool
    name: str | None
    role: str
    role_source: str | None
    disabled: bool
    created_at: datetime
    balance: int
    xp: int
    providers: tuple[str, ...]
    sessions_active: int
    last_active_at: datetime | None

    @property
    def wallet(self) -> dict:
        return {"balance": self.balance, "xp": self.xp, "level": level_for(self.xp)}


@dataclass(frozen=True)
class Stats:
    """The console's front page: counts over all users, the last STATS_WINDOW for the `_7d` ones."""

    users_total: int
    users_new_7d: int
    users_active_7d: int
    focus_sessions_completed_7d: int
    points_in_circulation: int
    purchases_7d: int
    feedback_open: int


def change_access(actor_id: UUID | None, user: User, *, role: str | None = None,
                  disabled: bool | None = None) -> bool:
    """Apply an admin's change of role and/or disabled flag; True when the user was just disabled
    (their sessions must end). Demoting or disabling oneself is a Conflict, and nothing changes."""
    if role is not None and role not in ROLES:
        raise InvalidInput("role", f"Must be one of: {', '.join(ROLES)}.")
    if user.id == actor_id and (role == "user" or disabled):
        raise Conflict("Admins cannot demote or disable themselves; ask another admin.")
    if role == "admin":
        user.role, user.role_source = "admin", MANUAL
    elif role == "user":
        user.role, user.role_source = "user", None
    newly_disabled = bool(disabled) and not user.disabled
    if disabled is not None:
        user.disabled = disabled
    return newly_disabled


def check_deletion(actor_id: UUID | None, user: User) -> None:
    """An admin deletes other people's accounts; their own goes through DELETE /api/v1/me."""
    if user.id == actor_id:
        raise Conflict("Admins cannot delete themselves here; use DELETE /api/v1/me.")


def user_snapshot(user: User) -> dict:
    """What the audit log keeps of a user before and after an admin's change."""
    return {"email": user.email, "name": user.name, "role": user.role, "role_source": user.role_source,
            "disabled": user.disabled}


def audit_entry(actor: Actor, action: str, target_type: str, target_id: object, *, before: dict | None,
                after: dict | None, now: datetime) -> AuditEntry:
    """The record of one admin write: who, what, on which target, before and after, from where."""
    return AuditEntry(actor_id=actor.user_id, actor_email=actor.email, action=action, target_type=target_type,
                      target_id=None if target_id is None else str(target_id), before=before, after=after,
                      request_id=actor.request_id, ip=actor.ip, created_at=now)
