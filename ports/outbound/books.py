"""Where books live, and the reading sessions logged against them."""
from __future__ import annotations

from abc import ABC, abstractmethod
from uuid import UUID

from domain.books import Book, ReadingSession
from domain.paging import PageRequest


class BookRepository(ABC):
    @abstractmethod
    def add(self, book: Book) -> None:
        """Insert a new book."""

    @abstractmethod
    def get_owned(self, book_id: UUID, user_id: UUID, *, lock: bool = False) -> Book | None:
        """The user's book, or None (anyone else's too); `lock` holds its row until the transaction ends."""

    @abstractmethod
    def save(self, book: Book) -> None:
        """Write back every mutable field."""

    @abstractmethod
    def delete_owned(self, book_id: UUID, user_id: UUID) -> bool:
        """Delete the user's book and its sessions; False when it is not theirs or does not exist."""

    @abstractmethod
    def page(self, user_id: UUID, request: PageRequest, status: str | None = None) -> list[Book]:
        """Newest first by (created_at, id), after `request.after`; up to limit + 1 rows."""

    @abstractmethod
    def add_session(self, session: ReadingSession) -> None:
        """Insert a reading session."""

    @abstractmethod
    def sessions_page(self, book_id: UUID, user_id: UUID, request: PageRequest) -> list[ReadingSession] | None:
        """The book's sessions, newest first by (started_at, id), after `request.after`; up to limit + 1 rows.
        None when the book is not the user's (or does not exist)."""

    @abstractmethod
    def recorded(self, user_id: UUID, event_type: str, subject_id: UUID) -> bool:
        """Whether the user's activity feed already holds an event of this type about this subject."""
