"""What the admin console needs from storage: the user directory, the content tables, the stats."""
from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from uuid import UUID

from domain.admin import Stats, UserDetail, UserSummary
from domain.admin_content import ContentRow
from domain.paging import PageRequest


class AdminUserDirectory(ABC):
    @abstractmethod
    def search(self, request: PageRequest, *, q: str | None = None, role: str | None = None) -> list[UserSummary]:
        """Users (not those being deleted), newest first by (created_at, id), after `request.after`;
        `q` matches email or name case-insensitively as literal text (`%`, `_` too); up to limit + 1."""

    @abstractmethod
    def detail(self, user_id: UUID, now: datetime) -> UserDetail | None:
        """The user with wallet, providers, live sessions at `now` and last activity; None when missing."""

    @abstractmethod
    def lock(self, user_id: UUID) -> bool:
        """Hold the user's row until the transaction ends; False when there is no such (live) user."""

    @abstractmethod
    def set_access(self, user_id: UUID, *, role: str, role_source: str | None, disabled: bool) -> None:
        """Write the role, its source and the disabled flag — and nothing else of the user."""

    @abstractmethod
    def end_sessions(self, user_id: UUID) -> int:
        """Delete every session of the user; how many there were."""


class ContentStore(ABC):
    """The five content tables through one interface; market items are catalog rows only
    (a user's personal reward does not exist here)."""

    @abstractmethod
    def page(self, kind: str, request: PageRequest, *, topic_id: UUID | None = None) -> list[ContentRow]:
        """Rows of `kind`, newest first by (created_at, id), after `request.after`; lessons of one
        topic when `topic_id` is given; up to limit + 1 rows."""

    @abstractmethod
    def get(self, kind: str, row_id: UUID, *, lock: bool = False) -> ContentRow | None:
        """One row, or None; `lock` holds it until the transaction ends."""

    @abstractmethod
    def add(self, row: ContentRow) -> None:
        """Insert a new row."""

    @abstractmethod
    def save(self, row: ContentRow) -> None:
        """Write back the row's values and updated_at."""

    @abstractmethod
    def delete(self, kind: str, row_id: UUID) -> dict[str, int]:
        """Delete the row; returns what happened to history that hung on it, per table
        (e.g. {"user_quest_progress": 3} deleted by cascade, {"user_purchases_detached": 2})."""


class AdminStats(ABC):
    @abstractmethod
    def collect(self, since: datetime) -> Stats:
        """Counts over all users; the `_7d` ones from `since` on (one round trip)."""
