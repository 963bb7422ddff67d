"""/api/v1/goals: goals with ordered milestones; progress is derived from the milestones."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.paging import page_body, page_request
from entrypoints.http.schemas.goals import (GoalIn, GoalListOut, GoalListQuery, GoalOut, GoalPatchIn, MilestoneIn,
                                            MilestoneOut, MilestonePatchIn)
from ports.inbound import goals
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("goals", __name__, url_prefix="/api/v1", description="Goals and their milestones")


@bp.post("/goals")
@bp.arguments(GoalIn)
@bp.response(201, GoalOut)
@bp.errors(400, 415)
@inject
def create_goal(body: dict, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Create a goal (status active unless given; created as completed, it counts as completed)."""
    return goals.create_goal(uow, clock, user=current_user(), **body)


@bp.get("/goals")
@bp.arguments(GoalListQuery, location="query")
@bp.response(200, GoalListOut)
@bp.errors(400)
@inject
def list_goals(query: dict, uow: UnitOfWork = Provide["uow"]):
    """Your goals with their milestones, newest first (by creation); `?status=` filters."""
    page = goals.list_goals(uow, user=current_user(), request=page_request(query), status=query["status"])
    return page_body(page)


@bp.get("/goals/<uuid:goal_id>")
@bp.response(200, GoalOut)
@bp.errors(404)
@inject
def get_goal(goal_id, uow: UnitOfWork = Provide["uow"]):
    """One of your goals with its milestones and progress."""
    return goals.get_goal(uow, user=current_user(), goal_id=goal_id)


@bp.patch("/goals/<uuid:goal_id>")
@bp.arguments(GoalPatchIn)
@bp.response(200, GoalOut)
@bp.errors(400, 404, 409, 415)
@inject
def update_goal(changes: dict, goal_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Change a goal; status completed sets completed_at and counts once per goal (reopening does not re-count)."""
    return goals.update_goal(uow, clock, user=current_user(), goal_id=goal_id, changes=changes)


@bp.delete("/goals/<uuid:goal_id>")
@bp.response(204)
@bp.errors(404)
@inject
def delete_goal(goal_id, uow: UnitOfWork = Provide["uow"]):
    """Delete a goal and its milestones."""
    goals.delete_goal(uow, user=current_user(), goal_id=goal_id)
    return ""


@bp.post("/goals/<uuid:goal_id>/milestones")
@bp.arguments(MilestoneIn)
@bp.response(201, MilestoneOut)
@bp.errors(400, 404, 409, 415)
@inject
def add_milestone(body: dict, goal_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Add a milestone at the end, or at `position` (later ones move down); at most 100 a goal (else 409)."""
    return goals.add_milestone(uow, clock, user=current_user(), goal_id=goal_id, **body)


@bp.patch("/goals/<uuid:goal_id>/milestones/<uuid:milestone_id>")
@bp.arguments(MilestonePatchIn)
@bp.response(200, MilestoneOut)
@bp.errors(400, 404, 409, 415)
@inject
def update_milestone(changes: dict, goal_id, milestone_id, uow: UnitOfWork = Provide["uow"],
                     clock: Clock = Provide["clock"]):
    """Change or move a milestone; done counts once per milestone (un-doing and redoing does not re-count)."""
    return goals.update_milestone(uow, clock, user=current_user(), goal_id=goal_id, milestone_id=milestone_id,
                                  changes=changes)


@bp.delete("/goals/<uuid:goal_id>/milestones/<uuid:milestone_id>")
@bp.response(204)
@bp.errors(404, 409)
@inject
def delete_milestone(goal_id, milestone_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    """Delete a milestone; the ones after it move up."""
    goals.delete_milestone(uow, clock, user=current_user(), goal_id=goal_id, milestone_id=milestone_id)
    return ""
