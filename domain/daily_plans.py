"""Daily plans: a checklist and notes for one of the user's days (DESIGN §5, §6).

A plan is keyed by the user's local date (timezone plus day_start_hour). Reading a day that
has no plan gives an empty one without storing it; writing replaces the whole day. Finishing
every item of a non-empty plan counts once per day — and only for today or the week before,
so that plans for far-off days cannot mint progress.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from uuid import UUID, uuid4

from domain.activity import Event
from domain.errors import InvalidInput

MAX_ITEMS, MAX_TITLE, MAX_NOTES = 100, 200, 20_000
COMPLETION_DAYS_BACK = 7  # like habit logs: late and offline clients may finish a recent day
COMPLETED = "daily_plan.completed"


@dataclass(frozen=True)
class PlanItem:
    title: str
    done: bool = False


@dataclass
class DailyPlan:
    user_id: UUID
    date: date
    items: list[PlanItem] = field(default_factory=list)
    notes: str | None = None
    id: UUID = field(default_factory=uuid4)
    created_at: datetime | None = None
    updated_at: datetime | None = None  # None: not stored

    @classmethod
    def empty(cls, user_id: UUID, day: date) -> "DailyPlan":
        """The plan of a day that has none stored."""
        return cls(user_id=user_id, date=day)

    def replace(self, items: list[PlanItem], notes: str | None, now: datetime) -> None:
        """Replace the day's items and notes."""
        if len(items) > MAX_ITEMS:
            raise InvalidInput("items", f"A plan holds at most {MAX_ITEMS} items.")
        for item in items:
            if not 1 <= len(item.title) <= MAX_TITLE:
                raise InvalidInput("items", f"Each title takes 1 to {MAX_TITLE} characters.")
        if notes is not None and len(notes) > MAX_NOTES:
            raise InvalidInput("notes", f"At most {MAX_NOTES} characters.")
        self.items, self.notes = list(items), notes
        self.created_at = self.created_at or now
        self.updated_at = now

    @property
    def is_complete(self) -> bool:
        """Every item of a non-empty plan is done."""
        return bool(self.items) and all(item.done for item in self.items)

    def counts_as_completed(self, today: date) -> bool:
        """Whether finishing this plan now counts: complete, and dated today or up to a week back."""
        return self.is_complete and today - timedelta(days=COMPLETION_DAYS_BACK) <= self.date <= today

    def completion_event(self, now: datetime) -> Event:
        """The one event of finishing the day, dated on the plan's day (a late finish counts there)."""
        return Event(user_id=self.user_id, type=COMPLETED, occurred_at=now, local_date=self.date,
                     subject_type="daily_plan", subject_id=str(self.id), metrics={"daily_plans_completed": 1},
                     data={"date": self.date.isoformat(), "items": len(self.items)})
