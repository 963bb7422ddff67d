"""Admin actions; each writes its audit entry in the same transaction as the change."""
from __future__ import annotations

from uuid import UUID, uuid4

from domain.activity import Event
from domain.audit import Actor, AuditEntry
from domain.errors import NotFound
from domain.users import User
from domain.wallet import LedgerEntry, Source
from ports.inbound import rewards
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def adjust_wallet(uow: UnitOfWork, clock: Clock, *, actor: Actor, user_id: UUID, delta: int,
                  reason: str) -> LedgerEntry:
    """Add or remove points by hand (never below zero), audited."""
    now = clock.now()
    with uow:
        user = uow.users.get(user_id)
        if user is None:
            raise NotFound("User not found.")
        before = uow.wallets.get(user_id)
        adjustment = uuid4()
        entry = rewards.post(uow, user_id, points=delta, xp=0, reason=f"Adjustment: {reason}",
                             source=Source("admin", str(adjustment)), now=now)
        uow.audit.append(AuditEntry(
            actor_id=actor.user_id, actor_email=actor.email, action="wallet.adjust", target_type="user",
            target_id=str(user_id), before={"balance": before.balance}, after={"balance": entry.balance_after,
                                                                              "delta": delta, "reason": reason},
            request_id=actor.request_id, ip=actor.ip, created_at=now, id=adjustment))
        rewards.record(uow, user, Event(user_id=user_id, type="wallet.adjusted", occurred_at=now,
                                        local_date=user.day.local_date(now), subject_type="admin_adjustment",
                                        subject_id=str(adjustment), data={"delta": delta}), now)
        uow.commit()
    return entry


def grant_admin(uow: UnitOfWork, clock: Clock, *, actor: Actor, email: str) -> User:
    """Make the owner of this verified email an admin for good (not tied to ADMIN_EMAILS)."""
    now = clock.now()
    with uow:
        user = uow.users.get_by_verified_email(email.lower())
        if user is None:
            raise NotFound("No user has this verified email.")
        before = {"role": user.role, "role_source": user.role_source}
        user.role, user.role_source = "admin", "manual"
        uow.users.save(user)
        uow.audit.append(AuditEntry(
            actor_id=actor.user_id, actor_email=actor.email, action="user.grant_admin", target_type="user",
            target_id=str(user.id), before=before, after={"role": "admin", "role_source": "manual"},
            request_id=actor.request_id, ip=actor.ip, created_at=now))
        uow.commit()
    return user
