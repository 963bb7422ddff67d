"""Quests as their owner sees them: universal ones in the current period, and their own.

Universal quests progress by themselves from activity events (`rewards.record`); the
user's own quests progress by hand and earn XP only, never points.
"""
from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.activity import Event
from domain.days import PERIODS, period_dates, period_key
from domain.errors import NotFound
from domain.paging import Page, PageRequest, page_of
from domain.quests import QuestCard, UserQuest
from domain.users import User
from domain.wallet import Source
from ports.inbound import rewards
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def list_quests(uow: UnitOfWork, clock: Clock, *, user: User, page: PageRequest) -> Page[QuestCard]:
    """The active universal quests with this period's progress (first page only), then a page of the user's own."""
    today = user.day.local_date(clock.now())
    periods = {p: (period_key(p, today), period_dates(p, today)) for p in PERIODS} if page.after is None else None
    with uow.read_only():
        universal, rows = uow.quests.board(user.id, page, periods)
    own = page_of(rows, page, key=lambda q: (q.created_at, q.id))
    cards = [QuestCard.universal(quest, today, total, stored) for quest, total, stored in universal]
    return Page(items=[*cards, *map(QuestCard.personal, own.items)], next_after=own.next_after)


def create_quest(uow: UnitOfWork, clock: Clock, *, user: User, title: str, target: int,
                 description: str | None = None, due_date: date | None = None) -> QuestCard:
    """Create one of the user's own quests."""
    quest = UserQuest.create(user.id, title, target, clock.now(), description=description, due_date=due_date)
    with uow:
        uow.quests.add(quest)
        uow.commit()
    return QuestCard.personal(quest)


def update_quest(uow: UnitOfWork, *, user: User, quest_id: UUID, changes: dict) -> QuestCard:
    """Change title, description, target or due date of the user's quest."""
    with uow:
        quest = _owned(uow, user, quest_id)
        quest.edit(changes)
        uow.quests.save(quest)
        uow.commit()
    return QuestCard.personal(quest)


def delete_quest(uow: UnitOfWork, *, user: User, quest_id: UUID) -> None:
    """Delete the user's quest (what it earned stays earned)."""
    with uow:
        if not uow.quests.delete_owned(quest_id, user.id):
            raise NotFound("Quest not found.")
        uow.commit()


def add_progress(uow: UnitOfWork, *, user: User, quest_id: UUID, delta: int) -> QuestCard:
    """Move the quest's progress by hand, within 0 … target."""
    with uow:
        quest = _owned(uow, user, quest_id)
        quest.add_progress(delta)
        uow.quests.save(quest)
        uow.commit()
    return QuestCard.personal(quest)


def complete_quest(uow: UnitOfWork, clock: Clock, *, user: User, quest_id: UUID) -> QuestCard:
    """Complete the user's quest once and award its XP (never points)."""
    now = clock.now()
    with uow:
        quest = _owned(uow, user, quest_id)
        xp = quest.complete(now)
        uow.quests.save(quest)
        event = Event(user_id=user.id, type="quest.completed", occurred_at=now, local_date=user.day.local_date(now),
                      subject_type="quest", subject_id=str(quest.id))  # no quests_completed: see decisions
        rewards.award(uow, user, points=0, xp=xp, reason=f"Quest: {quest.title}",
                      source=Source("user_quest", str(quest.id)), event=event, now=now)
        uow.commit()
    return QuestCard.personal(quest)


def _owned(uow: UnitOfWork, user: User, quest_id: UUID) -> UserQuest:
    """The user's quest, locked for the change; others' quests and universal ones are not found."""
    quest = uow.quests.get_owned(quest_id, user.id, lock=True)
    if quest is None:
        raise NotFound("Quest not found.")
    return quest
