"""Postgres onboarding flows and user states."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from adapters.postgres.schema import onboarding_flows, onboarding_steps, user_onboarding_state
from domain.onboarding import OnboardingFlow, OnboardingState, OnboardingStep
from ports.outbound.onboarding import OnboardingRepository

_ACTIVE_ID = (sa.select(onboarding_flows.c.id).where(onboarding_flows.c.active)
              .order_by(onboarding_flows.c.key).limit(1).scalar_subquery())
# The active flow and its steps in one round trip (a flow without steps gives one row of NULLs).
ACTIVE_FLOW = (
    sa.select(onboarding_flows.c.id, onboarding_flows.c.key, onboarding_flows.c.title,
              onboarding_flows.c.description, onboarding_steps.c.key.label("step_key"),
              onboarding_steps.c.title.label("step_title"), onboarding_steps.c.body, onboarding_steps.c.action,
              onboarding_steps.c.optional, onboarding_steps.c.reward_points, onboarding_steps.c.reward_xp,
              onboarding_steps.c.position)
    .select_from(onboarding_flows.outerjoin(onboarding_steps, onboarding_steps.c.flow_id == onboarding_flows.c.id))
    .where(onboarding_flows.c.id == _ACTIVE_ID)
    .order_by(onboarding_steps.c.position, onboarding_steps.c.key))
_STATE = sa.and_(user_onboarding_state.c.user_id == sa.bindparam("u"),
                 user_onboarding_state.c.flow_id == sa.bindparam("f"))
_STATE_COLUMNS = [user_onboarding_state.c.user_id, user_onboarding_state.c.flow_id, user_onboarding_state.c.status,
                  user_onboarding_state.c.completed_steps, user_onboarding_state.c.started_at,
                  user_onboarding_state.c.completed_at, user_onboarding_state.c.skipped_at]
LOCK_STATE = sa.select(*_STATE_COLUMNS).where(_STATE).with_for_update()
# The user's state rides along on every row of the active flow (NULLs while there is none).
ACTIVE_FLOW_WITH_STATE = ACTIVE_FLOW.outerjoin(user_onboarding_state, sa.and_(
    user_onboarding_state.c.flow_id == onboarding_flows.c.id, user_onboarding_state.c.user_id == sa.bindparam("u"))
).add_columns(*(column.label(f"s_{column.name}") for column in _STATE_COLUMNS))
ENSURE_STATE = (insert(user_onboarding_state)
                .values(user_id=sa.bindparam("u"), flow_id=sa.bindparam("f"), started_at=sa.bindparam("now"))
                .on_conflict_do_nothing(index_elements=["user_id", "flow_id"]))
SAVE_STATE = user_onboarding_state.update().where(_STATE).values(
    status=sa.bindparam("status"),
    completed_steps=sa.bindparam("steps", type_=user_onboarding_state.c.completed_steps.type),
    started_at=sa.bindparam("started_at"), completed_at=sa.bindparam("completed_at"),
    skipped_at=sa.bindparam("skipped_at"))


def _state(m, prefix: str = "") -> OnboardingState:
    return OnboardingState(**{name: m[prefix + name] for name in (
        "user_id", "flow_id", "status", "started_at", "completed_at", "skipped_at")},
        completed_steps=list(m[prefix + "completed_steps"]))


def _flow(rows) -> OnboardingFlow:
    first = rows[0]
    steps = tuple(OnboardingStep(key=r.step_key, title=r.step_title, body=r.body, action=r.action,
                                 optional=r.optional, reward_points=r.reward_points, reward_xp=r.reward_xp,
                                 position=r.position) for r in rows if r.step_key is not None)
    return OnboardingFlow(id=first.id, key=first.key, title=first.title, description=first.description, steps=steps)


class PgOnboardingRepository(OnboardingRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def active_flow(self):
        rows = self.connection.execute(ACTIVE_FLOW).all()
        return _flow(rows) if rows else None

    def active_flow_with_state(self, user_id):
        rows = self.connection.execute(ACTIVE_FLOW_WITH_STATE, {"u": user_id}).all()
        if not rows:
            return None
        mapping = rows[0]._mapping
        return _flow(rows), _state(mapping, "s_") if mapping["s_user_id"] is not None else None

    def lock_state(self, user_id, flow_id, now):
        self.connection.execute(ENSURE_STATE, {"u": user_id, "f": flow_id, "now": now})
        return _state(self.connection.execute(LOCK_STATE, {"u": user_id, "f": flow_id}).one()._mapping)

    def save_state(self, s):
        self.connection.execute(SAVE_STATE, {"u": s.user_id, "f": s.flow_id, "status": s.status,
                                             "steps": list(s.completed_steps), "started_at": s.started_at,
                                             "completed_at": s.completed_at, "skipped_at": s.skipped_at})
