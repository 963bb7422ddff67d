"""The feedback use case on the in-memory unit of work and a fixed clock."""
from datetime import datetime, timezone

import pytest

from adapters.memory.clock import FixedClock
from domain.errors import InvalidInput
from ports.inbound import feedback

NOW = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)


def test_sent_feedback_is_stored_and_committed(uow, ada):
    sent = feedback.send_feedback(uow, FixedClock(NOW), user=ada, kind="idea", message="Dark mode", page="/",
                                  user_agent="Safari")
    assert uow.committed and uow.tables["feedback"][sent.id] == sent
    assert (sent.user_id, sent.created_at, sent.user_agent) == (ada.id, NOW, "Safari")


def test_refused_feedback_stores_nothing(uow, ada):
    with pytest.raises(InvalidInput):
        feedback.send_feedback(uow, FixedClock(NOW), user=ada, kind="rant", message="x")
    assert uow.tables["feedback"] == {} and not uow.committed
