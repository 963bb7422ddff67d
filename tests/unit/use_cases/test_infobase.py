"""Infobase use cases on the in-memory unit of work: CRUD, owners, events, lists and search."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import InvalidInput, NotFound
from domain.paging import PageRequest
from ports.inbound import infobase
from tests.support.gamification import a_definition, a_user

NOW = datetime(2026, 2, 1, 8, 0, tzinfo=timezone.utc)


def create(uow, clock, user, title="Rust", content="Ownership and borrowing", tags=()):
    uow.committed = False
    entry = infobase.create_entry(uow, clock, user=user, title=title, content=content, tags=list(tags))
    clock.advance(timedelta(seconds=1))
    return entry


def walk(uow, user, limit=2, **filters):
    """Every page of a list, following its cursors."""
    pages, after = [], None
    while True:
        page = infobase.list_entries(uow, user=user, request=PageRequest(limit=limit, after=after), **filters)
        pages.append([entry.title for entry in page.items])
        if page.next_after is None:
            return pages
        after = page.next_after


def test_creating_an_entry_commits_it_with_an_infobase_created_event(uow, clock, ada):
    entry = create(uow, clock, ada, title=" Rust ", tags=["Lang"])
    assert uow.committed and uow.tables["infobase"][entry.id].title == "Rust" and entry.tags == ["lang"]
    assert [(e.type, e.subject_id, e.metrics) for e in uow.tables["activity"].values()] == \
        [("infobase.created", str(entry.id), {"infobase_entries_created": 1})]


def test_creating_entries_can_unlock_an_achievement(uow, clock, ada):
    definition = a_definition(uow, "infobase_entries_created", 2, points=5)
    create(uow, clock, ada)
    assert (ada.id, definition.id) not in uow.tables["user_achievements"]
    create(uow, clock, ada, title="Go")
    assert (ada.id, definition.id) in uow.tables["user_achievements"] and uow.tables["wallets"][ada.id].balance == 5


def test_an_invalid_entry_writes_nothing(uow, clock, ada):
    with pytest.raises(InvalidInput):
        create(uow, clock, ada, title="   ")
    assert not uow.committed and uow.tables["infobase"] == {} and uow.tables["activity"] == {}


def test_an_update_changes_the_given_fields_and_updated_at(uow, clock, ada):
    entry = create(uow, clock, ada)
    uow.committed = False
    updated = infobase.update_entry(uow, clock, user=ada, entry_id=entry.id, changes={"content": "Lifetimes"})
    assert uow.committed and (updated.title, updated.content, updated.created_at) == ("Rust", "Lifetimes", NOW)
    assert updated.updated_at == clock.now() and infobase.get_entry(uow, user=ada, entry_id=entry.id) == updated


def test_another_users_entry_is_not_found_for_every_operation(uow, clock, ada):
    entry = create(uow, clock, ada)
    bob = a_user(uow, email="bob@example.com")
    with pytest.raises(NotFound):
        infobase.get_entry(uow, user=bob, entry_id=entry.id)
    with pytest.raises(NotFound):
        infobase.update_entry(uow, clock, user=bob, entry_id=entry.id, changes={"title": "Mine"})
    with pytest.raises(NotFound):
        infobase.delete_entry(uow, user=bob, entry_id=entry.id)
    assert uow.tables["infobase"][entry.id].title == "Rust"


def test_a_deleted_entry_is_gone(uow, clock, ada):
    entry = create(uow, clock, ada)
    uow.committed = False
    infobase.delete_entry(uow, user=ada, entry_id=entry.id)
    assert uow.committed and uow.tables["infobase"] == {}
    with pytest.raises(NotFound):
        infobase.delete_entry(uow, user=ada, entry_id=entry.id)


def test_the_list_is_newest_first_in_pages(uow, clock, ada):
    for title in ("one", "two", "three", "four", "five"):
        create(uow, clock, ada, title=title)
    assert walk(uow, ada) == [["five", "four"], ["three", "two"], ["one"]]


def test_a_tag_filters_the_list_and_is_matched_case_insensitively(uow, clock, ada):
    create(uow, clock, ada, title="a", tags=["rust"])
    create(uow, clock, ada, title="b", tags=["go"])
    create(uow, clock, ada, title="c", tags=["Rust", "go"])
    assert walk(uow, ada, tag=" RUST ") == [["c", "a"]]


def test_a_search_finds_matches_best_first(uow, clock, ada):
    create(uow, clock, ada, title="Cooking", content="Notes on borrowing sugar")
    create(uow, clock, ada, title="Borrowing", content="Rust references")
    create(uow, clock, ada, title="Garden", content="Tomatoes")
    assert walk(uow, ada, q="borrowing") == [["Borrowing", "Cooking"]]


def test_a_blank_search_is_the_plain_list(uow, clock, ada):
    create(uow, clock, ada, title="one")
    create(uow, clock, ada, title="two")
    assert walk(uow, ada, q="   ") == [["two", "one"]]


def test_a_search_of_stop_words_finds_nothing(uow, clock, ada):
    create(uow, clock, ada, title="The thing", content="and the other")
    assert walk(uow, ada, q="the and") == [[]]


def test_a_search_never_shows_another_users_entries(uow, clock, ada):
    create(uow, clock, ada, title="Borrowing")
    bob = a_user(uow, email="bob@example.com")
    assert walk(uow, bob, q="borrowing") == [[]] and walk(uow, bob) == [[]]


def test_a_cursor_of_another_list_is_invalid(uow, clock, ada):
    with pytest.raises(InvalidInput):
        infobase.list_entries(uow, user=ada, request=PageRequest(after=(NOW, uuid4())), q="rust")
    with pytest.raises(InvalidInput):
        infobase.list_entries(uow, user=ada, request=PageRequest(after=(5, uuid4())))
