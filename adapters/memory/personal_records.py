"""In-memory personal records: one per (user, exercise, metric), raised only when beaten."""
from __future__ import annotations

import copy
from dataclasses import replace

from domain.personal_records import check_distinct
from ports.outbound.exercise import PersonalRecordRepository


class InMemoryPersonalRecordRepository(PersonalRecordRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["personal_records"]  # (user_id, exercise_id, metric) → record
        self.tables = tables

    def current(self, user_id, exercise_ids):
        return {(r.exercise_id, r.metric): self._read(r) for (owner, exercise_id, _), r in self.rows.items()
                if owner == user_id and exercise_id in exercise_ids}

    def raise_to(self, records):
        check_distinct(records)
        stored = []
        for record in records:
            key = (record.user_id, record.exercise_id, record.metric)
            held = self.rows.get(key)
            if held is not None and held.value >= record.value:
                continue
            kept = replace(record, id=held.id if held else record.id, exercise_name=None, previous=None)
            self.rows[key] = kept
            stored.append(replace(record, id=kept.id))
        return stored

    def page(self, user_id, request, exercise_id=None):
        rows = sorted((r for (owner, *_), r in self.rows.items()
                       if owner == user_id and exercise_id in (None, r.exercise_id)),
                      key=lambda r: r.sort_key, reverse=True)
        if request.after is not None:
            rows = [r for r in rows if r.sort_key < tuple(request.after)]
        return [self._read(r) for r in rows[:request.limit + 1]]

    def _read(self, record):
        exercise = self.tables["exercises"].get(record.exercise_id)
        return replace(copy.deepcopy(record), exercise_name=exercise.name if exercise else None)
