"""In-memory feedback."""
from __future__ import annotations

import copy

from ports.outbound.feedback import FeedbackRepository


def _key(feedback) -> tuple:
    return feedback.created_at, feedback.id


class InMemoryFeedbackRepository(FeedbackRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["feedback"]

    def add(self, feedback):
        if feedback.id in self.rows:
            raise ValueError("duplicate feedback id")
        self.rows[feedback.id] = copy.deepcopy(feedback)

    def page(self, request, status=None):
        rows = sorted((f for f in self.rows.values() if status in (None, f.status)), key=_key, reverse=True)
        if request.after is not None:
            rows = [f for f in rows if _key(f) < tuple(request.after)]
        return [copy.deepcopy(f) for f in rows[:request.limit + 1]]

    # Admin triage
    def get_for_triage(self, feedback_id):
        found = self.rows.get(feedback_id)
        return copy.deepcopy(found) if found is not None else None

    def save_triage(self, feedback):
        stored = self.rows[feedback.id]
        stored.status, stored.admin_notes = feedback.status, feedback.admin_notes
        stored.updated_at = feedback.updated_at
