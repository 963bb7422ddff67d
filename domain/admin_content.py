"""Content admins manage — universal quests, catalog market items, achievements, learn topics
and lessons — and the triage of users' feedback.

Each kind of content is a set of fields; every field name has one rule wherever it appears.
A row is created from its required fields plus defaults and patched field by field; every
value is checked before any is applied. Snapshots (for the audit log) are plain JSON.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable
from uuid import UUID, uuid4

from domain.activity import METRICS
from domain.days import PERIODS
from domain.errors import InvalidInput
from domain.feedback import STATUSES, Feedback

MAX_NAME, MAX_TEXT, MAX_SHORT = 200, 20_000, 200
MAX_COUNT = 1_000_000_000  # targets and thresholds: metrics such as xp_earned grow large
MAX_REWARD = MAX_COST = MAX_ORDER = 1_000_000
MAX_DURATION_MINUTES = 1_440


def _whole(low: int, high: int) -> Callable[[object], bool]:
    return lambda v: type(v) is int and low <= v <= high


def _text(low: int, high: int, blank_ok: bool = False) -> Callable[[object], bool]:
    return lambda v: isinstance(v, str) and low <= len(v) <= high and (blank_ok or bool(v.strip()))


@dataclass(frozen=True)
class Rule:
    check: Callable[[object], bool]
    message: str
    nullable: bool = False


_NAME = Rule(_text(1, MAX_NAME), f"Must be 1–{MAX_NAME} characters, not only spaces.")
_BODY = Rule(_text(0, MAX_TEXT, blank_ok=True), f"Must be at most {MAX_TEXT:,} characters.", nullable=True)
_SHORT = Rule(_text(0, MAX_SHORT, blank_ok=True), f"Must be at most {MAX_SHORT} characters.", nullable=True)
_METRIC = Rule(lambda v: v in METRICS, f"Must be one of: {', '.join(METRICS)}.")
_COUNT = Rule(_whole(1, MAX_COUNT), f"Must be a whole number from 1 to {MAX_COUNT:,}.")
_REWARD = Rule(_whole(0, MAX_REWARD), f"Must be a whole number from 0 to {MAX_REWARD:,}.")
_ORDER = Rule(_whole(0, MAX_ORDER), f"Must be a whole number from 0 to {MAX_ORDER:,}.")
_FLAG = Rule(lambda v: type(v) is bool, "Must be true or false.")
RULES: dict[str, Rule] = {
    "title": _NAME, "name": _NAME, "description": _BODY, "summary": _BODY,
    "content": Rule(_text(0, MAX_TEXT, blank_ok=True), f"Must be at most {MAX_TEXT:,} characters."),
    "icon": _SHORT, "category": _SHORT, "metric": _METRIC, "condition_type": _METRIC,
    "period": Rule(lambda v: v in PERIODS, f"Must be one of: {', '.join(PERIODS)}."),
    "target": _COUNT, "threshold": _COUNT, "reward_points": _REWARD, "reward_xp": _REWARD,
    "cost": Rule(_whole(0, MAX_COST), f"Must be a whole number from 0 to {MAX_COST:,}."),
    "active": _FLAG, "published": _FLAG, "sort_order": _ORDER, "position": _ORDER,
    "duration_minutes": Rule(_whole(0, MAX_DURATION_MINUTES),
                             f"Must be a whole number from 0 to {MAX_DURATION_MINUTES:,}.", nullable=True),
    "topic_id": Rule(lambda v: isinstance(v, UUID), "Must be a topic's id."),
}


@dataclass(frozen=True)
class Kind:
    """One kind of content: its name (the audit's target type), required fields and defaults."""

    name: str
    label: str
    required: tuple[str, ...]
    defaults: dict = field(default_factory=dict)

    @property
    def fields(self) -> tuple[str, ...]:
        return (*self.required, *self.defaults)


_LISTED = {"active": True, "sort_order": 0}
_REWARDS = {"reward_points": 0, "reward_xp": 0}
KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("quest", "Quest", ("title", "metric", "target", "period"), {"description": None, **_REWARDS, **_LISTED}),
    Kind("market_item", "Market item", ("name", "cost"),
         {"description": None, "category": None, "icon": None, **_LISTED}),
    Kind("achievement", "Achievement", ("title", "condition_type", "threshold"),
         {"description": None, "icon": None, **_REWARDS, **_LISTED}),
    Kind("learn_topic", "Topic", ("title",), {"description": None, "icon": None, "position": 0, "published": True}),
    Kind("learn_lesson", "Lesson", ("topic_id", "title"),
         {"summary": None, "content": "", "position": 0, "duration_minutes": None, **_REWARDS, "published": True}),
)}


def check_values(kind: Kind, values: dict) -> None:
    """Refuse the first field that is not the kind's or breaks its rule."""
    for name, value in values.items():
        if name not in kind.fields:
            raise InvalidInput(name, "Unknown field.")
        rule = RULES[name]
        if not (value is None and rule.nullable) and not rule.check(value):
            raise InvalidInput(name, rule.message)


@dataclass
class ContentRow:
    kind: str
    id: UUID
    values: dict
    key: str | None = None  # seeded rows have one; rows made by admins do not
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @classmethod
    def create(cls, kind: str, values: dict, now: datetime) -> "ContentRow":
        """A new row of `kind` from the required fields plus defaults for the rest."""
        spec = KINDS[kind]
        missing = next((name for name in spec.required if name not in values), None)
        if missing is not None:
            raise InvalidInput(missing, "Missing data for required field.")
        check_values(spec, values)
        return cls(kind=kind, id=uuid4(), values={**spec.defaults, **values}, created_at=now, updated_at=now)

    def update(self, changes: dict, now: datetime) -> None:
        """Change the named fields only; nothing changes when one of them is refused."""
        check_values(KINDS[self.kind], changes)
        self.values = {**self.values, **changes}
        self.updated_at = now

    def snapshot(self) -> dict:
        """The row as plain JSON, for the audit log."""
        return {"id": str(self.id), "key": self.key, **{k: _plain(v) for k, v in self.values.items()}}


def triage(feedback: Feedback, changes: dict, now: datetime) -> None:
    """Set feedback's status and/or admin notes (notes may be cleared with None)."""
    if "status" in changes and changes["status"] not in STATUSES:
        raise InvalidInput("status", f"Must be one of: {', '.join(STATUSES)}.")
    notes = changes.get("admin_notes")
    if notes is not None and not _text(0, MAX_TEXT, blank_ok=True)(notes):
        raise InvalidInput("admin_notes", f"Must be at most {MAX_TEXT:,} characters.")
    feedback.status = changes.get("status", feedback.status)
    feedback.admin_notes = changes.get("admin_notes", feedback.admin_notes)
    feedback.updated_at = now


def feedback_snapshot(feedback: Feedback) -> dict:
    return {"status": feedback.status, "admin_notes": feedback.admin_notes}


def _plain(value: object) -> object:
    return str(value) if isinstance(value, UUID) else value
