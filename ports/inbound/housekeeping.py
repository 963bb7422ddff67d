"""The database half of `ignition admin cleanup`: expired sessions and logins, stale pause
states, and account deletions that failed part-way."""
from __future__ import annotations

from ports.inbound import account
from ports.outbound.blob_store import BlobStore
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def sweep_rows(uow: UnitOfWork, store: BlobStore, clock: Clock, *, dry_run: bool) -> dict[str, int]:
    """What was (or, with dry_run, would be) removed, by kind."""
    now = clock.now()
    with uow:
        found = {"expired_sessions": uow.housekeeping.expired_sessions(now, delete=not dry_run),
                 "expired_logins": uow.housekeeping.expired_logins(now, delete=not dry_run),
                 "stale_pause_states": uow.housekeeping.stale_pauses(delete=not dry_run)}
        uow.commit()
    if dry_run:
        with uow.read_only():
            found["half_deleted_users"] = len(uow.account_data.pending_deletions())
    else:
        found["half_deleted_users"] = len(account.finish_deletions(uow, store))
    return found
