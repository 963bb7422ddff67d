"""Goals as rules: derived progress, dense milestone positions, and what counts (once) in the feed."""
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import Conflict, InvalidInput, NotFound
from domain.goals import GOAL_COMPLETED, MAX_MILESTONES, MILESTONE_DONE, Goal

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)
LATER = NOW + timedelta(hours=1)


def a_goal(*titles: str, **fields) -> Goal:
    goal, _ = Goal.create(uuid4(), "Run a marathon", NOW, **fields)
    for title in titles:
        goal.add_milestone(title, NOW)
    return goal


def titles(goal: Goal) -> list[str]:
    return [m.title for m in goal.milestones]


def positions(goal: Goal) -> list[int]:
    return [m.position for m in goal.milestones]


def test_a_new_goal_is_active_with_no_milestones_and_no_progress():
    goal, counted = Goal.create(uuid4(), "Learn Dutch", NOW, description="B1", target_date=date(2026, 12, 31))
    assert (goal.status, goal.completed_at, goal.progress, goal.milestones, counted) == ("active", None, 0, [], [])
    assert (goal.description, goal.target_date, goal.created_at, goal.updated_at) == ("B1", date(2026, 12, 31),
                                                                                    NOW, NOW)


@pytest.mark.parametrize("title", ["", "   ", "x" * 201, None, 7])
def test_a_title_must_be_one_to_two_hundred_characters(title):
    with pytest.raises(InvalidInput) as error:
        Goal.create(uuid4(), title, NOW)
    assert "title" in error.value.details["fields"]


def test_a_description_may_hold_twenty_thousand_characters_and_no_more():
    assert a_goal(description="x" * 20_000).description == "x" * 20_000
    with pytest.raises(InvalidInput):
        a_goal(description="x" * 20_001)


def test_an_unknown_status_is_refused_and_changes_nothing():
    goal = a_goal()
    with pytest.raises(InvalidInput):
        goal.update({"title": "Other", "status": "paused"}, LATER)
    assert (goal.title, goal.status) == ("Run a marathon", "active")


def test_completing_sets_completed_at_and_counts_the_goal():
    goal = a_goal()
    counted = goal.update({"status": "completed"}, LATER)
    assert (goal.status, goal.completed_at, goal.updated_at) == ("completed", LATER, LATER)
    assert [(c.type, c.subject_id, c.metrics) for c in counted] == [(GOAL_COMPLETED, goal.id, {"goals_completed": 1})]


def test_completing_a_completed_goal_changes_nothing_and_counts_nothing():
    goal = a_goal()
    goal.update({"status": "completed"}, NOW)
    assert goal.update({"status": "completed"}, LATER) == []
    assert goal.completed_at == NOW


def test_reopening_clears_completed_at_and_completing_again_reports_the_completion_again():
    goal = a_goal()
    goal.update({"status": "completed"}, NOW)
    assert goal.update({"status": "active"}, LATER) == [] and goal.completed_at is None
    assert [c.type for c in goal.update({"status": "completed"}, LATER)] == [GOAL_COMPLETED]  # the feed dedupes


def test_a_goal_created_completed_counts_as_completed():
    goal, counted = Goal.create(uuid4(), "Done already", NOW, status="completed")
    assert goal.completed_at == NOW and [c.type for c in counted] == [GOAL_COMPLETED]


def test_without_milestones_progress_is_zero_until_completed_then_a_hundred():
    goal = a_goal()
    goal.update({"status": "completed"}, NOW)
    assert goal.progress == 100
    goal.update({"status": "archived"}, NOW)
    assert goal.progress == 0


def test_progress_is_the_percent_of_milestones_done_rounded_down():
    goal = a_goal("a", "b", "c")
    goal.update_milestone(goal.milestones[0].id, {"done": True}, NOW)
    assert goal.progress == 33
    goal.update_milestone(goal.milestones[1].id, {"done": True}, NOW)
    assert goal.progress == 66
    goal.update_milestone(goal.milestones[2].id, {"done": True}, NOW)
    assert goal.progress == 100


def test_with_milestones_a_completed_goal_shows_the_milestones_progress():
    goal = a_goal("a", "b")
    goal.update({"status": "completed"}, NOW)
    assert goal.progress == 0


