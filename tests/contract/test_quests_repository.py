"""One suite for the user-quest repository, against the fake and Postgres."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.paging import PageRequest
from domain.quests import UserQuest
from domain.users import User
from tests.support.users import stored_user

NOW = datetime(2026, 3, 4, 10, 0, 0, 123456, tzinfo=timezone.utc)


def new_user(uow, email="ada@example.com") -> User:
    return stored_user(uow, NOW, email)


def add(uow, user, title="Read", at=NOW, **fields) -> UserQuest:
    quest = UserQuest.create(user.id, title, 10, at, **fields)
    with uow:
        uow.quests.add(quest)
        uow.commit()
    return quest


def page(uow, user, request):
    """The own quests of the board (without the universal ones)."""
    return uow.quests.board(user.id, request, None)[1]


def test_a_quest_reads_back_as_written(uow):
    ada = new_user(uow)
    quest = add(uow, ada, description="The whole book", due_date=date(2026, 3, 10))
    with uow.read_only():
        assert uow.quests.get_owned(quest.id, ada.id) == quest


def test_another_users_quest_is_not_found(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    quest = add(uow, ada)
    with uow.read_only():
        assert uow.quests.get_owned(quest.id, bob.id) is None
        assert uow.quests.get_owned(uuid4(), ada.id) is None


def test_save_writes_every_changing_field(uow):
    ada = new_user(uow)
    quest = add(uow, ada, description="x", due_date=date(2026, 3, 10))
    with uow:
        locked = uow.quests.get_owned(quest.id, ada.id, lock=True)
        locked.edit({"title": "Write", "description": None, "due_date": None, "target": 20})
        locked.add_progress(4)
        locked.complete(NOW + timedelta(hours=1))
        uow.quests.save(locked)
        uow.commit()
    with uow.read_only():
        assert uow.quests.get_owned(quest.id, ada.id) == locked
    assert (locked.status, locked.progress, locked.target) == ("completed", 20, 20)


def test_without_commit_a_change_is_not_kept(uow):
    ada = new_user(uow)
    quest = add(uow, ada)
    with uow:
        uow.quests.save(replace(quest, title="Lost"))
    with uow.read_only():
        assert uow.quests.get_owned(quest.id, ada.id).title == "Read"


def test_only_the_owner_deletes_a_quest(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    quest = add(uow, ada)
    with uow:
        assert uow.quests.delete_owned(quest.id, bob.id) is False
        assert uow.quests.delete_owned(quest.id, ada.id) is True
        assert uow.quests.delete_owned(quest.id, ada.id) is False
        uow.commit()
    with uow.read_only():
        assert uow.quests.get_owned(quest.id, ada.id) is None


def test_pages_are_newest_first_with_one_extra_row(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    made = [add(uow, ada, f"q{n}", NOW + timedelta(seconds=n)) for n in range(3)]
    add(uow, bob, "theirs")
    with uow.read_only():
        first = page(uow, ada, PageRequest(limit=2))
        rest = page(uow, ada, PageRequest(limit=2, after=(first[1].created_at, first[1].id)))
    assert [q.id for q in first] == [made[2].id, made[1].id, made[0].id]
    assert [q.id for q in rest] == [made[0].id]


def test_equal_times_are_ordered_by_id_and_never_repeat(uow):
    ada = new_user(uow)
    made = sorted((add(uow, ada, f"q{n}") for n in range(4)), key=lambda q: q.id, reverse=True)
    seen, after = [], None
    with uow.read_only():
        while True:
            rows = page(uow, ada, PageRequest(limit=1, after=after))
            seen.append(rows[0].id)
            if len(rows) == 1:
                break
            after = (rows[0].created_at, rows[0].id)
    assert seen == [q.id for q in made]


def test_a_quest_added_after_a_page_is_not_served_on_later_pages(uow):
    ada = new_user(uow)
    made = [add(uow, ada, f"q{n}", NOW + timedelta(seconds=n)) for n in range(3)]
    with uow.read_only():
        first = page(uow, ada, PageRequest(limit=1))
    add(uow, ada, "late", NOW + timedelta(seconds=10))
    with uow.read_only():
        rest = page(uow, ada, PageRequest(limit=5, after=(first[0].created_at, first[0].id)))
    assert [q.id for q in rest] == [made[1].id, made[0].id]
