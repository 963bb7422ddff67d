"""One suite for IdeaRepository, run against the fake and Postgres."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import uuid4

from domain.notes import Idea
from domain.paging import PageRequest
from tests.support.users import stored_user

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)


def added(uow, user, title="App", at=NOW, **fields) -> Idea:
    idea = Idea.create(user.id, title=title, now=at, **fields)
    with uow:
        uow.ideas.add(idea)
        uow.commit()
    return idea


def read(uow, idea_id, user_id):
    with uow.read_only():
        return uow.ideas.get_owned(idea_id, user_id)


def walk(uow, user, limit, tag=None):
    pages, after = [], None
    while True:
        with uow.read_only():
            rows = uow.ideas.page(user.id, PageRequest(limit=limit, after=after), tag)
        pages.append([idea.title for idea in rows[:limit]])
        if len(rows) <= limit:
            return pages
        after = rows[limit - 1].sort_key


def test_an_idea_reads_back_as_written(uow):
    user = stored_user(uow, NOW)
    idea = added(uow, user, body="Details", tags=["side", "app"], pinned=True)
    assert read(uow, idea.id, user.id) == idea
    bare = added(uow, user, "Bare")
    assert read(uow, bare.id, user.id) == bare and read(uow, bare.id, user.id).body is None


def test_another_users_or_an_unknown_idea_is_none(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    idea = added(uow, ada)
    assert read(uow, idea.id, bob.id) is None and read(uow, uuid4(), ada.id) is None
    with uow:
        assert uow.ideas.get_owned(idea.id, ada.id, lock=True) == idea
        assert uow.ideas.get_owned(idea.id, bob.id, lock=True) is None


def test_a_saved_idea_keeps_its_changes(uow):
    user = stored_user(uow, NOW)
    idea = added(uow, user, body="Old")
    idea.edit({"title": "New", "body": None, "tags": ["x"], "pinned": True}, NOW + timedelta(hours=2))
    with uow:
        uow.ideas.save(idea)
        uow.commit()
    assert read(uow, idea.id, user.id) == idea


def test_only_the_owner_deletes_an_idea(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    idea = added(uow, ada)
    with uow:
        assert not uow.ideas.delete_owned(idea.id, bob.id)
        assert uow.ideas.delete_owned(idea.id, ada.id)
        uow.commit()
    assert read(uow, idea.id, ada.id) is None


def test_pages_run_pinned_first_then_newest_without_repeats_or_skips(uow):
    user = stored_user(uow, NOW)
    for n, (title, pinned) in enumerate([("p1", True), ("a", False), ("b", False), ("p2", True), ("c", False)]):
        added(uow, user, title, at=NOW + timedelta(seconds=n), pinned=pinned)
    assert walk(uow, user, 2) == [["p2", "p1"], ["c", "b"], ["a"]]
    assert walk(uow, user, 1) == [["p2"], ["p1"], ["c"], ["b"], ["a"]]


def test_ideas_created_at_the_same_instant_are_ordered_by_id(uow):
    user = stored_user(uow, NOW)
    ideas = [added(uow, user, f"i{n}") for n in range(3)]
    with uow.read_only():
        rows = uow.ideas.page(user.id, PageRequest())
    assert [i.id for i in rows] == sorted((i.id for i in ideas), reverse=True)


def test_a_tag_filters_the_pages_and_another_users_ideas_never_show(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    added(uow, ada, "a", tags=["work"])
    added(uow, ada, "b", at=NOW + timedelta(seconds=1), tags=["home", "work"])
    added(uow, ada, "c", at=NOW + timedelta(seconds=2))
    added(uow, bob, "d", tags=["work"])
    assert walk(uow, ada, 1, "work") == [["b"], ["a"]]
    assert walk(uow, bob, 10) == [["d"]]
