"""Idea use cases on the in-memory unit of work: CRUD, owners, the event, pinned-first pages."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import InvalidInput, NotFound
from domain.paging import PageRequest
from ports.inbound import ideas
from tests.support.gamification import a_quest, a_user

NOW = datetime(2026, 2, 1, 8, 0, tzinfo=timezone.utc)


def create(uow, clock, user, title="App", **fields):
    uow.committed = False
    idea = ideas.create_idea(uow, clock, user=user, title=title, **fields)
    clock.advance(timedelta(seconds=1))
    return idea


def walk(uow, user, limit=2, tag=None):
    pages, after = [], None
    while True:
        page = ideas.list_ideas(uow, user=user, request=PageRequest(limit=limit, after=after), tag=tag)
        pages.append([idea.title for idea in page.items])
        if page.next_after is None:
            return pages
        after = page.next_after


def test_creating_an_idea_commits_it_with_an_idea_created_event(uow, clock, ada):
    idea = create(uow, clock, ada, body="Details", tags=["Side"], pinned=True)
    assert uow.committed and uow.tables["ideas"][idea.id] == idea
    assert (idea.body, idea.tags, idea.pinned, idea.created_at) == ("Details", ["side"], True, NOW)
    assert [(e.type, e.subject_id, e.metrics) for e in uow.tables["activity"].values()] == \
        [("idea.created", str(idea.id), {"ideas_created": 1})]


def test_an_ideas_quest_completes_with_the_idea_that_reaches_it(uow, clock, ada):
    quest = a_quest(uow, "ideas_created", 2, "daily", points=3)
    assert create(uow, clock, ada) and uow.tables["wallets"].get(ada.id) is None
    create(uow, clock, ada, title="Second")
    assert uow.tables["wallets"][ada.id].balance == 3
    assert (ada.id, quest.id, NOW.date().isoformat()) in uow.tables["quest_progress"]


def test_an_invalid_idea_writes_nothing(uow, clock, ada):
    with pytest.raises(InvalidInput):
        create(uow, clock, ada, tags=["x" * 51])
    assert not uow.committed and uow.tables["ideas"] == {} and uow.tables["activity"] == {}


def test_pinning_an_idea_is_an_update(uow, clock, ada):
    idea = create(uow, clock, ada)
    uow.committed = False
    pinned = ideas.update_idea(uow, clock, user=ada, idea_id=idea.id, changes={"pinned": True})
    assert uow.committed and pinned.pinned and pinned.updated_at == clock.now() > pinned.created_at
    assert ideas.get_idea(uow, user=ada, idea_id=idea.id).pinned


def test_another_users_idea_is_not_found_for_every_operation(uow, clock, ada):
    idea = create(uow, clock, ada)
    bob = a_user(uow, email="bob@example.com")
    with pytest.raises(NotFound):
        ideas.get_idea(uow, user=bob, idea_id=idea.id)
    with pytest.raises(NotFound):
        ideas.update_idea(uow, clock, user=bob, idea_id=idea.id, changes={"pinned": True})
    with pytest.raises(NotFound):
        ideas.delete_idea(uow, user=bob, idea_id=idea.id)
    assert not uow.tables["ideas"][idea.id].pinned


def test_a_deleted_idea_is_gone(uow, clock, ada):
    idea = create(uow, clock, ada)
    ideas.delete_idea(uow, user=ada, idea_id=idea.id)
    with pytest.raises(NotFound):
        ideas.get_idea(uow, user=ada, idea_id=idea.id)


def test_the_list_shows_pinned_ideas_first_then_newest_in_pages(uow, clock, ada):
    create(uow, clock, ada, title="old pinned", pinned=True)
    for title in ("a", "b", "c"):
        create(uow, clock, ada, title=title)
    create(uow, clock, ada, title="new pinned", pinned=True)
    assert walk(uow, ada) == [["new pinned", "old pinned"], ["c", "b"], ["a"]]


def test_a_tag_filters_the_list(uow, clock, ada):
    create(uow, clock, ada, title="a", tags=["work"])
    create(uow, clock, ada, title="b")
    assert walk(uow, ada, tag="Work") == [["a"]]


def test_another_users_ideas_are_never_listed(uow, clock, ada):
    create(uow, clock, ada)
    assert walk(uow, a_user(uow, email="bob@example.com")) == [[]]


def test_a_cursor_of_another_shape_is_invalid(uow, ada):
    with pytest.raises(InvalidInput):
        ideas.list_ideas(uow, user=ada, request=PageRequest(after=(NOW, uuid4())))
    with pytest.raises(InvalidInput):
        ideas.list_ideas(uow, user=ada, request=PageRequest(after=(2, NOW, uuid4())))
