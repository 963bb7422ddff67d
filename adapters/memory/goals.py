"""In-memory goals: each goal stored whole, milestones inside it (copied in and out)."""
from __future__ import annotations

import copy

from ports.outbound.goals import GoalRepository


def _key(goal) -> tuple:
    return goal.created_at, goal.id


def recorded_in(tables: dict, user_id, event_type, subject_id) -> bool:
    """Whether the in-memory activity feed holds this event (shared with books)."""
    return any(e.user_id == user_id and e.type == event_type and e.subject_id == str(subject_id)
               for e in tables["activity"].values())


class InMemoryGoalRepository(GoalRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["goals"]
        self.tables = tables

    def add(self, goal):
        if goal.id in self.rows:
            raise ValueError("duplicate goal id")
        self.rows[goal.id] = copy.deepcopy(goal)

    def get_owned(self, goal_id, user_id, *, lock=False):
        goal = self.rows.get(goal_id)
        return copy.deepcopy(goal) if goal is not None and goal.user_id == user_id else None

    def save(self, goal):
        if goal.id in self.rows:
            stored = copy.deepcopy(goal)
            stored.milestones.sort(key=lambda m: (m.position, m.id))
            self.rows[goal.id] = stored

    def delete_owned(self, goal_id, user_id):
        if self.get_owned(goal_id, user_id) is None:
            return False
        del self.rows[goal_id]
        return True

    def page(self, user_id, request, status=None):
        rows = sorted((g for g in self.rows.values() if g.user_id == user_id and status in (None, g.status)),
                      key=_key, reverse=True)
        if request.after is not None:
            rows = [g for g in rows if _key(g) < tuple(request.after)]
        return [copy.deepcopy(g) for g in rows[:request.limit + 1]]

    def recorded(self, user_id, event_type, subject_id):
        return recorded_in(self.tables, user_id, event_type, subject_id)
