"""Goals and milestones: CRUD, ordering, and counting completions once in the activity feed."""
from __future__ import annotations

from datetime import date, datetime
from typing import Callable
from uuid import UUID

from domain.activity import Event
from domain.errors import NotFound
from domain.goals import Counted, Goal, Milestone
from domain.paging import Page, PageRequest, page_of
from domain.users import User
from ports.inbound import rewards
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def create_goal(uow: UnitOfWork, clock: Clock, *, user: User, title: str, description: str | None = None,
                target_date: date | None = None, status: str = "active") -> Goal:
    """Create a goal; one created as completed counts as a completion."""
    now = clock.now()
    goal, counted = Goal.create(user.id, title, now, description=description, target_date=target_date, status=status)
    with uow:
        uow.goals.add(goal)
        count_once(uow, user, counted, now, uow.goals.recorded)
        uow.commit()
    return goal


def get_goal(uow: UnitOfWork, *, user: User, goal_id: UUID) -> Goal:
    """One of the user's goals with its milestones and progress."""
    with uow.read_only():
        return _owned(uow, user, goal_id)


def list_goals(uow: UnitOfWork, *, user: User, request: PageRequest, status: str | None = None) -> Page[Goal]:
    """The user's goals, newest first, a keyset page at a time."""
    with uow.read_only():
        rows = uow.goals.page(user.id, request, status)
    return page_of(rows, request, key=lambda g: (g.created_at, g.id))


def update_goal(uow: UnitOfWork, clock: Clock, *, user: User, goal_id: UUID, changes: dict) -> Goal:
    """Change a goal; completing it counts once per goal, however often it is reopened."""
    with uow:
        goal, now = _owned(uow, user, goal_id, lock=True), clock.now()
        counted = goal.update(changes, now)
        uow.goals.save(goal)
        count_once(uow, user, counted, now, uow.goals.recorded)
        uow.commit()
    return goal


def delete_goal(uow: UnitOfWork, *, user: User, goal_id: UUID) -> None:
    """Delete a goal and its milestones (what they counted stays counted)."""
    with uow:
        if not uow.goals.delete_owned(goal_id, user.id):
            raise NotFound("Goal not found.")
        uow.commit()


def add_milestone(uow: UnitOfWork, clock: Clock, *, user: User, goal_id: UUID, title: str,
                  due_date: date | None = None, position: int | None = None) -> Milestone:
    """Add a milestone at the end, or at `position` (the ones from there move down)."""
    with uow:
        goal = _owned(uow, user, goal_id, lock=True)
        milestone = goal.add_milestone(title, clock.now(), due_date=due_date, position=position)
        uow.goals.save(goal)
        uow.commit()
    return milestone


def update_milestone(uow: UnitOfWork, clock: Clock, *, user: User, goal_id: UUID, milestone_id: UUID,
                     changes: dict) -> Milestone:
    """Change or move a milestone; marking it done counts once per milestone."""
    with uow:
        goal, now = _owned(uow, user, goal_id, lock=True), clock.now()
        milestone, counted = goal.update_milestone(milestone_id, changes, now)
        uow.goals.save(goal)
        count_once(uow, user, counted, now, uow.goals.recorded)
        uow.commit()
    return milestone


def delete_milestone(uow: UnitOfWork, clock: Clock, *, user: User, goal_id: UUID, milestone_id: UUID) -> None:
    """Delete a milestone (what it counted stays counted); the ones after it move up."""
    with uow:
        goal = _owned(uow, user, goal_id, lock=True)
        goal.remove_milestone(milestone_id, clock.now())
        uow.goals.save(goal)
        uow.commit()


def count_once(uow: UnitOfWork, user: User, counted: list[Counted], now: datetime,
               recorded: Callable[[UUID, str, UUID], bool]) -> rewards.Earned:
    """Record what a change counts through the reward engine, skipping what the feed already holds."""
    earned = rewards.Earned()
    for item in counted:
        if item.once and recorded(user.id, item.type, item.subject_id):
            continue
        event = Event(user_id=user.id, type=item.type, occurred_at=now,
                      local_date=item.local_date or user.day.local_date(now), subject_type=item.subject_type,
                      subject_id=str(item.subject_id), metrics=item.metrics)
        rewards.record(uow, user, event, now, earned)
    return earned


def _owned(uow: UnitOfWork, user: User, goal_id: UUID, lock: bool = False) -> Goal:
    goal = uow.goals.get_owned(goal_id, user.id, lock=lock)
    if goal is None:
        raise NotFound("Goal not found.")
    return goal
