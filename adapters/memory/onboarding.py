"""In-memory onboarding flows and user states; flows go into `tables["onboarding_flows"]` by id."""
from __future__ import annotations

import copy
from dataclasses import replace

from domain.onboarding import OnboardingState
from ports.outbound.onboarding import OnboardingRepository


class InMemoryOnboardingRepository(OnboardingRepository):
    def __init__(self, tables: dict) -> None:
        self.flows: dict = tables["onboarding_flows"]
        self.states: dict = tables["onboarding_states"]

    def active_flow(self):
        active = sorted((f for f in self.flows.values() if f.active), key=lambda f: f.key)
        if not active:
            return None
        flow = active[0]
        return replace(flow, steps=tuple(sorted(flow.steps, key=lambda s: (s.position, s.key))))

    def active_flow_with_state(self, user_id):
        flow = self.active_flow()
        return (flow, self._state(user_id, flow.id)) if flow is not None else None

    def lock_state(self, user_id, flow_id, now):
        if (user_id, flow_id) not in self.states:
            self.states[(user_id, flow_id)] = OnboardingState(user_id, flow_id, started_at=now)
        return self._state(user_id, flow_id)

    def _state(self, user_id, flow_id):
        found = self.states.get((user_id, flow_id))
        return copy.deepcopy(found) if found else None

    def save_state(self, state):
        self.states[(state.user_id, state.flow_id)] = copy.deepcopy(state)
