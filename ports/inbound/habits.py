"""Habits: create, read, edit, delete; log a day (a point for a done log) and undo it; the streaks.

Every change that can move a streak recomputes the cached streaks from the logs under the
user's streak lock, inside the same unit of work as the change and what it earns.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from domain import habits as rules
from domain import streaks
from domain.activity import Event
from domain.errors import NotFound
from domain.habits import Habit, HabitCard, HabitLog, LogChange
from domain.paging import Page, PageRequest, page_of
from domain.streaks import Streak, Vacation
from domain.users import User
from ports.inbound import rewards
from ports.outbound.clock import Clock
from ports.outbound.habits import HabitRecord
from ports.outbound.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class LogResult:
    """The day's log as it now is, whether it replaced one, the habit's streak and what was earned."""

    log: HabitLog
    replaced: bool
    streak: Streak
    earned: rewards.Earned


def create_habit(uow: UnitOfWork, clock: Clock, *, user: User, title: str, **fields) -> HabitCard:
    """Create a habit (daily unless told otherwise)."""
    with uow:
        now = clock.now()
        habit = Habit.create(user.id, now, title=title, **fields)
        uow.habits.add(habit)
        rewards.record(uow, user, _event(user, habit, "habit.created", now, user.day.local_date(now)), now)
        uow.commit()
    return HabitCard(habit, Streak("habit", habit_id=habit.id))


def get_habit(uow: UnitOfWork, clock: Clock, *, user: User, habit_id: UUID) -> HabitCard:
    """One of the user's habits with its streaks and today's log."""
    today = user.day.local_date(clock.now())
    with uow.read_only():
        record = uow.habits.record(habit_id, user.id, today)
        if record is None:
            raise NotFound("Habit not found.")
        return _cards(uow, user, [record], today)[0]


def list_habits(uow: UnitOfWork, clock: Clock, *, user: User, request: PageRequest,
                archived: bool = False) -> Page[HabitCard]:
    """The user's habits (active, or archived ones), oldest first, a keyset page at a time."""
    today = user.day.local_date(clock.now())
    with uow.read_only():
        page = page_of(uow.habits.page(user.id, request, today, archived), request,
                       key=lambda r: (r.habit.created_at, r.habit.id))
        return Page(items=_cards(uow, user, page.items, today), next_after=page.next_after)


def update_habit(uow: UnitOfWork, clock: Clock, *, user: User, habit_id: UUID, changes: dict) -> HabitCard:
    """Change a habit; a new schedule (or archiving) recomputes its streaks."""
    with uow:
        now = clock.now()
        uow.habits.lock_streaks(user.id)
        habit = _owned(uow, user, habit_id)
        habit.edit(changes, now)
        uow.habits.save(habit)
        earned = rewards.Earned()
        streak = refresh_streaks(uow, user, now, {habit.id}, earned)[habit.id]
        today_log = uow.habit_logs.get(habit.id, user.id, user.day.local_date(now))
        uow.commit()
    return HabitCard(habit, streak, today_log)


def delete_habit(uow: UnitOfWork, clock: Clock, *, user: User, habit_id: UUID) -> None:
    """Delete a habit and its logs; what they earned stays earned, the account streak is recomputed."""
    with uow:
        now = clock.now()
        uow.habits.lock_streaks(user.id)
        if not uow.habits.delete_owned(habit_id, user.id):
            raise NotFound("Habit not found.")
        refresh_streaks(uow, user, now, set(), rewards.Earned())
        uow.commit()


def log_habit(uow: UnitOfWork, clock: Clock, *, user: User, habit_id: UUID, day: date | None = None,
              status: str = "done", count: int = 1) -> LogResult:
    """Log a day (default the user's today); the same day again replaces that day's log."""
    with uow:
        now = clock.now()
        today = user.day.local_date(now)
        uow.habits.lock_streaks(user.id)
        habit = _owned(uow, user, habit_id)
        day = today if day is None else day
        change = rules.log_day(habit, uow.habit_logs.get(habit.id, user.id, day), day=day, status=status,
                               count=count, today=today, now=now)
        uow.habit_logs.put(change.log, replacing=change.previous)
        earned = _settle(uow, user, habit, change, now)
        streak = refresh_streaks(uow, user, now, {habit.id}, earned)[habit.id]
        if change.changed:
            event = _event(user, habit, "habit.logged", now, day, change.metrics(), _log_data(change))
            rewards.record(uow, user, event, now, earned)
        uow.commit()
    return LogResult(change.log, change.replaced, streak, earned)


