"""In-memory user quests."""
from __future__ import annotations

from dataclasses import replace

from adapters.memory.gamification import InMemoryActivityRepository, InMemoryUniversalQuestRepository
from ports.outbound.quests import UserQuestRepository


class InMemoryUserQuestRepository(UserQuestRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["quests"]
        self.tables = tables

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

    def board(self, user_id, request, periods):
        rows = sorted((q for q in self.rows.values() if q.user_id == user_id),
                      key=lambda q: (q.created_at, q.id), reverse=True)
        if request.after is not None:
            rows = [q for q in rows if (q.created_at, q.id) < request.after]
        return self._universal(user_id, periods) if periods else [], [replace(q) for q in rows[:request.limit + 1]]

    def _universal(self, user_id, periods) -> list:
        activity, stored = InMemoryActivityRepository(self.tables), self.tables["quest_progress"]
        found = []
        for quest in InMemoryUniversalQuestRepository(self.tables).active():
            key, dates = periods[quest.period]
            total = activity.totals(user_id, {quest.metric}, dates)[quest.metric]
            progress = stored.get((user_id, quest.id, key))
            found.append((quest, total, replace(progress) if progress else None))
        return found
