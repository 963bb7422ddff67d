"""In-memory training programs; a program's weeks ride on it."""
from __future__ import annotations

import copy

from ports.outbound.programs import TrainingProgramRepository


class InMemoryTrainingProgramRepository(TrainingProgramRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["training_programs"]

    def add(self, program):
        if program.id in self.rows:
            raise ValueError("duplicate program id")
        self.rows[program.id] = copy.deepcopy(program)

    def get_owned(self, program_id, user_id, *, lock=False):
        program = self.rows.get(program_id)
        return copy.deepcopy(program) if program is not None and program.user_id == user_id else None

    def save(self, program):
        if program.id in self.rows:
            self.rows[program.id] = copy.deepcopy(program)

    def delete_owned(self, program_id, user_id):
        if self.get_owned(program_id, user_id) is None:
            return False
        del self.rows[program_id]
        return True

    def page(self, user_id, request):
        rows = sorted((p for p in self.rows.values() if p.user_id == user_id), key=lambda p: p.sort_key,
                      reverse=True)
        if request.after is not None:
            rows = [p for p in rows if p.sort_key < tuple(request.after)]
        return [copy.deepcopy(p) for p in rows[:request.limit + 1]]

    def detach_workout(self, user_id, workout_id):
        for program in self.rows.values():
            if program.user_id == user_id:
                program.detach_workout(workout_id)
