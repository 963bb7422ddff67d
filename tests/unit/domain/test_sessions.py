"""Sessions: hashed random tokens, idle expiry under an absolute cap, throttled touches."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

from domain.identity import digest
from domain.sessions import Session, expiry

T0 = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)


def start(**client):
    client = {"user_agent": "Firefox", "ip": "203.0.113.9", **client}
    return Session.start(uuid4(), T0, **client)


def test_a_new_session_expires_after_fourteen_idle_days():
    session, _ = start()
    assert session.created_at == session.last_active_at == T0
    assert session.expires_at == T0 + timedelta(days=14)


def test_expiry_is_the_idle_limit_while_it_comes_first():
    assert expiry(T0, T0 + timedelta(days=10)) == T0 + timedelta(days=24)


def test_expiry_is_the_absolute_limit_once_it_comes_first():
    assert expiry(T0, T0 + timedelta(days=20)) == T0 + timedelta(days=30)


def test_a_touch_slides_the_idle_expiry():
    session, _ = start()
    session.touch(T0 + timedelta(days=3))
    assert session.last_active_at == T0 + timedelta(days=3)
    assert session.expires_at == T0 + timedelta(days=17)


def test_touching_every_day_never_outlives_thirty_days():
    session, _ = start()
    for day in range(1, 40):
        session.touch(T0 + timedelta(days=day))
    assert session.expires_at == T0 + timedelta(days=30)
    assert not session.alive(T0 + timedelta(days=30))


def test_a_session_is_alive_until_the_instant_it_expires():
    session, _ = start()
    assert session.alive(session.expires_at - timedelta(microseconds=1))
    assert not session.alive(session.expires_at)


def test_a_touch_is_not_needed_within_five_minutes():
    session, _ = start()
    assert not session.needs_touch(T0 + timedelta(minutes=4, seconds=59))


def test_a_touch_is_needed_from_five_minutes_on():
    session, _ = start()
    assert session.needs_touch(T0 + timedelta(minutes=5))
    session.touch(T0 + timedelta(minutes=5))
    assert not session.needs_touch(T0 + timedelta(minutes=9))


def test_the_token_is_stored_only_as_its_sha256_digest():
    session, token = start()
    assert session.token_hash == digest(token)
    assert len(session.token_hash) == 32
    assert token not in repr(session)
    assert all(token not in str(value) for value in vars(session).values())


def test_the_token_carries_32_random_bytes():
    tokens = {start()[1] for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(token) >= 43 for token in tokens)  # 32 bytes in url-safe base64


def test_every_session_gets_its_own_id():
    assert start()[0].id != start()[0].id


def test_an_empty_user_agent_is_kept_as_none_and_a_long_one_is_cut():
    assert start(user_agent="")[0].user_agent is None
    assert len(start(user_agent="x" * 5000)[0].user_agent) == 512
