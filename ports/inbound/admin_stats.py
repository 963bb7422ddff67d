"""The admin console's overview: the stats and the audit log (read only)."""
from __future__ import annotations

from uuid import UUID

from domain.admin import STATS_WINDOW, Stats
from domain.audit import AuditEntry
from domain.paging import Page, PageRequest, page_of
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def get_stats(uow: UnitOfWork, clock: Clock) -> Stats:
    """Counts over all users; the `_7d` ones over the last seven days."""
    with uow.read_only():
        return uow.admin_stats.collect(clock.now() - STATS_WINDOW)


def list_audit_log(uow: UnitOfWork, *, request: PageRequest, actor_id: UUID | None = None,
                   target_type: str | None = None, target_id: str | None = None) -> Page[AuditEntry]:
    """Admin actions newest first, narrowed by actor and/or target."""
    with uow.read_only():
        rows = uow.audit.page(request, actor_id=actor_id, target_type=target_type, target_id=target_id)
    return page_of(rows, request, key=lambda e: (e.created_at, e.id))
