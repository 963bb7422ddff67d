"""One suite for FeedbackRepository, run against the fake and Postgres."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from domain.feedback import Feedback
from domain.paging import PageRequest
from tests.support.users import stored_user

NOW = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)


def sent(uow, user, minutes=0, kind="bug") -> Feedback:
    feedback = Feedback.submit(user.id, kind, "It broke", NOW + timedelta(minutes=minutes), page="/focus",
                               user_agent="Firefox")
    with uow:
        uow.feedback.add(feedback)
        uow.commit()
    return feedback


def page(uow, request, status=None):
    with uow.read_only():
        return uow.feedback.page(request, status)


def test_feedback_reads_back_as_sent(uow):
    feedback = sent(uow, stored_user(uow, NOW))
    assert page(uow, PageRequest()) == [feedback]


def test_pages_run_newest_first_across_users_and_neither_repeat_nor_skip_when_feedback_arrives(uow):
    ada, bob = stored_user(uow, NOW), stored_user(uow, NOW, "bob@example.com")
    made = [sent(uow, ada if n % 2 else bob, minutes=n // 2) for n in range(5)]  # ties on created_at
    expected = [f.id for f in sorted(made, key=lambda f: (f.created_at, f.id), reverse=True)]
    first = page(uow, PageRequest(limit=2))
    assert len(first) == 3  # limit + 1 tells that more follow
    sent(uow, ada, minutes=60)  # newer than the first page: it belongs before it, not in what follows
    rest = page(uow, PageRequest(limit=10, after=(first[1].created_at, first[1].id)))
    assert [f.id for f in first[:2] + rest] == expected


def test_a_page_filters_by_status(uow):
    user = stored_user(uow, NOW)
    feedback = sent(uow, user)
    assert page(uow, PageRequest(), "new") == [feedback]
    assert page(uow, PageRequest(), "resolved") == []
