"""Streaks: consecutive local days of something, derived from what happened and cached."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class Streak:
    kind: str  # habit (one habit), habits (any habit), focus, activity, reading, learn, workout
    current: int = 0
    longest: int = 0
    last_date: date | None = None
    habit_id: UUID | None = None
