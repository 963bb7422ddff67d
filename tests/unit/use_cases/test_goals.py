"""Goal use cases on the in-memory unit of work: one commit each, 404s for others, counting once."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import InvalidInput, NotFound
from domain.paging import PageRequest
from ports.inbound import goals
from tests.support.gamification import a_definition, a_quest, a_user

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)


def events(uow, user, type=None):
    return [e for e in uow.tables["activity"].values() if e.user_id == user.id and type in (None, e.type)]


def create(uow, clock, user, title="Run a marathon", **fields):
    uow.committed = False
    goal = goals.create_goal(uow, clock, user=user, title=title, **fields)
    assert uow.committed
    return goal


def patch(uow, clock, user, goal, **changes):
    uow.committed = False
    updated = goals.update_goal(uow, clock, user=user, goal_id=goal.id, changes=changes)
    assert uow.committed
    return updated


def test_a_created_goal_is_committed_and_reads_back(uow, clock, ada):
    goal = create(uow, clock, ada, description="42 km")
    assert goals.get_goal(uow, user=ada, goal_id=goal.id) == goal
    assert events(uow, ada) == []


def test_another_users_goal_is_not_found_for_every_use_case(uow, clock, ada):
    bob = a_user(uow, email="bob@example.com")
    goal = create(uow, clock, ada)
    milestone = goals.add_milestone(uow, clock, user=ada, goal_id=goal.id, title="10 km")
    attempts = [
        lambda: goals.get_goal(uow, user=bob, goal_id=goal.id),
        lambda: goals.update_goal(uow, clock, user=bob, goal_id=goal.id, changes={"title": "Mine"}),
        lambda: goals.delete_goal(uow, user=bob, goal_id=goal.id),
        lambda: goals.add_milestone(uow, clock, user=bob, goal_id=goal.id, title="x"),
        lambda: goals.update_milestone(uow, clock, user=bob, goal_id=goal.id, milestone_id=milestone.id,
                                       changes={"done": True}),
        lambda: goals.delete_milestone(uow, clock, user=bob, goal_id=goal.id, milestone_id=milestone.id),
    ]
    for attempt in attempts:
        with pytest.raises(NotFound):
            attempt()
    assert goals.get_goal(uow, user=ada, goal_id=goal.id).title == "Run a marathon"
    assert goals.get_goal(uow, user=ada, goal_id=goal.id).milestones[0].done is False


def test_a_milestone_of_another_goal_is_not_found(uow, clock, ada):
    first, second = create(uow, clock, ada), create(uow, clock, ada, "Other")
    milestone = goals.add_milestone(uow, clock, user=ada, goal_id=first.id, title="10 km")
    with pytest.raises(NotFound):
        goals.update_milestone(uow, clock, user=ada, goal_id=second.id, milestone_id=milestone.id, changes={})


def test_completing_records_one_event_through_the_reward_engine(uow, clock, ada):
    quest = a_quest(uow, "goals_completed", 1, "weekly", points=5)
    definition = a_definition(uow, "goals_completed", 1, xp=10)
    goal = create(uow, clock, ada)
    clock.advance(timedelta(minutes=5))
    done = patch(uow, clock, ada, goal, status="completed")
    assert done.completed_at == clock.now() and done.progress == 100
    [event] = events(uow, ada, "goal.completed")
    assert (event.metrics, event.subject_id, event.local_date) == ({"goals_completed": 1}, str(goal.id), NOW.date())
    assert uow.tables["wallets"][ada.id].balance == 5 and uow.tables["wallets"][ada.id].xp == 10
    assert (ada.id, definition.id) in uow.tables["user_achievements"]
    assert uow.tables["quest_progress"][(ada.id, quest.id, "2026-W10")].completed


def test_reopening_and_completing_again_does_not_count_twice(uow, clock, ada):
    goal = create(uow, clock, ada)
    patch(uow, clock, ada, goal, status="completed")
    patch(uow, clock, ada, goal, status="completed")
    patch(uow, clock, ada, goal, status="active")
    again = patch(uow, clock, ada, goal, status="completed")
    assert again.status == "completed" and len(events(uow, ada, "goal.completed")) == 1


def test_a_goal_created_completed_counts_once(uow, clock, ada):
    goal = create(uow, clock, ada, status="completed")
    patch(uow, clock, ada, goal, status="archived")
    patch(uow, clock, ada, goal, status="completed")
    assert len(events(uow, ada, "goal.completed")) == 1


def test_a_milestone_done_counts_once_however_often_it_is_toggled(uow, clock, ada):
    goal = create(uow, clock, ada)
    milestone = goals.add_milestone(uow, clock, user=ada, goal_id=goal.id, title="10 km")
    for done in (True, False, True, True):
        uow.committed = False
        changed = goals.update_milestone(uow, clock, user=ada, goal_id=goal.id, milestone_id=milestone.id,
                                         changes={"done": done})
        assert uow.committed and changed.done is done
    [event] = events(uow, ada, "goal.milestone_done")
    assert (event.metrics, event.subject_id) == ({"milestones_completed": 1}, str(milestone.id))


def test_milestones_keep_dense_positions_through_add_move_and_delete(uow, clock, ada):
    goal = create(uow, clock, ada)
    a, b, c = (goals.add_milestone(uow, clock, user=ada, goal_id=goal.id, title=t) for t in "abc")
    first = goals.add_milestone(uow, clock, user=ada, goal_id=goal.id, title="first", position=0)
    assert first.position == 0
    goals.update_milestone(uow, clock, user=ada, goal_id=goal.id, milestone_id=first.id, changes={"position": 3})
    uow.committed = False
    goals.delete_milestone(uow, clock, user=ada, goal_id=goal.id, milestone_id=b.id)
    assert uow.committed
    stored = goals.get_goal(uow, user=ada, goal_id=goal.id).milestones
    assert [(m.title, m.position) for m in stored] == [("a", 0), ("c", 1), ("first", 2)]


def test_a_refused_change_writes_nothing(uow, clock, ada):
    goal = create(uow, clock, ada)
    uow.committed = False
    with pytest.raises(InvalidInput):
        goals.update_goal(uow, clock, user=ada, goal_id=goal.id, changes={"title": ""})
    assert not uow.committed and goals.get_goal(uow, user=ada, goal_id=goal.id).title == "Run a marathon"


def test_deleting_a_goal_takes_its_milestones_and_keeps_what_it_counted(uow, clock, ada):
    goal = create(uow, clock, ada, status="completed")
    goals.add_milestone(uow, clock, user=ada, goal_id=goal.id, title="x")
    uow.committed = False
    goals.delete_goal(uow, user=ada, goal_id=goal.id)
    assert uow.committed
    with pytest.raises(NotFound):
        goals.get_goal(uow, user=ada, goal_id=goal.id)
    with pytest.raises(NotFound):
        goals.delete_goal(uow, user=ada, goal_id=goal.id)
    assert len(events(uow, ada, "goal.completed")) == 1


def test_the_list_is_newest_first_in_keyset_pages_and_filters_by_status(uow, clock, ada):
    made = []
    for n in range(5):
        made.append(create(uow, clock, ada, f"goal {n}", status="completed" if n % 2 else "active"))
        clock.advance(timedelta(seconds=1))
    create(uow, clock, a_user(uow, email="bob@example.com"), "Bob's")
    first = goals.list_goals(uow, user=ada, request=PageRequest(limit=2))
    assert [g.title for g in first.items] == ["goal 4", "goal 3"]
    rest = goals.list_goals(uow, user=ada, request=PageRequest(limit=10, after=first.next_after))
    assert [g.title for g in rest.items] == ["goal 2", "goal 1", "goal 0"] and rest.next_after is None
    completed = goals.list_goals(uow, user=ada, request=PageRequest(), status="completed")
    assert [g.title for g in completed.items] == ["goal 3", "goal 1"]


def test_an_unknown_goal_is_not_found(uow, clock, ada):
    with pytest.raises(NotFound):
        goals.update_goal(uow, clock, user=ada, goal_id=uuid4(), changes={})
