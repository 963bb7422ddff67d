"""One suite for InfobaseRepository, run against the fake and Postgres.

Search cases here stay within what the fake promises (see adapters/memory/infobase.py);
Postgres-only behaviour (Snowball stemming, phrases, odd query syntax) is tested at the end
of this file on Postgres alone and over HTTP in tests/e2e/test_infobase.py.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.notes import InfobaseEntry
from domain.paging import PageRequest
from tests.support.users import stored_user

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)


def added(uow, user, title="Rust", content="", tags=(), at=NOW) -> InfobaseEntry:
    entry = InfobaseEntry.create(user.id, title=title, content=content, tags=tags, now=at)
    with uow:
        uow.infobase.add(entry)
        uow.commit()
    return entry


def many(uow, user, titles, **fields) -> list[InfobaseEntry]:
    return [added(uow, user, title, at=NOW + timedelta(seconds=n), **fields) for n, title in enumerate(titles)]


def read(uow, entry_id, user_id):
    with uow.read_only():
        return uow.infobase.get_owned(entry_id, user_id)


def search(uow, user, text, limit=50, after=None, tag=None):
    with uow.read_only():
        return uow.infobase.search(user.id, text, PageRequest(limit=limit, after=after), tag)


def titles(hits) -> list[str]:
    return [hit.entry.title for hit in hits]


def walk_search(uow, user, text, limit):
    pages, after = [], None
    while True:
        hits = search(uow, user, text, limit, after)
        pages.append(titles(hits[:limit]))
        if len(hits) <= limit:
            return pages
        after = hits[limit - 1].sort_key


def test_an_entry_reads_back_as_written(uow):
    user = stored_user(uow, NOW)
    entry = added(uow, user, "Rust", "Ownership", tags=["lang", "systems"])
    assert read(uow, entry.id, user.id) == entry


def test_another_users_or_an_unknown_entry_is_none(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    entry = added(uow, ada)
    assert read(uow, entry.id, bob.id) is None and read(uow, uuid4(), ada.id) is None
    with uow:
        assert uow.infobase.get_owned(entry.id, ada.id, lock=True) == entry
        assert uow.infobase.get_owned(entry.id, bob.id, lock=True) is None


def test_a_saved_entry_keeps_its_changes(uow):
    user = stored_user(uow, NOW)
    entry = added(uow, user)
    entry.edit({"title": "Go", "content": "Goroutines", "tags": ["concurrency"]}, NOW + timedelta(hours=1))
    with uow:
        uow.infobase.save(entry)
        uow.commit()
    assert read(uow, entry.id, user.id) == entry


def test_only_the_owner_deletes_an_entry(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    entry = added(uow, ada)
    with uow:
        assert not uow.infobase.delete_owned(entry.id, bob.id)
        assert uow.infobase.delete_owned(entry.id, ada.id)
        assert not uow.infobase.delete_owned(entry.id, ada.id)
        uow.commit()
    assert read(uow, entry.id, ada.id) is None


def test_pages_run_newest_first_by_created_at_then_id(uow):
    user = stored_user(uow, NOW)
    entries = many(uow, user, ["a", "b", "c"])
    same_time = [added(uow, user, "tie", at=NOW - timedelta(minutes=1)) for _ in range(2)]
    with uow.read_only():
        first = uow.infobase.page(user.id, PageRequest(limit=2))
        rest = uow.infobase.page(user.id, PageRequest(limit=10, after=first[1].sort_key))
    expected = [*sorted(entries, key=lambda e: e.created_at, reverse=True), *sorted(same_time, key=lambda e: e.id,
                                                                                      reverse=True)]
    assert [e.id for e in first] == [e.id for e in expected[:3]]
    assert [e.id for e in rest] == [e.id for e in expected[2:]]


def test_a_tag_filters_the_pages_and_another_users_entries_never_show(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    many(uow, ada, ["a", "b"], tags=["work"])
    added(uow, ada, "c", tags=["home"])
    added(uow, bob, "d", tags=["work"])
    with uow.read_only():
        assert [e.title for e in uow.infobase.page(ada.id, PageRequest(), "work")] == ["b", "a"]
        assert [e.title for e in uow.infobase.page(ada.id, PageRequest(), "none")] == []
        assert [e.title for e in uow.infobase.page(bob.id, PageRequest())] == ["d"]


def test_a_search_matches_words_case_insensitively_in_title_and_content(uow):
    user = stored_user(uow, NOW)
    added(uow, user, "Garden", "Tomatoes and BASIL")
    added(uow, user, "Basil pesto")
    added(uow, user, "Cars")
    assert sorted(titles(search(uow, user, "basil"))) == ["Basil pesto", "Garden"]
    assert titles(search(uow, user, "CARS")) == ["Cars"]


def test_a_title_match_outranks_a_content_match(uow):
    user = stored_user(uow, NOW)
    added(uow, user, "Notes", "Something about borrowing")
    added(uow, user, "Borrowing", "Rust references")
    hits = search(uow, user, "borrowing")
    assert titles(hits) == ["Borrowing", "Notes"] and hits[0].score > hits[1].score > 0


def test_a_plural_finds_the_singular_and_back(uow):
    user = stored_user(uow, NOW)
    added(uow, user, "Note", "One")
    added(uow, user, "Other", "Many notes")
    assert sorted(titles(search(uow, user, "notes"))) == ["Note", "Other"]
    assert sorted(titles(search(uow, user, "note"))) == ["Note", "Other"]


def test_every_word_must_match_unless_joined_by_or(uow):
    user = stored_user(uow, NOW)
    added(uow, user, "Rust", "memory safety")
    added(uow, user, "Go", "memory model")
    assert titles(search(uow, user, "memory safety")) == ["Rust"]
    assert sorted(titles(search(uow, user, "safety or model"))) == ["Go", "Rust"]
    assert titles(search(uow, user, "memory -safety")) == ["Go"]


def test_a_search_of_stop_words_or_nothing_searchable_finds_nothing(uow):
    user = stored_user(uow, NOW)
    added(uow, user, "The and of", "it is the")
    assert search(uow, user, "the") == [] and search(uow, user, "!!!") == []


def test_a_search_never_finds_another_users_entries(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    added(uow, ada, "Secret plan")
    assert search(uow, bob, "secret") == [] and titles(search(uow, ada, "secret")) == ["Secret plan"]


def test_a_search_honours_the_tag(uow):
    user = stored_user(uow, NOW)
    added(uow, user, "Rust one", tags=["lang"])
    added(uow, user, "Rust two")
    assert titles(search(uow, user, "rust", tag="lang")) == ["Rust one"]


def test_search_pages_follow_the_score_then_id_without_repeats_or_skips(uow):
    user = stored_user(uow, NOW)
    many(uow, user, [f"Rust {n}" for n in range(5)])
    many(uow, user, [f"Entry {n}" for n in range(4)], content="rust")
    pages = walk_search(uow, user, "rust", 3)
    flat = [title for page in pages for title in page]
    assert len(flat) == 9 and len(set(flat)) == 9 and [len(p) for p in pages] == [3, 3, 3]
    assert all(t.startswith("Rust") for t in flat[:5]) and all(t.startswith("Entry") for t in flat[5:])


def test_ties_in_score_are_ordered_by_id_descending(uow):
    user = stored_user(uow, NOW)
    entries = many(uow, user, ["Rust"] * 4)
    hits = search(uow, user, "rust")
    assert [h.entry.id for h in hits] == sorted((e.id for e in entries), reverse=True)
    assert len({h.score for h in hits}) == 1


@pytest.mark.parametrize("uow", ["postgres"], indirect=True)
@pytest.mark.parametrize("text,found", [("running", True), ("ran", False), ('"run fast"', True),
                                        ('"fast run"', False), ("run:*", True), ("(((", False),
                                        ("' OR 1=1 --", False), ("run & !fast | x", False)])
def test_postgres_search_takes_any_text_with_english_stemming(uow, text, found):
    user = stored_user(uow, NOW)
    added(uow, user, "Run fast", "Daily runs")
    assert bool(search(uow, user, text)) is found