def test_milestones_are_appended_with_dense_positions():
    goal = a_goal("a", "b", "c")
    assert titles(goal) == ["a", "b", "c"] and positions(goal) == [0, 1, 2]


def test_a_milestone_inserted_at_a_position_pushes_the_others_down():
    goal = a_goal("a", "b", "c")
    added = goal.add_milestone("first", LATER, position=0)
    assert titles(goal) == ["first", "a", "b", "c"] and positions(goal) == [0, 1, 2, 3]
    assert added.position == 0 and goal.milestones[1].updated_at == LATER


def test_a_position_beyond_the_end_appends():
    goal = a_goal("a")
    goal.add_milestone("b", NOW, position=50)
    assert titles(goal) == ["a", "b"] and positions(goal) == [0, 1]


@pytest.mark.parametrize("position", [-1, True, "1"])
def test_a_position_must_be_a_whole_number_from_zero(position):
    with pytest.raises(InvalidInput):
        a_goal("a").add_milestone("b", NOW, position=position)


def test_a_goal_holds_at_most_a_hundred_milestones():
    goal = a_goal(*[f"m{n}" for n in range(MAX_MILESTONES)])
    with pytest.raises(Conflict):
        goal.add_milestone("one more", NOW)
    assert len(goal.milestones) == MAX_MILESTONES


def test_moving_a_milestone_down_reorders_the_others():
    goal = a_goal("a", "b", "c", "d")
    moved, _ = goal.update_milestone(goal.milestones[0].id, {"position": 2}, LATER)
    assert titles(goal) == ["b", "c", "a", "d"] and positions(goal) == [0, 1, 2, 3] and moved.position == 2


def test_moving_a_milestone_up_reorders_the_others():
    goal = a_goal("a", "b", "c", "d")
    goal.update_milestone(goal.milestones[3].id, {"position": 1}, LATER)
    assert titles(goal) == ["a", "d", "b", "c"] and positions(goal) == [0, 1, 2, 3]


def test_moving_beyond_the_end_makes_it_last():
    goal = a_goal("a", "b", "c")
    goal.update_milestone(goal.milestones[0].id, {"position": 99}, LATER)
    assert titles(goal) == ["b", "c", "a"] and positions(goal) == [0, 1, 2]


def test_deleting_a_milestone_closes_the_gap():
    goal = a_goal("a", "b", "c")
    goal.remove_milestone(goal.milestones[1].id, LATER)
    assert titles(goal) == ["a", "c"] and positions(goal) == [0, 1] and goal.updated_at == LATER


def test_an_unknown_milestone_is_not_found():
    goal = a_goal("a")
    with pytest.raises(NotFound):
        goal.update_milestone(uuid4(), {"done": True}, NOW)
    with pytest.raises(NotFound):
        goal.remove_milestone(uuid4(), NOW)


def test_marking_a_milestone_done_sets_done_at_and_counts_it():
    goal = a_goal("a")
    milestone, counted = goal.update_milestone(goal.milestones[0].id, {"done": True, "title": "A"}, LATER)
    assert (milestone.done, milestone.done_at, milestone.title) == (True, LATER, "A")
    assert [(c.type, c.subject_id, c.metrics) for c in counted] == \
        [(MILESTONE_DONE, milestone.id, {"milestones_completed": 1})]


def test_done_again_counts_nothing_and_undone_clears_done_at():
    goal = a_goal("a")
    mid = goal.milestones[0].id
    goal.update_milestone(mid, {"done": True}, NOW)
    assert goal.update_milestone(mid, {"done": True}, LATER) == (goal.milestones[0], [])
    assert goal.milestones[0].done_at == NOW
    milestone, counted = goal.update_milestone(mid, {"done": False}, LATER)
    assert (milestone.done, milestone.done_at, counted) == (False, None, [])


def test_a_milestone_title_is_checked_like_a_goal_title():
    goal = a_goal("a")
    with pytest.raises(InvalidInput):
        goal.update_milestone(goal.milestones[0].id, {"title": ""}, NOW)
    with pytest.raises(InvalidInput):
        goal.add_milestone("x" * 201, NOW)
