"""The infobase: the user's knowledge base — entries with tags, listed or full-text searched."""
from __future__ import annotations

from typing import Iterable
from uuid import UUID

from domain import notes
from domain.activity import Event
from domain.errors import NotFound
from domain.notes import InfobaseEntry
from domain.paging import Page, PageRequest, page_of
from domain.users import User
from ports.inbound import rewards
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def create_entry(uow: UnitOfWork, clock: Clock, *, user: User, title: str, content: str = "",
                 tags: Iterable[str] = ()) -> InfobaseEntry:
    """Add an entry and record it in the activity feed (which may complete quests and achievements)."""
    now = clock.now()
    entry = InfobaseEntry.create(user.id, title=title, content=content, tags=tags, now=now)
    with uow:
        uow.infobase.add(entry)
        rewards.record(uow, user, Event(user_id=user.id, type="infobase.created", occurred_at=now,
                                        local_date=user.day.local_date(now), subject_type="infobase_entry",
                                        subject_id=str(entry.id), metrics={"infobase_entries_created": 1}), now)
        uow.commit()
    return entry


def get_entry(uow: UnitOfWork, *, user: User, entry_id: UUID) -> InfobaseEntry:
    """One of the user's entries."""
    with uow.read_only():
        return _owned(uow, user, entry_id)


def update_entry(uow: UnitOfWork, clock: Clock, *, user: User, entry_id: UUID, changes: dict) -> InfobaseEntry:
    """Change title, content or tags of the user's entry."""
    with uow:
        entry = _owned(uow, user, entry_id, lock=True)
        entry.edit(changes, clock.now())
        uow.infobase.save(entry)
        uow.commit()
    return entry


def delete_entry(uow: UnitOfWork, *, user: User, entry_id: UUID) -> None:
    """Delete the user's entry."""
    with uow:
        if not uow.infobase.delete_owned(entry_id, user.id):
            raise NotFound("Infobase entry not found.")
        uow.commit()


def list_entries(uow: UnitOfWork, *, user: User, request: PageRequest, q: str | None = None,
                 tag: str | None = None) -> Page[InfobaseEntry]:
    """With a search text: the matching entries, best first; without: all entries, newest first."""
    text = notes.search_text(q)
    tag = notes.clean_tag(tag) if tag is not None else None
    notes.check_after(request, notes.SEARCH_KEY if text else notes.ENTRY_KEY)
    with uow.read_only():
        if text is None:
            return page_of(uow.infobase.page(user.id, request, tag), request, lambda e: e.sort_key)
        found = page_of(uow.infobase.search(user.id, text, request, tag), request, lambda r: r.sort_key)
    return Page(items=[hit.entry for hit in found.items], next_after=found.next_after)


def _owned(uow: UnitOfWork, user: User, entry_id: UUID, lock: bool = False) -> InfobaseEntry:
    entry = uow.infobase.get_owned(entry_id, user.id, lock=lock)
    if entry is None:
        raise NotFound("Infobase entry not found.")
    return entry
