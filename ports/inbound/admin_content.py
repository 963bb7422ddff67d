"""The admin console's content — universal quests, catalog market items, achievements, learn
topics and lessons — and feedback triage. Every write appends its audit entry (action
`<kind>.create|update|delete`, `feedback.triage`) in the same transaction as the change."""
from __future__ import annotations

from uuid import UUID

from domain import admin_content as rules
from domain.admin import audit_entry
from domain.admin_content import KINDS, ContentRow
from domain.audit import Actor
from domain.errors import InvalidInput, NotFound
from domain.feedback import Feedback
from domain.paging import Page, PageRequest, page_of
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork


def list_content(uow: UnitOfWork, *, kind: str, request: PageRequest,
                 topic_id: UUID | None = None) -> Page[ContentRow]:
    """Rows of one kind, newest first (lessons of one topic when `topic_id` is given)."""
    with uow.read_only():
        rows = uow.content.page(kind, request, topic_id=topic_id)
    return page_of(rows, request, key=lambda r: (r.created_at, r.id))


def get_content(uow: UnitOfWork, *, kind: str, row_id: UUID) -> ContentRow:
    """One row of one kind."""
    with uow.read_only():
        return _found(kind, uow.content.get(kind, row_id))


def create_content(uow: UnitOfWork, clock: Clock, *, actor: Actor, kind: str, values: dict) -> ContentRow:
    """Add a row (a lesson's topic must exist), audited."""
    now = clock.now()
    row = ContentRow.create(kind, values, now)
    with uow:
        _check_topic(uow, values)
        uow.content.add(row)
        uow.audit.append(audit_entry(actor, f"{kind}.create", kind, row.id, before=None, after=row.snapshot(),
                                     now=now))
        uow.commit()
    return row


def update_content(uow: UnitOfWork, clock: Clock, *, actor: Actor, kind: str, row_id: UUID,
                   changes: dict) -> ContentRow:
    """Change the named fields of a row, audited with the row before and after."""
    now = clock.now()
    with uow:
        row = _found(kind, uow.content.get(kind, row_id, lock=True))
        before = row.snapshot()
        row.update(changes, now)
        _check_topic(uow, changes)
        uow.content.save(row)
        uow.audit.append(audit_entry(actor, f"{kind}.update", kind, row.id, before=before, after=row.snapshot(),
                                     now=now))
        uow.commit()
    return row


def delete_content(uow: UnitOfWork, clock: Clock, *, actor: Actor, kind: str, row_id: UUID) -> None:
    """Delete a row with the history that hangs on it; the audit entry says what went with it."""
    now = clock.now()
    with uow:
        row = _found(kind, uow.content.get(kind, row_id, lock=True))
        history = uow.content.delete(kind, row_id)
        uow.audit.append(audit_entry(actor, f"{kind}.delete", kind, row.id, before=row.snapshot(),
                                     after={"deleted": True, "history": history}, now=now))
        uow.commit()


def list_feedback(uow: UnitOfWork, *, request: PageRequest, status: str | None = None) -> Page[Feedback]:
    """Everyone's feedback, newest first, of one status if given."""
    with uow.read_only():
        rows = uow.feedback.page(request, status)
    return page_of(rows, request, key=lambda f: (f.created_at, f.id))


def triage_feedback(uow: UnitOfWork, clock: Clock, *, actor: Actor, feedback_id: UUID, changes: dict) -> Feedback:
    """Set feedback's status and/or admin notes, audited."""
    now = clock.now()
    with uow:
        feedback = uow.feedback.get_for_triage(feedback_id)
        if feedback is None:
            raise NotFound("Feedback not found.")
        before = rules.feedback_snapshot(feedback)
        rules.triage(feedback, changes, now)
        uow.feedback.save_triage(feedback)
        uow.audit.append(audit_entry(actor, "feedback.triage", "feedback", feedback.id, before=before,
                                     after=rules.feedback_snapshot(feedback), now=now))
        uow.commit()
    return feedback


def _found(kind: str, row: ContentRow | None) -> ContentRow:
    if row is None:
        raise NotFound(f"{KINDS[kind].label} not found.")
    return row


def _check_topic(uow: UnitOfWork, values: dict) -> None:
    """A lesson belongs to an existing topic."""
    topic_id = values.get("topic_id")
    if topic_id is not None and uow.content.get("learn_topic", topic_id) is None:
        raise InvalidInput("topic_id", "No such topic.")
