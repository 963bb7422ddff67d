"""Activity events and the metrics they count — the one feed that stats, quests and
achievements read.

An event carries the amounts it adds to each metric (`metrics`); an undo appends an event
with negative amounts. Sums over a user's events give a metric's total, for all time or for
a range of the user's local dates.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID, uuid4

# Metrics summed from activity events.
EVENT_METRICS = (
    "focus_sessions_completed", "focus_minutes", "habit_logs_done", "purchases_made", "quests_completed",
    "lessons_completed", "books_finished", "pages_read", "reading_minutes", "workouts_completed",
    "goals_completed", "milestones_completed", "ideas_created", "infobase_entries_created",
    "onboarding_completed", "daily_plans_completed",
)
# Metrics read from the ledger: what was earned, net of reversals (an undone habit log takes
# its point back); spending on purchases does not lower them.
LEDGER_METRICS = ("points_earned", "xp_earned")
# Metrics that are a current state rather than a sum.
STATE_METRICS = ("level_reached", "streak_days")
METRICS = EVENT_METRICS + LEDGER_METRICS + STATE_METRICS


@dataclass(frozen=True)
class Event:
    user_id: UUID
    type: str
    occurred_at: datetime
    local_date: date
    subject_type: str | None = None
    subject_id: str | None = None
    metrics: dict[str, int] = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    id: UUID = field(default_factory=uuid4)

    def __post_init__(self) -> None:
        unknown = set(self.metrics) - set(EVENT_METRICS)
        if unknown:
            raise ValueError(f"not event metrics: {sorted(unknown)}")
