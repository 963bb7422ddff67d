"""In-memory habits, logs (by (habit_id, date)) and cached streaks (the shared `streaks` table,
keyed (user_id, kind, habit_id) like the unique constraint of user_streaks)."""
from __future__ import annotations

import copy
from datetime import date

from domain.errors import Conflict
from domain.streaks import Streak, Vacation
from ports.outbound.habits import HabitLogRepository, HabitRecord, HabitRepository


def _key(habit) -> tuple:
    return habit.created_at, habit.id


class InMemoryHabitRepository(HabitRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["habits"]
        self.logs: dict = tables["habit_logs"]
        self.streaks: dict = tables["streaks"]
        self.activity: dict = tables["activity"]

    def add(self, habit):
        if habit.id in self.rows:
            raise ValueError("duplicate habit id")
        self.rows[habit.id] = copy.deepcopy(habit)

    def get_owned(self, habit_id, user_id, *, lock=False):
        habit = self.rows.get(habit_id)
        return copy.deepcopy(habit) if habit is not None and habit.user_id == user_id else None

    def save(self, habit):
        if habit.id in self.rows:
            self.rows[habit.id] = copy.deepcopy(habit)

    def delete_owned(self, habit_id, user_id):
        if self.get_owned(habit_id, user_id) is None:
            return False
        del self.rows[habit_id]
        for key in [k for k in self.logs if k[0] == habit_id]:  # ON DELETE CASCADE
            del self.logs[key]
        self.streaks.pop((user_id, "habit", habit_id), None)
        return True

    def all(self, user_id):
        return [copy.deepcopy(h) for h in sorted(self.rows.values(), key=_key) if h.user_id == user_id]

    def record(self, habit_id, user_id, day):
        habit = self.get_owned(habit_id, user_id)
        return self._record(habit, day) if habit else None

    def page(self, user_id, request, day, archived=False):
        rows = [h for h in sorted(self.rows.values(), key=_key) if h.user_id == user_id and h.archived == archived]
        if request.after is not None:
            rows = [h for h in rows if _key(h) > tuple(request.after)]
        return [self._record(copy.deepcopy(h), day) for h in rows[:request.limit + 1]]

    def lock_streaks(self, user_id):
        self.streaks.setdefault((user_id, "habits", None), Streak("habits"))

    def save_streaks(self, user_id, streaks, now):
        for streak in streaks:
            self.streaks[(user_id, streak.kind, streak.habit_id)] = streak

    def vacations_taken(self, user_id):
        return [Vacation(date.fromisoformat(e.data["from"]), date.fromisoformat(e.data["to"]))
                for e in self.activity.values() if e.user_id == user_id and e.type == "vacation.taken"]

    def _record(self, habit, day) -> HabitRecord:
        streak = self.streaks.get((habit.user_id, "habit", habit.id)) or Streak("habit", habit_id=habit.id)
        log = self.logs.get((habit.id, day))
        return HabitRecord(habit, streak, copy.deepcopy(log))


class InMemoryHabitLogRepository(HabitLogRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["habit_logs"]
        self.habits: dict = tables["habits"]

    def get(self, habit_id, user_id, day):
        log = self.rows.get((habit_id, day))
        return copy.deepcopy(log) if log is not None and log.user_id == user_id else None

    def put(self, log, replacing=None):
        key = (log.habit_id, log.date)
        if log.habit_id not in self.habits:
            raise ValueError("no such habit")  # as the foreign key
        if key in self.rows and (replacing is None or self.rows[key].id != replacing.id):
            raise Conflict("The change conflicts with another one; try again.")  # as the unique constraint
        self.rows[key] = copy.deepcopy(log)

    def delete(self, log):
        self.rows.pop((log.habit_id, log.date), None)

    def page(self, habit_id, user_id, request):
        habit = self.habits.get(habit_id)
        if habit is None or habit.user_id != user_id:
            return None
        rows = sorted((log for (hid, _), log in self.rows.items() if hid == habit_id and log.user_id == user_id),
                      key=lambda log: log.date, reverse=True)
        if request.after is not None:
            rows = [log for log in rows if log.date < request.after[0]]
        return [copy.deepcopy(log) for log in rows[:request.limit + 1]]

    def statuses(self, user_id, habit_ids, after=None):
        found: dict = {}
        for (habit_id, day), log in self.rows.items():
            if log.user_id == user_id and habit_id in habit_ids and (after is None or day > after):
                found.setdefault(habit_id, {})[day] = log.status
        return found

    def days(self, user_id):
        found: dict = {}
        for log in self.rows.values():
            if log.user_id == user_id and found.get(log.date) != "done":
                found[log.date] = log.status
        return found
