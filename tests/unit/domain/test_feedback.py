"""Feedback rules on plain objects."""
from datetime import datetime, timezone
from uuid import uuid4

import pytest

from domain.errors import InvalidInput
from domain.feedback import MAX_USER_AGENT, Feedback

NOW = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)


def test_new_feedback_is_new_and_keeps_its_page_and_browser():
    sent = Feedback.submit(uuid4(), "bug", "It broke", NOW, page="/focus", user_agent="Firefox")
    assert (sent.kind, sent.status, sent.page, sent.user_agent, sent.created_at) == ("bug", "new", "/focus",
                                                                                     "Firefox", NOW)


def test_a_long_user_agent_is_cut_and_an_empty_one_is_none():
    assert len(Feedback.submit(uuid4(), "idea", "x", NOW, user_agent="A" * 9999).user_agent) == MAX_USER_AGENT
    assert Feedback.submit(uuid4(), "idea", "x", NOW, user_agent="", page="").user_agent is None


@pytest.mark.parametrize("kind,message,page,field", [
    ("praise", "x", None, "kind"), ("bug", "", None, "message"), ("bug", " \n ", None, "message"),
    ("bug", "x" * 20_001, None, "message"), ("bug", "x", "/" * 2_001, "page")])
def test_bad_feedback_is_refused(kind, message, page, field):
    with pytest.raises(InvalidInput) as caught:
        Feedback.submit(uuid4(), kind, message, NOW, page=page)
    assert field in caught.value.details["fields"]
