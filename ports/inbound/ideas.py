"""Ideas: quick notes with tags, pinned ones first."""
from __future__ import annotations

from typing import Iterable
from uuid import UUID

from domain import notes
from domain.activity import Event
from domain.errors import NotFound
from domain.notes import Idea
from domain.paging import Page, PageRequest, page_of
from domain.users import User
from ports.inbound import rewards
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def create_idea(uow: UnitOfWork, clock: Clock, *, user: User, title: str, body: str | None = None,
                tags: Iterable[str] = (), pinned: bool = False) -> Idea:
    """Add an idea and record it in the activity feed (which may complete quests and achievements)."""
    now = clock.now()
    idea = Idea.create(user.id, title=title, body=body, tags=tags, pinned=pinned, now=now)
    with uow:
        uow.ideas.add(idea)
        rewards.record(uow, user, Event(user_id=user.id, type="idea.created", occurred_at=now,
                                        local_date=user.day.local_date(now), subject_type="idea",
                                        subject_id=str(idea.id), metrics={"ideas_created": 1}), now)
        uow.commit()
    return idea


def get_idea(uow: UnitOfWork, *, user: User, idea_id: UUID) -> Idea:
    """One of the user's ideas."""
    with uow.read_only():
        return _owned(uow, user, idea_id)


def update_idea(uow: UnitOfWork, clock: Clock, *, user: User, idea_id: UUID, changes: dict) -> Idea:
    """Change title, body, tags or pinned of the user's idea."""
    with uow:
        idea = _owned(uow, user, idea_id, lock=True)
        idea.edit(changes, clock.now())
        uow.ideas.save(idea)
        uow.commit()
    return idea


def delete_idea(uow: UnitOfWork, *, user: User, idea_id: UUID) -> None:
    """Delete the user's idea."""
    with uow:
        if not uow.ideas.delete_owned(idea_id, user.id):
            raise NotFound("Idea not found.")
        uow.commit()


def list_ideas(uow: UnitOfWork, *, user: User, request: PageRequest, tag: str | None = None) -> Page[Idea]:
    """The user's ideas, pinned first, then newest first."""
    tag = notes.clean_tag(tag) if tag is not None else None
    notes.check_after(request, notes.IDEA_KEY)
    with uow.read_only():
        rows = uow.ideas.page(user.id, request, tag)
    return page_of(rows, request, lambda idea: idea.sort_key)


def _owned(uow: UnitOfWork, user: User, idea_id: UUID, lock: bool = False) -> Idea:
    idea = uow.ideas.get_owned(idea_id, user.id, lock=lock)
    if idea is None:
        raise NotFound("Idea not found.")
    return idea
