"""In-memory ideas."""
from __future__ import annotations

import copy

from ports.outbound.ideas import IdeaRepository


class InMemoryIdeaRepository(IdeaRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["ideas"]

    def add(self, idea):
        if idea.id in self.rows:
            raise ValueError("duplicate idea id")
        self.rows[idea.id] = copy.deepcopy(idea)

    def get_owned(self, idea_id, user_id, *, lock=False):
        idea = self.rows.get(idea_id)
        return copy.deepcopy(idea) if idea is not None and idea.user_id == user_id else None

    def save(self, idea):
        if idea.id in self.rows:
            self.rows[idea.id] = copy.deepcopy(idea)

    def delete_owned(self, idea_id, user_id):
        if self.get_owned(idea_id, user_id) is None:
            return False
        del self.rows[idea_id]
        return True

    def page(self, user_id, request, tag=None):
        rows = sorted((i for i in self.rows.values() if i.user_id == user_id and (tag is None or tag in i.tags)),
                      key=lambda i: i.sort_key, reverse=True)
        if request.after is not None:
            rows = [i for i in rows if i.sort_key < tuple(request.after)]
        return [copy.deepcopy(i) for i in rows[:request.limit + 1]]
