"""A person takes all their data, or leaves for good (DESIGN §5 me)."""
from __future__ import annotations

from typing import Iterator
from uuid import UUID

from ports.outbound.blob_store import BlobStore
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def export_account(uow: UnitOfWork, *, user_id: UUID) -> Iterator[tuple[str, Iterator[dict]]]:
    """Each table's name with the user's rows, streamed; the connection is held while it runs
    (in a transaction: server-side cursors need one)."""
    with uow:
        for table in uow.account_data.tables():
            yield table, uow.account_data.rows(user_id, table)


def delete_account(uow: UnitOfWork, store: BlobStore, clock: Clock, *, user_id: UUID) -> None:
    """Flag the account (no more logins, sessions gone), then delete files and rows.

    If the files or the rows cannot be deleted now, the flag stays and `finish_deletions`
    (the cleanup job) completes the work later; the account never becomes usable again.
    """
    with uow:
        uow.account_data.mark_deleted(user_id, clock.now())
        uow.commit()
    _erase(uow, store, user_id)


def finish_deletions(uow: UnitOfWork, store: BlobStore) -> list[UUID]:
    """Complete every deletion that failed part-way; returns the users erased now."""
    with uow.read_only():
        pending = uow.account_data.pending_deletions()
    for user_id in pending:
        _erase(uow, store, user_id)
    return pending


def _erase(uow: UnitOfWork, store: BlobStore, user_id: UUID) -> None:
    with uow.read_only():
        keys = set(uow.account_data.storage_keys(user_id))
    keys.update(found.key for found in store.list(f"{user_id}/"))
    for key in sorted(keys):
        store.delete(key)
    with uow:
        uow.account_data.purge(user_id)
        uow.commit()
