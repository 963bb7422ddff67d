"""Focus sessions: start, pause, resume, complete (points once), abandon; the list and the stats."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable
from uuid import UUID

from domain import focus as rules
from domain.activity import Event
from domain.errors import NotFound
from domain.focus import FocusSession, FocusStats, FocusView
from domain.paging import Page, PageRequest, page_of
from domain.users import User
from domain.wallet import Source
from ports.inbound import rewards
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

STREAK_CHUNK_DAYS, MAX_STREAK_CHUNKS = 366, 10  # the streak reads back a year at a time, ten at most


@dataclass(frozen=True)
class Completion:
    """A completed session and everything its completion earned (points, quests, achievements)."""

    session: FocusView
    earned: rewards.Earned


def start_focus_session(uow: UnitOfWork, clock: Clock, *, user: User, mode: str, duration: int) -> FocusView:
    """Start a session; a user has at most one active or paused session."""
    with uow:
        now = clock.now()
        session = FocusSession.start(user.id, mode, duration, now, uow.focus_sessions.open_for(user.id))
        uow.focus_sessions.add(session)
        uow.activity.append(_event(user, session, "focus.started", now))
        uow.commit()
    return session.view(now)


def pause_focus_session(uow: UnitOfWork, clock: Clock, *, user: User, session_id: UUID) -> FocusView:
    """Pause an active session."""
    return _change(uow, clock, user, session_id, FocusSession.pause, "focus.paused")


def resume_focus_session(uow: UnitOfWork, clock: Clock, *, user: User, session_id: UUID) -> FocusView:
    """Resume a paused session; the pause does not count as focused time."""
    return _change(uow, clock, user, session_id, FocusSession.resume, "focus.resumed")


def abandon_focus_session(uow: UnitOfWork, clock: Clock, *, user: User, session_id: UUID) -> FocusView:
    """Give up an open session; it earns nothing."""
    return _change(uow, clock, user, session_id, FocusSession.abandon, "focus.abandoned")


def complete_focus_session(uow: UnitOfWork, clock: Clock, *, user: User, session_id: UUID) -> Completion:
    """Close a session and award its points once, with its event, in one transaction."""
    with uow:
        session = _owned(uow, user, session_id, lock=True)
        now = clock.now()
        award = session.complete(now)
        uow.focus_sessions.save(session)
        event = _event(user, session, "focus.completed", now, metrics=session.completion_metrics())
        if award.points:
            earned = rewards.award(uow, user, points=award.points, xp=award.xp, reason=f"Focus: {award.minutes} min",
                                   source=Source("focus", str(session.id)), event=event, now=now)
        else:
            earned = rewards.record(uow, user, event, now)
        uow.commit()
    return Completion(session.view(now), earned)


def get_focus_session(uow: UnitOfWork, clock: Clock, *, user: User, session_id: UUID) -> FocusView:
    """One of the user's sessions as it is now."""
    with uow.read_only():
        session = _owned(uow, user, session_id)
    return session.view(clock.now())


def get_active_focus_session(uow: UnitOfWork, clock: Clock, *, user: User) -> FocusView | None:
    """The user's active or paused session, if any."""
    with uow.read_only():
        session = uow.focus_sessions.open_for(user.id)
    return session.view(clock.now()) if session else None


def list_focus_sessions(uow: UnitOfWork, clock: Clock, *, user: User, request: PageRequest,
                        status: str | None = None) -> Page[FocusView]:
    """The user's sessions, newest first, a keyset page at a time."""
    with uow.read_only():
        rows = uow.focus_sessions.page(user.id, request, status)
    page, now = page_of(rows, request, key=lambda s: (s.started_at, s.id)), clock.now()
    return Page(items=[s.view(now) for s in page.items], next_after=page.next_after)


def get_focus_stats(uow: UnitOfWork, clock: Clock, *, user: User, days: int = 7) -> FocusStats:
    """Focused minutes and sessions per local day of the last `days` days (today included), and the streak."""
    first, last = rules.stats_window(user.day, clock.now(), days)
    with uow.read_only():
        completed = _completed(uow, user, first, last + timedelta(days=1))
        dates = _streak_dates(uow, user, rules.local_dates(user.day, completed), first, last)
    return rules.focus_stats(user.day, first, last, completed, dates)


def _streak_dates(uow: UnitOfWork, user: User, dates: set[date], first: date, last: date) -> set[date]:
    """Read further back, a year at a time, while the streak runs into the earliest day read."""
    for _ in range(MAX_STREAK_CHUNKS):
        if not rules.streak_reaches(dates, first, last):
            break
        earlier = first - timedelta(days=STREAK_CHUNK_DAYS)
        dates |= rules.local_dates(user.day, _completed(uow, user, earlier, first))
        first = earlier
    return dates


def _completed(uow: UnitOfWork, user: User, first: date, end: date) -> list[tuple[datetime, int]]:
    """Completions from the start of local day `first` to the start of local day `end`."""
    return uow.focus_sessions.completed_focus(user.id, user.day.starts_at(first), user.day.starts_at(end))


def _change(uow: UnitOfWork, clock: Clock, user: User, session_id: UUID,
            change: Callable[[FocusSession, datetime], object], event_type: str) -> FocusView:
    with uow:
        session = _owned(uow, user, session_id, lock=True)
        now = clock.now()
        change(session, now)
        uow.focus_sessions.save(session)
        uow.activity.append(_event(user, session, event_type, now))
        uow.commit()
    return session.view(now)


def _owned(uow: UnitOfWork, user: User, session_id: UUID, lock: bool = False) -> FocusSession:
    session = uow.focus_sessions.get_owned(session_id, user.id, lock=lock)
    if session is None:
        raise NotFound("Focus session not found.")
    return session


def _event(user: User, session: FocusSession, event_type: str, now: datetime,
           metrics: dict[str, int] | None = None) -> Event:
    return Event(user_id=user.id, type=event_type, occurred_at=now, local_date=user.day.local_date(now),
                 subject_type="focus_session", subject_id=str(session.id), metrics=metrics or {},
                 data={"mode": session.mode, "duration": session.duration,
                       "focused_seconds": session.focused_seconds_at(now)})
