"""Builders for reward-engine tests on the in-memory unit of work."""
from __future__ import annotations

from datetime import date, datetime
from uuid import uuid4

from domain.achievements import AchievementDefinition
from domain.activity import Event
from domain.quests import UniversalQuest
from domain.users import User


def a_user(uow, *, email: str = "ada@example.com", timezone: str = "UTC", day_start_hour: int = 0,
           now: datetime | None = None) -> User:
    user = User.register(email=email, email_verified=True, name="Ada", now=now or datetime(2026, 1, 1))
    user.timezone, user.day_start_hour = timezone, day_start_hour
    uow.tables["users"][user.id] = user
    return user


def a_definition(uow, condition_type: str, threshold: int, *, points: int = 0, xp: int = 0, active: bool = True,
                 sort_order: int = 0) -> AchievementDefinition:
    definition = AchievementDefinition(id=uuid4(), key=f"{condition_type}-{threshold}-{uuid4().hex[:6]}",
                                       title=f"{condition_type} ≥ {threshold}", description=None, icon=None,
                                       condition_type=condition_type, threshold=threshold, reward_points=points,
                                       reward_xp=xp, active=active, sort_order=sort_order)
    uow.tables["achievement_definitions"][definition.id] = definition
    return definition


def a_quest(uow, metric: str, target: int, period: str, *, points: int = 0, xp: int = 0) -> UniversalQuest:
    quest = UniversalQuest(id=uuid4(), key=None, title=f"{metric} {period}", description=None, metric=metric,
                           target=target, period=period, reward_points=points, reward_xp=xp)
    uow.tables["universal_quests"][quest.id] = quest
    return quest


def an_event(user: User, at: datetime, *, type: str = "focus.completed", local_date: date | None = None,
             **metrics: int) -> Event:
    return Event(user_id=user.id, type=type, occurred_at=at, local_date=local_date or user.day.local_date(at),
                 metrics=metrics)
