"""The user's days: a timezone plus the hour their day starts (DESIGN §6).

A local day D runs from D at `day_start_hour` (wall clock in the user's zone) to D+1 at the
same hour. Across a DST change the day is 23 or 25 hours long; the wall clock decides.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

PERIODS = ("daily", "weekly", "once")


@dataclass(frozen=True)
class UserDay:
    timezone: str = "UTC"
    day_start_hour: int = 0

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local_date(self, instant: datetime) -> date:
        """The user's day that `instant` falls in."""
        wall = instant.astimezone(self.zone).replace(tzinfo=None)
        return (wall - timedelta(hours=self.day_start_hour)).date()

    def starts_at(self, day: date) -> datetime:
        """The instant (UTC) the user's day `day` begins."""
        wall = datetime.combine(day, time(self.day_start_hour))
        return wall.replace(tzinfo=self.zone).astimezone(timezone.utc)

    def bounds(self, day: date) -> tuple[datetime, datetime]:
        """[start, end) of the user's day as UTC instants."""
        return self.starts_at(day), self.starts_at(day + timedelta(days=1))


def week_start(day: date) -> date:
    """The Monday of `day`'s ISO week."""
    return day - timedelta(days=day.weekday())


def period_key(period: str, day: date) -> str:
    """'2026-03-01' (daily), '2026-W09' (ISO week), 'once'."""
    if period == "daily":
        return day.isoformat()
    if period == "weekly":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "once":
        return "once"
    raise ValueError(f"unknown period {period!r}")


def period_dates(period: str, day: date) -> tuple[date, date] | None:
    """The first and last local date of the period containing `day`; None for 'once' (all time)."""
    if period == "daily":
        return day, day
    if period == "weekly":
        start = week_start(day)
        return start, start + timedelta(days=6)
    if period == "once":
        return None
    raise ValueError(f"unknown period {period!r}")
