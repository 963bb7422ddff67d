"""Training programs: weeks of days that point at the user's own workout templates."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.errors import NotFound
from domain.exercise import TIME_KEY, check_after
from domain.paging import Page, PageRequest, page_of
from domain.programs import TrainingProgram
from domain.users import User
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def list_programs(uow: UnitOfWork, *, user: User, request: PageRequest) -> Page[TrainingProgram]:
    """The user's programs with their weeks, newest first."""
    check_after(request, TIME_KEY)
    with uow.read_only():
        rows = uow.programs.page(user.id, request)
    return page_of(rows, request, key=lambda p: p.sort_key)


def get_program(uow: UnitOfWork, *, user: User, program_id: UUID) -> TrainingProgram:
    """One of the user's programs."""
    with uow.read_only():
        return _program(uow, user, program_id)


def create_program(uow: UnitOfWork, clock: Clock, *, user: User, name: str, description: str | None = None,
                   started_on: date | None = None, active: bool = False,
                   weeks: list[dict] | None = None) -> TrainingProgram:
    """Create a program; the workouts its days name must be the user's own."""
    program = TrainingProgram.create(user.id, name=name, description=description, started_on=started_on,
                                     active=active, weeks=weeks, now=clock.now())
    with uow:
        _check_workouts(uow, user, program)
        uow.programs.add(program)
        uow.commit()
    return program


def update_program(uow: UnitOfWork, clock: Clock, *, user: User, program_id: UUID, changes: dict) -> TrainingProgram:
    """Change the given fields; a given `weeks` list replaces every week."""
    with uow:
        program = _program(uow, user, program_id, lock=True)
        program.edit(changes, clock.now())
        _check_workouts(uow, user, program)
        uow.programs.save(program)
        uow.commit()
    return program


def delete_program(uow: UnitOfWork, *, user: User, program_id: UUID) -> None:
    """Delete a program and its weeks."""
    with uow:
        if not uow.programs.delete_owned(program_id, user.id):
            raise NotFound("Training program not found.")
        uow.commit()


def _program(uow: UnitOfWork, user: User, program_id: UUID, lock: bool = False) -> TrainingProgram:
    program = uow.programs.get_owned(program_id, user.id, lock=lock)
    if program is None:
        raise NotFound("Training program not found.")
    return program


def _check_workouts(uow: UnitOfWork, user: User, program: TrainingProgram) -> None:
    wanted = program.workout_ids
    missing = sorted(str(i) for i in wanted - uow.workouts.owned_ids(user.id, wanted)) if wanted else []
    if missing:
        raise NotFound("Workout not found.", workout_ids=missing)