def undo_log(uow: UnitOfWork, clock: Clock, *, user: User, habit_id: UUID, day: date) -> None:
    """Remove a day's log; a done log gives its point back (refused while it is spent) and the streaks follow."""
    with uow:
        now = clock.now()
        uow.habits.lock_streaks(user.id)
        habit = _owned(uow, user, habit_id)
        rules.check_log_date(day, user.day.local_date(now), "log_date")
        log = uow.habit_logs.get(habit.id, user.id, day)
        if log is None:
            raise NotFound("This habit has no log on that day.")
        uow.habit_logs.delete(log)
        earned = rewards.Earned()
        _give_back(uow, user, habit, log, "undone", now, earned)
        refresh_streaks(uow, user, now, {habit.id}, earned)
        metrics = {"habit_logs_done": -1} if log.status == rules.DONE else {}
        rewards.record(uow, user, _event(user, habit, "habit.log_undone", now, day, metrics,
                                         {"status": log.status, "count": log.count}), now, earned)
        uow.commit()


def list_logs(uow: UnitOfWork, *, user: User, habit_id: UUID, request: PageRequest) -> Page[HabitLog]:
    """A habit's logs, newest day first, a keyset page at a time."""
    with uow.read_only():
        rows = uow.habit_logs.page(habit_id, user.id, request)
    if rows is None:
        raise NotFound("Habit not found.")
    return page_of(rows, request, key=lambda log: (log.date,))


def refresh_streaks(uow: UnitOfWork, user: User, now: datetime, habit_ids: set[UUID] | None,
                    earned: rewards.Earned) -> dict[UUID, Streak]:
    """Recompute and cache the streaks of these habits (None: all) and the account-wide one, then
    unlock the streak achievements they reach. The caller holds the streak lock."""
    today, vacations = user.day.local_date(now), vacations_of(uow, user)
    habits = uow.habits.all(user.id)
    targets = [h for h in habits if habit_ids is None or h.id in habit_ids]
    statuses = uow.habit_logs.statuses(user.id, [h.id for h in targets]) if targets else {}
    found = {h.id: streaks.habit_streak(h.schedule, statuses.get(h.id, {}), vacations, today, h.id) for h in targets}
    account = streaks.account_streak(uow.habit_logs.days(user.id), rules.due_weekdays(habits), vacations, today)
    uow.habits.save_streaks(user.id, [*found.values(), account], now)
    # The engine checks streak_days only when asked to: the cached streaks have just changed.
    rewards.unlock_achievements(uow, user.id, {"streak_days"}, now, earned)
    return found


def vacations_of(uow: UnitOfWork, user: User) -> list[Vacation]:
    """Every pause of the user's streaks: the days of past vacations and the current one."""
    return [*uow.habits.vacations_taken(user.id), *([user.vacation] if user.vacation else [])]


def _cards(uow: UnitOfWork, user: User, records: list[HabitRecord], today: date) -> list[HabitCard]:
    """Cards with streaks as they stand today: a cached streak may have lapsed since it was computed."""
    lapsed = [r for r in records if streaks.may_have_lapsed(r.streak, r.habit.schedule, today)]
    if not lapsed:
        return [HabitCard(r.habit, r.streak, r.log) for r in records]
    since = min(r.streak.last_date for r in lapsed)
    later = uow.habit_logs.statuses(user.id, [r.habit.id for r in lapsed], after=since)
    vacations = vacations_of(uow, user)
    return [HabitCard(r.habit, streaks.as_of(r.streak, r.habit.schedule, later.get(r.habit.id, {}), vacations, today),
                      r.log) for r in records]


def _settle(uow: UnitOfWork, user: User, habit: Habit, change: LogChange, now: datetime) -> rewards.Earned:
    """Give back the point of a done log that is replaced, and award a new done log's point."""
    earned = rewards.Earned()
    if change.reversed is not None:
        _give_back(uow, user, habit, change.reversed, "skipped", now, earned)
    if change.award:
        entry = rewards.post(uow, user.id, points=change.award, xp=0, reason=f"Habit: {habit.title}",
                             source=rules.award_source(change.log), now=now)
        earned.entries += [entry] if entry else []
    return earned


def _give_back(uow: UnitOfWork, user: User, habit: Habit, log: HabitLog, why: str, now: datetime,
               earned: rewards.Earned) -> None:
    """A compensating ledger row for a done log's point; InsufficientFunds (nothing written) while it is spent."""
    if log.points_awarded:
        entry = rewards.post(uow, user.id, points=-log.points_awarded, xp=0, reason=f"Habit {why}: {habit.title}",
                             source=rules.reversal_source(log), now=now)
        earned.entries += [entry] if entry else []


def _owned(uow: UnitOfWork, user: User, habit_id: UUID, lock: bool = True) -> Habit:
    habit = uow.habits.get_owned(habit_id, user.id, lock=lock)
    if habit is None:
        raise NotFound("Habit not found.")
    return habit


def _log_data(change: LogChange) -> dict:
    previous = change.previous.status if change.previous else None
    return {"log_id": str(change.log.id), "status": change.log.status, "count": change.log.count, "replaced": previous}


def _event(user: User, habit: Habit, event_type: str, now: datetime, day: date, metrics: dict | None = None,
           data: dict | None = None) -> Event:
    return Event(user_id=user.id, type=event_type, occurred_at=now, local_date=day, subject_type="habit",
                 subject_id=str(habit.id), metrics=metrics or {}, data={"title": habit.title, **(data or {})})
