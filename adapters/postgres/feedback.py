"""Postgres feedback: `feedback`; the admin list pages newest first by (created_at, id)."""
from __future__ import annotations

import sqlalchemy as sa

from adapters.postgres.schema import feedback
from domain.feedback import Feedback
from ports.outbound.feedback import FeedbackRepository

fb = feedback.c
_COLUMNS = [fb.id, fb.user_id, fb.kind, fb.message, fb.page, fb.user_agent, fb.status, fb.admin_notes,
            fb.created_at, fb.updated_at]
INSERT = feedback.insert().values(
    id=sa.bindparam("fid"), user_id=sa.bindparam("u"), kind=sa.bindparam("kind"), message=sa.bindparam("message"),
    page=sa.bindparam("page"), user_agent=sa.bindparam("user_agent"), status=sa.bindparam("status"),
    created_at=sa.bindparam("at"), updated_at=sa.bindparam("at"))
_AFTER = sa.tuple_(fb.created_at, fb.id) < sa.tuple_(sa.bindparam("after_t", type_=fb.created_at.type),
                                                     sa.bindparam("after_id", type_=fb.id.type))
_STATUS = fb.status == sa.bindparam("status")
PAGES = {  # (after a cursor?, one status?) → statement
    (after, status): sa.select(*_COLUMNS).where(*([_AFTER] if after else []), *([_STATUS] if status else []))
    .order_by(fb.created_at.desc(), fb.id.desc()).limit(sa.bindparam("n"))
    for after in (False, True) for status in (False, True)}

# Admin triage: the row is locked while an admin changes it.
GET_FOR_TRIAGE = sa.select(*_COLUMNS).where(fb.id == sa.bindparam("fid")).with_for_update()
SAVE_TRIAGE = feedback.update().where(fb.id == sa.bindparam("fid")).values(
    status=sa.bindparam("b_status"), admin_notes=sa.bindparam("b_admin_notes"), updated_at=sa.bindparam("b_updated_at"))


def _feedback(r) -> Feedback:
    return Feedback(id=r.id, user_id=r.user_id, kind=r.kind, message=r.message, created_at=r.created_at,
                    page=r.page, user_agent=r.user_agent, status=r.status, admin_notes=r.admin_notes,
                    updated_at=r.updated_at)


class PgFeedbackRepository(FeedbackRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, f):
        self.connection.execute(INSERT, {"fid": f.id, "u": f.user_id, "kind": f.kind, "message": f.message,
                                         "page": f.page, "user_agent": f.user_agent, "status": f.status,
                                         "at": f.created_at})

    def page(self, request, status=None):
        params = {"n": request.limit + 1}
        if status is not None:
            params["status"] = status
        if request.after is not None:
            params["after_t"], params["after_id"] = request.after
        statement = PAGES[(request.after is not None, status is not None)]
        return [_feedback(row) for row in self.connection.execute(statement, params)]

    # Admin triage
    def get_for_triage(self, feedback_id):
        row = self.connection.execute(GET_FOR_TRIAGE, {"fid": feedback_id}).first()
        return _feedback(row) if row else None

    def save_triage(self, f):
        self.connection.execute(SAVE_TRIAGE, {"fid": f.id, "b_status": f.status, "b_admin_notes": f.admin_notes,
                                              "b_updated_at": f.updated_at})
