"""One suite for GoalRepository, run against the fake and Postgres."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

from domain.activity import Event
from domain.goals import Goal
from domain.paging import PageRequest
from tests.support.users import stored_user

NOW = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=timezone.utc)


def added(uow, user, title="Run a marathon", at=NOW, milestones=(), **fields) -> Goal:
    goal, _ = Goal.create(user.id, title, at, **fields)
    for name in milestones:
        goal.add_milestone(name, at, due_date=date(2026, 4, 1))
    with uow:
        uow.goals.add(goal)
        uow.commit()
    return goal


def read(uow, goal, user_id=None):
    with uow.read_only():
        return uow.goals.get_owned(goal.id, user_id or goal.user_id)


def saved(uow, goal) -> None:
    with uow:
        uow.goals.save(goal)
        uow.commit()


def test_a_goal_reads_back_as_written_with_its_milestones_by_position(uow):
    user = stored_user(uow, NOW)
    goal = added(uow, user, description="42 km", target_date=date(9999, 12, 31), milestones=("a", "b", "c"))
    assert read(uow, goal) == goal and [m.position for m in read(uow, goal).milestones] == [0, 1, 2]


def test_another_users_or_an_unknown_goal_is_none(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    goal = added(uow, ada)
    assert read(uow, goal, bob.id) is None
    with uow.read_only():
        assert uow.goals.get_owned(uuid4(), ada.id) is None


def test_a_locked_read_gives_the_same_goal(uow):
    user = stored_user(uow, NOW)
    goal = added(uow, user, milestones=("a",))
    with uow:
        assert uow.goals.get_owned(goal.id, user.id, lock=True) == goal


def test_save_writes_the_goal_and_inserts_updates_and_deletes_milestones(uow):
    user = stored_user(uow, NOW)
    goal = added(uow, user, milestones=("a", "b", "c"))
    later = NOW + timedelta(minutes=5)
    goal.update({"title": "Half marathon", "status": "completed", "target_date": None}, later)
    goal.update_milestone(goal.milestones[2].id, {"done": True, "position": 0, "due_date": None}, later)
    goal.remove_milestone(goal.milestones[1].id, later)
    goal.add_milestone("d", later, position=1)
    saved(uow, goal)
    again = read(uow, goal)
    assert again == goal
    assert [(m.title, m.position, m.done) for m in again.milestones] == \
        [("c", 0, True), ("d", 1, False), ("b", 2, False)]


def test_saving_without_milestones_deletes_them_all(uow):
    user = stored_user(uow, NOW)
    goal = added(uow, user, milestones=("a", "b"))
    for milestone in list(goal.milestones):
        goal.remove_milestone(milestone.id, NOW)
    saved(uow, goal)
    assert read(uow, goal).milestones == []


def test_nothing_is_written_without_commit(uow):
    user = stored_user(uow, NOW)
    goal = added(uow, user)
    with uow:
        goal.update({"title": "Changed"}, NOW)
        uow.goals.save(goal)
    assert read(uow, goal).title == "Run a marathon"


def test_delete_owned_deletes_only_the_owners_goal(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    goal = added(uow, ada, milestones=("a",))
    with uow:
        assert uow.goals.delete_owned(goal.id, bob.id) is False
        uow.commit()
    with uow:
        assert uow.goals.delete_owned(goal.id, ada.id) is True
        uow.commit()
    assert read(uow, goal) is None
    with uow:
        assert uow.goals.delete_owned(goal.id, ada.id) is False


def test_pages_run_newest_first_without_repeating_or_skipping(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    goals = [added(uow, ada, f"g{n}", at=NOW + timedelta(seconds=n), milestones=("m",) * (n % 2))
             for n in range(5)]
    added(uow, bob, "bob's")
    with uow.read_only():
        first = uow.goals.page(ada.id, PageRequest(limit=2))
    assert [g.title for g in first] == ["g4", "g3", "g2"]  # limit + 1
    assert first[1].milestones == goals[3].milestones and first[0].milestones == []
    added(uow, ada, "new", at=NOW + timedelta(minutes=1))
    with uow.read_only():
        rest = uow.goals.page(ada.id, PageRequest(limit=10, after=(first[1].created_at, first[1].id)))
    assert [g.title for g in rest] == ["g2", "g1", "g0"]


def test_a_page_may_filter_by_status(uow):
    user = stored_user(uow, NOW)
    added(uow, user, "open")
    done = added(uow, user, "done", at=NOW + timedelta(seconds=1), status="completed")
    with uow.read_only():
        assert [g.id for g in uow.goals.page(user.id, PageRequest(), "completed")] == [done.id]
        assert uow.goals.page(user.id, PageRequest(after=(done.created_at, done.id)), "completed") == []


def test_recorded_sees_only_the_users_event_of_that_type_and_subject(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    goal = added(uow, ada)
    with uow:
        uow.activity.append(Event(user_id=ada.id, type="goal.completed", occurred_at=NOW, local_date=NOW.date(),
                                  subject_type="goal", subject_id=str(goal.id), metrics={"goals_completed": 1}))
        uow.commit()
    with uow.read_only():
        assert uow.goals.recorded(ada.id, "goal.completed", goal.id) is True
        assert uow.goals.recorded(bob.id, "goal.completed", goal.id) is False
        assert uow.goals.recorded(ada.id, "goal.milestone_done", goal.id) is False
        assert uow.goals.recorded(ada.id, "goal.completed", uuid4()) is False
