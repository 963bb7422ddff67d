"""People: profile rules, roles, terms of service and age."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from datetime import date, datetime
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from domain.days import UserDay
from domain.errors import InvalidInput
from domain.streaks import Vacation

ROLES = ("user", "admin")
MINIMUM_AGE = 13
PROFILE_FIELDS = ("name", "timezone", "day_start_hour", "settings")


@dataclass
class User:
    id: UUID
    email: str | None
    email_verified: bool
    name: str | None
    role: str = "user"
    role_source: str | None = None
    timezone: str = "UTC"
    day_start_hour: int = 0
    tos_version: str | None = None
    tos_accepted_at: datetime | None = None
    birthdate: date | None = None
    age_verified: bool = False
    disabled: bool = False
    settings: dict = field(default_factory=dict)
    created_at: datetime | None = None
    vacation_from: date | None = None
    vacation_to: date | None = None

    @classmethod
    def register(cls, *, email: str | None, email_verified: bool, name: str | None, now: datetime) -> "User":
        return cls(id=uuid4(), email=email.lower() if email else None, email_verified=email_verified,
                   name=(name or None) and name[:200], created_at=now)

    @property
    def day(self) -> UserDay:
        """The user's days: their timezone and the hour their day starts."""
        return UserDay(self.timezone, self.day_start_hour)

    @property
    def vacation(self) -> Vacation | None:
        """The current or coming vacation, which pauses every streak."""
        return Vacation(self.vacation_from, self.vacation_to) if self.vacation_from else None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def apply_admin_emails(self, admin_emails: frozenset[str]) -> None:
        """ADMIN_EMAILS bootstraps admins at login; leaving the list demotes only such grants."""
        listed = self.email_verified and bool(self.email) and self.email.lower() in admin_emails
        if listed and self.role != "admin":
            self.role, self.role_source = "admin", "admin_emails"
        elif not listed and self.role_source == "admin_emails":
            self.role, self.role_source = "user", None

    def update_profile(self, changes: dict) -> None:
        """Apply a partial profile update; every value is checked before any is applied."""
        if "timezone" in changes:
            check_timezone(changes["timezone"])
        if "day_start_hour" in changes and not 0 <= changes["day_start_hour"] <= 23:
            raise InvalidInput("day_start_hour", "Must be between 0 and 23.")
        for key in PROFILE_FIELDS:
            if key in changes:
                setattr(self, key, changes[key])

    def accept_tos(self, version: str, now: datetime) -> None:
        self.tos_version, self.tos_accepted_at = version, now

    def verify_age(self, birthdate: date, today: date) -> None:
        """Record the birthdate; the account is age-verified from MINIMUM_AGE on."""
        if birthdate > today:
            raise InvalidInput("birthdate", "Must not be in the future.")
        self.birthdate = birthdate
        self.age_verified = age_on(birthdate, today) >= MINIMUM_AGE


def age_on(birthdate: date, today: date) -> int:
    return today.year - birthdate.year - ((today.month, today.day) < (birthdate.month, birthdate.day))


def check_timezone(name: str) -> None:
    """An IANA zone name such as Europe/Berlin (not a bare offset or a file path)."""
    if not isinstance(name, str) or name not in _zone_names():
        raise InvalidInput("timezone", "Must be an IANA time zone such as Europe/Berlin.")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("timezone", "Must be an IANA time zone such as Europe/Berlin.") from None


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones()) | {"UTC"}
