"""In-memory user quests."""
from __future__ import annotations

from dataclasses import replace

from ports.outbound.quests import UserQuestRepository


class InMemoryUserQuestRepository(UserQuestRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["quests"]

    def add(self, quest):
        if quest.id in self.rows:
            raise ValueError("duplicate quest id")
        self.rows[quest.id] = replace(quest)

    def get_owned(self, quest_id, user_id, *, lock=False):
        quest = self.rows.get(quest_id)
        return replace(quest) if quest and quest.user_id == user_id else None

    def save(self, quest):
        if quest.id in self.rows:
            self.rows[quest.id] = replace(quest)

    def delete_owned(self, quest_id, user_id):
        if self.get_owned(quest_id, user_id) is None:
            return False
        del self.rows[quest_id]
        return True

    def page(self, user_id, request):
        rows = sorted((q for q in self.rows.values() if q.user_id == user_id),
                      key=lambda q: (q.created_at, q.id), reverse=True)
        if request.after is not None:
            rows = [q for q in rows if (q.created_at, q.id) < request.after]
        return [replace(q) for q in rows[:request.limit + 1]]
