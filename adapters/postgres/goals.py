"""Postgres goals: `goals` plus `goal_milestones`, read together, written back together.

Statements are built once with bind parameters. A goal or a page of goals comes with its
milestones in one statement (adapters/postgres/nested.py). `recorded` looks in `activity_events`.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, UUID, insert

from adapters.postgres.nested import split, with_children
from adapters.postgres.schema import activity_events, goal_milestones, goals
from domain.goals import Goal, Milestone
from ports.outbound.goals import GoalRepository

g, m = goals.c, goal_milestones.c
_IDS = sa.bindparam("ids", type_=ARRAY(UUID(as_uuid=True)))
_OWNER = g.user_id == sa.bindparam("u")
_GOAL = sa.select(g.id, g.user_id, g.title, g.description, g.target_date, g.status, g.completed_at, g.created_at,
                  g.updated_at)


def _milestones(goal: sa.Subquery) -> sa.Select:
    return sa.select(m.id, m.goal_id, m.user_id, m.title, m.position, m.due_date, m.done, m.done_at, m.created_at,
                     m.updated_at).where(m.goal_id == goal.c.id, m.user_id == goal.c.user_id)


def _newest_first(goal: sa.Subquery, milestone: sa.Subquery) -> tuple:
    return goal.c.created_at.desc(), goal.c.id.desc(), milestone.c.position, milestone.c.id


_GET = _GOAL.where(g.id == sa.bindparam("gid"), _OWNER)
GET_OWNED = with_children(_GET, _milestones, _newest_first)
LOCK_OWNED = _GET.with_for_update()  # alone, then GET_OWNED: see adapters/postgres/nested.py
_AFTER = sa.tuple_(g.created_at, g.id) < sa.tuple_(sa.bindparam("after_t", type_=g.created_at.type),
                                                   sa.bindparam("after_id", type_=g.id.type))
_STATUS = g.status == sa.bindparam("status")
PAGES = {(after, status): with_children(
    _GOAL.where(_OWNER, *([_AFTER] if after else []), *([_STATUS] if status else []))
    .order_by(g.created_at.desc(), g.id.desc()).limit(sa.bindparam("n")), _milestones, _newest_first)
    for after in (False, True) for status in (False, True)}
_GOAL_STATE = {name: sa.bindparam(f"b_{name}") for name in (
    "title", "description", "target_date", "status", "completed_at", "updated_at")}
INSERT_GOAL = goals.insert().values(id=sa.bindparam("gid"), user_id=sa.bindparam("u"),
                                    created_at=sa.bindparam("b_created_at"), **_GOAL_STATE)
UPDATE_GOAL = goals.update().where(g.id == sa.bindparam("gid"), _OWNER).values(**_GOAL_STATE)
DELETE_GOAL = goals.delete().where(g.id == sa.bindparam("gid"), _OWNER).returning(g.id)
_MILESTONE_STATE = ("title", "position", "due_date", "done", "done_at", "updated_at")
_UPSERT = insert(goal_milestones)
UPSERT_MILESTONES = _UPSERT.on_conflict_do_update(
    index_elements=[m.id], set_={name: _UPSERT.excluded[name] for name in _MILESTONE_STATE},
    where=m.goal_id == _UPSERT.excluded.goal_id)
DELETE_MISSING = goal_milestones.delete().where(m.goal_id == sa.bindparam("gid"), m.id != sa.all_(_IDS))
e = activity_events.c
RECORDED = sa.select(sa.exists().where(e.user_id == sa.bindparam("u"), e.event_type == sa.bindparam("t"),
                                       e.subject_id == sa.bindparam("s")))


def _goals(rows) -> list[Goal]:
    return [Goal(id=row.id, user_id=row.user_id, title=row.title, description=row.description,
                 target_date=row.target_date, status=row.status, completed_at=row.completed_at,
                 created_at=row.created_at, updated_at=row.updated_at,
                 milestones=[Milestone(**child) for child in children]) for row, children in split(rows)]


def _state(goal: Goal) -> dict:
    return {"gid": goal.id, "u": goal.user_id, **{f"b_{name}": getattr(goal, name) for name in _GOAL_STATE}}


def _milestone_row(milestone: Milestone) -> dict:
    return {"id": milestone.id, "goal_id": milestone.goal_id, "user_id": milestone.user_id,
            "created_at": milestone.created_at, **{name: getattr(milestone, name) for name in _MILESTONE_STATE}}


class PgGoalRepository(GoalRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, goal):
        self.connection.execute(INSERT_GOAL, {**_state(goal), "b_created_at": goal.created_at})
        if goal.milestones:
            self.connection.execute(UPSERT_MILESTONES, [_milestone_row(x) for x in goal.milestones])

    def get_owned(self, goal_id, user_id, *, lock=False):
        params = {"gid": goal_id, "u": user_id}
        if lock and self.connection.execute(LOCK_OWNED, params).first() is None:
            return None
        found = _goals(self.connection.execute(GET_OWNED, params))
        return found[0] if found else None

    def save(self, goal):
        self.connection.execute(UPDATE_GOAL, _state(goal))
        if goal.milestones:
            self.connection.execute(UPSERT_MILESTONES, [_milestone_row(x) for x in goal.milestones])
        self.connection.execute(DELETE_MISSING, {"gid": goal.id, "ids": [x.id for x in goal.milestones]})

    def delete_owned(self, goal_id, user_id):
        return self.connection.execute(DELETE_GOAL, {"gid": goal_id, "u": user_id}).first() is not None

    def page(self, user_id, request, status=None):
        params = {"u": user_id, "n": request.limit + 1}
        if status is not None:
            params["status"] = status
        if request.after is not None:
            params["after_t"], params["after_id"] = request.after
        return _goals(self.connection.execute(PAGES[(request.after is not None, status is not None)], params))

    def recorded(self, user_id, event_type, subject_id):
        return self.connection.execute(RECORDED, {"u": user_id, "t": event_type, "s": str(subject_id)}).scalar_one()
