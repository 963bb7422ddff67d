"""Notes: infobase entries (the user's searchable knowledge base) and ideas.

Both share the text rules: a title of 1–200 characters once trimmed, bodies of at most
20,000 characters, and up to 20 tags of 1–50 characters each, trimmed and lower-cased; tags
that are then the same are merged (the first one's place wins). No text may hold U+0000 or
a lone surrogate, which no database text column can store.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable
from uuid import UUID, uuid4

from domain.errors import InvalidInput
from domain.paging import PageRequest

MAX_TITLE, MAX_TEXT, MAX_TAGS, MAX_TAG, MAX_QUERY = 200, 20_000, 20, 50, 500
MAX_SCORE = 2**63 - 1
ENTRY_KEY = (datetime, UUID)  # plain infobase list: (created_at, id), newest first
SEARCH_KEY = (int, UUID)  # search results: (score, id), best first
IDEA_KEY = (int, datetime, UUID)  # ideas: (pinned 1/0, created_at, id), pinned first, then newest


def check_text(name: str, value: str, max_length: int = MAX_TEXT) -> str:
    """Text that a database can store, of at most `max_length` characters."""
    if not isinstance(value, str):
        raise InvalidInput(name, "Must be text.")
    if len(value) > max_length:
        raise InvalidInput(name, f"Must be at most {max_length:,} characters.")
    if "\x00" in value or any("\ud800" <= c <= "\udfff" for c in value):
        raise InvalidInput(name, "Must not contain NUL characters or unpaired surrogates.")
    return value


def clean_title(title: str, name: str = "title") -> str:
    """Trimmed; 1–200 characters."""
    title = check_text(name, title, max_length=10 * MAX_TITLE).strip()
    if not 1 <= len(title) <= MAX_TITLE:
        raise InvalidInput(name, f"Must be 1–{MAX_TITLE} characters (not only spaces).")
    return title


def clean_tag(tag: str, name: str = "tag") -> str:
    """Trimmed and lower-cased; 1–50 characters."""
    tag = check_text(name, tag, max_length=10 * MAX_TAG).strip().lower()
    if not 1 <= len(tag) <= MAX_TAG:
        raise InvalidInput(name, f"Each tag must be 1–{MAX_TAG} characters (not only spaces).")
    return tag


def clean_tags(tags: Iterable[str]) -> list[str]:
    """At most 20 tags as given; duplicates after trimming and lower-casing are merged."""
    tags = list(tags)
    if len(tags) > MAX_TAGS:
        raise InvalidInput("tags", f"At most {MAX_TAGS} tags.")
    return list(dict.fromkeys(clean_tag(tag, "tags") for tag in tags))


def search_text(q: str | None) -> str | None:
    """The text of a search, or None when there is nothing to search for (blank)."""
    if q is None:
        return None
    q = check_text("q", q, max_length=MAX_QUERY).strip()
    return q or None


def check_after(request: PageRequest, shape: tuple[type, ...]) -> None:
    """A page may only continue after a sort key of the list's own shape and range."""
    after = request.after
    if after is None:
        return
    if len(after) != len(shape) or not all(map(_fits, after, shape)) or (shape is IDEA_KEY and after[0] > 1):
        raise InvalidInput("cursor", "Not a cursor this list gave out.")


def _fits(value: object, kind: type) -> bool:
    if kind is int:
        return type(value) is int and 0 <= value <= MAX_SCORE
    if kind is datetime:
        return isinstance(value, datetime) and value.tzinfo is not None
    return isinstance(value, kind)


@dataclass
class InfobaseEntry:
    id: UUID
    user_id: UUID
    title: str
    content: str
    tags: list[str] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @classmethod
    def create(cls, user_id: UUID, *, title: str, content: str = "", tags: Iterable[str] = (),
               now: datetime) -> "InfobaseEntry":
        return cls(id=uuid4(), user_id=user_id, title=clean_title(title), content=check_text("content", content),
                   tags=clean_tags(tags), created_at=now, updated_at=now)

    @property
    def sort_key(self) -> tuple:
        return (self.created_at, self.id)

    def edit(self, changes: dict, now: datetime) -> None:
        """Change title, content and tags; every value is checked before any is applied."""
        cleaned = {}
        if "title" in changes:
            cleaned["title"] = clean_title(changes["title"])
        if "content" in changes:
            cleaned["content"] = check_text("content", changes["content"])
        if "tags" in changes:
            cleaned["tags"] = clean_tags(changes["tags"])
        _apply(self, cleaned, now)


@dataclass(frozen=True)
class Ranked:
    """A search hit: the entry and its relevance score (higher is better; whole numbers)."""

    score: int
    entry: InfobaseEntry

    @property
    def sort_key(self) -> tuple:
        return (self.score, self.entry.id)


@dataclass
class Idea:
    id: UUID
    user_id: UUID
    title: str
    body: str | None = None
    tags: list[str] = field(default_factory=list)
    pinned: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @classmethod
    def create(cls, user_id: UUID, *, title: str, body: str | None = None, tags: Iterable[str] = (),
               pinned: bool = False, now: datetime) -> "Idea":
        return cls(id=uuid4(), user_id=user_id, title=clean_title(title), body=_optional_text("body", body),
                   tags=clean_tags(tags), pinned=_flag("pinned", pinned), created_at=now, updated_at=now)

    @property
    def sort_key(self) -> tuple:
        return (int(self.pinned), self.created_at, self.id)

    def edit(self, changes: dict, now: datetime) -> None:
        """Change title, body, tags and pinned; every value is checked before any is applied."""
        cleaned = {}
        if "title" in changes:
            cleaned["title"] = clean_title(changes["title"])
        if "body" in changes:
            cleaned["body"] = _optional_text("body", changes["body"])
        if "tags" in changes:
            cleaned["tags"] = clean_tags(changes["tags"])
        if "pinned" in changes:
            cleaned["pinned"] = _flag("pinned", changes["pinned"])
        _apply(self, cleaned, now)


def _apply(note: InfobaseEntry | Idea, cleaned: dict, now: datetime) -> None:
    """Set what changed; `updated_at` moves only when something did."""
    changed = {key: value for key, value in cleaned.items() if getattr(note, key) != value}
    for key, value in changed.items():
        setattr(note, key, value)
    if changed:
        note.updated_at = now


def _optional_text(name: str, value: str | None) -> str | None:
    return None if value is None else check_text(name, value)


def _flag(name: str, value: bool) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(name, "Must be true or false.")
    return value
