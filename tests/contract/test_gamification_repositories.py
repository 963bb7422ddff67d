"""One suite for the engine's stores — wallet, ledger, activity and metrics, achievements,
universal-quest progress, idempotency — against the fake and Postgres."""
from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from adapters.memory.unit_of_work import FakeUnitOfWork
from domain.achievements import AchievementDefinition, Unlocked
from domain.activity import Event
from domain.idempotency import IdempotentRecord
from domain.paging import PageRequest
from domain.quests import UniversalQuest
from domain.users import User
from domain.wallet import Source, Wallet

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)


class Backend:
    """The unit of work plus a way to put content rows (admin-made definitions) in place."""

    def __init__(self, uow, put_definition, put_quest):
        self.uow, self.put_definition, self.put_quest = uow, put_definition, put_quest


@pytest.fixture(params=["memory", "postgres"])
def backend(request):
    if request.param == "memory":
        uow = FakeUnitOfWork()
        yield Backend(uow, lambda d: uow.tables["achievement_definitions"].__setitem__(d.id, d),
                      lambda q: uow.tables["universal_quests"].__setitem__(q.id, q))
        return
    import sqlalchemy as sa

    from adapters.postgres.engine import make_engine
    from adapters.postgres.schema import achievement_definitions, universal_quests
    from adapters.postgres.unit_of_work import PgUnitOfWork

    engine = make_engine(request.getfixturevalue("database_url"))

    def put(table):
        def insert(row):
            with engine.begin() as connection:
                connection.execute(sa.insert(table).values(**asdict(row)))
        return insert

    yield Backend(PgUnitOfWork(engine), put(achievement_definitions), put(universal_quests))
    engine.dispose()


@pytest.fixture
def uow(backend):
    return backend.uow


@pytest.fixture
def user(uow):
    user = User.register(email=f"{uuid4().hex[:8]}@example.com", email_verified=True, name=None, now=NOW)
    with uow:
        uow.users.add(user)
        uow.commit()
    return user


def test_a_missing_wallet_reads_as_empty_and_locking_creates_it(uow, user):
    with uow.read_only():
        assert uow.wallets.get(user.id) == Wallet(user.id)
    with uow:
        wallet = uow.wallets.lock(user.id)
        wallet.balance, wallet.xp = 12, 30
        uow.wallets.save(wallet)
        uow.commit()
    with uow.read_only():
        assert uow.wallets.get(user.id) == Wallet(user.id, 12, 30)


def test_a_negative_balance_is_refused_by_the_store_itself(uow, user):
    with pytest.raises(Exception):
        with uow:
            uow.wallets.lock(user.id)
            uow.wallets.save(Wallet(user.id, -1, 0))
            uow.commit()


def post(uow, user, points, source_id, at=NOW):
    with uow:
        wallet = uow.wallets.lock(user.id)
        entry = wallet.post(points, 0, "test", Source("test", source_id), at)
        uow.wallets.save(wallet)
        uow.ledger.append(entry)
        uow.commit()
    return entry


def test_the_ledger_knows_its_sources_and_pages_newest_first(uow, user):
    entries = [post(uow, user, 5, f"s{n}", NOW + timedelta(minutes=n)) for n in range(5)]
    with uow.read_only():
        assert uow.ledger.has(user.id, Source("test", "s3")) and not uow.ledger.has(user.id, Source("test", "x"))
        first = uow.ledger.page(user.id, PageRequest(limit=2))
        rest = uow.ledger.page(user.id, PageRequest(limit=10, after=(first[1].created_at, first[1].id)))
    assert [e.id for e in first[:2]] == [entries[4].id, entries[3].id] and len(first) == 3
    assert [e.id for e in rest] == [entries[2].id, entries[1].id, entries[0].id]
    assert rest[0].source == Source("test", "s2") and rest[0].balance_after == 15


def test_a_duplicate_ledger_source_is_refused(uow, user):
    post(uow, user, 5, "same")
    with pytest.raises(Exception):
        post(uow, user, 5, "same")


def event(user, day, **metrics):
    return Event(user_id=user.id, type="test", occurred_at=NOW, local_date=day, metrics=metrics)


def test_metric_totals_sum_events_within_local_dates(uow, user):
    with uow:
        for e in (event(user, date(2026, 3, 1), focus_minutes=20, focus_sessions_completed=1),
                  event(user, date(2026, 3, 2), focus_minutes=15),
                  event(user, date(2026, 3, 2), habit_logs_done=1),
                  event(user, date(2026, 3, 3), habit_logs_done=-1)):
            uow.activity.append(e)
        uow.commit()
    with uow.read_only():
        everything = uow.activity.totals(user.id, {"focus_minutes", "habit_logs_done", "pages_read"})
        second = uow.activity.totals(user.id, {"focus_minutes"}, (date(2026, 3, 2), date(2026, 3, 2)))
    assert everything == {"focus_minutes": 35, "habit_logs_done": 0, "pages_read": 0}
    assert second == {"focus_minutes": 15}


def test_ledger_and_level_metrics_come_from_the_wallet_and_ledger(uow, user):
    post(uow, user, 40, "a")
    post(uow, user, -15, "b")
    with uow:
        wallet = uow.wallets.lock(user.id)
        wallet.xp = 300
        uow.wallets.save(wallet)
        uow.commit()
    with uow.read_only():
        totals = uow.activity.totals(user.id, {"points_earned", "level_reached", "streak_days"})
    assert totals == {"points_earned": 25, "level_reached": 3, "streak_days": 0}  # 40 earned, 15 taken back


def definition(condition, threshold, *, active=True, order=0):
    return AchievementDefinition(id=uuid4(), key=f"k-{uuid4().hex[:8]}", title="t", description=None, icon=None,
                                 condition_type=condition, threshold=threshold, reward_points=1, reward_xp=2,
                                 active=active, sort_order=order)


def test_definitions_are_active_ones_of_the_asked_types_in_order(backend, uow):
    later, sooner = definition("focus_minutes", 60, order=2), definition("focus_minutes", 30, order=1)
    for d in (later, sooner, definition("pages_read", 10), definition("focus_minutes", 1, active=False)):
        backend.put_definition(d)
    with uow.read_only():
        assert uow.achievements.definitions({"focus_minutes"}) == [sooner, later]
        assert len(uow.achievements.definitions()) == 3


def test_an_achievement_unlocks_at_most_once(backend, uow, user):
    d = definition("focus_minutes", 1)
    backend.put_definition(d)
    with uow:
        assert uow.achievements.unlock(user.id, Unlocked(d.id, NOW, 1, 2)) is True
        assert uow.achievements.unlock(user.id, Unlocked(d.id, NOW + timedelta(hours=1))) is False
        uow.commit()
    with uow.read_only():
        assert uow.achievements.unlocked(user.id) == {d.id: Unlocked(d.id, NOW, 1, 2)}


def test_quest_progress_rows_are_created_on_lock_and_saved(backend, uow, user):
    quest = UniversalQuest(id=uuid4(), key=None, title="q", description=None, metric="focus_minutes", target=30,
                           period="daily", reward_points=3)
    backend.put_quest(quest)
    backend.put_quest(replace(quest, id=uuid4(), metric="pages_read"))
    with uow:
        assert [q.id for q in uow.universal_quests.active({"focus_minutes"})] == [quest.id]
        progress = uow.quest_progress.lock(user.id, quest.id, "2026-03-04")
        assert progress.progress == 0 and not progress.completed
        progress.advance_to(quest, 31, NOW)
        uow.quest_progress.save(progress)
        uow.commit()
    with uow.read_only():
        stored = uow.quest_progress.for_periods(user.id, {quest.id: "2026-03-04"})
        other_day = uow.quest_progress.for_periods(user.id, {quest.id: "2026-03-05"})
    assert stored[quest.id].progress == 31 and stored[quest.id].completed_at == NOW
    assert stored[quest.id].points_awarded == 3 and other_day == {}


def record(key="k1", at=NOW, fingerprint="f"):
    return IdempotentRecord(key=key, method="POST", path="/x", fingerprint=fingerprint, created_at=at)


def test_an_idempotency_key_is_claimed_once_then_answers_with_the_stored_response(uow, user):
    with uow.read_only():
        assert uow.idempotency.claim(user.id, record(), NOW) is None
        running = uow.idempotency.claim(user.id, record(), NOW)
        uow.idempotency.finish(user.id, "k1", 201, {"id": "x"})
        done = uow.idempotency.claim(user.id, record(), NOW + timedelta(hours=23))
    assert running.status is None and running.fingerprint == "f"
    assert (done.status, done.body) == (201, {"id": "x"})


def test_a_released_or_expired_key_can_be_claimed_again(uow, user):
    with uow.read_only():
        uow.idempotency.claim(user.id, record(), NOW)
        uow.idempotency.release(user.id, "k1")
        assert uow.idempotency.claim(user.id, record(at=NOW), NOW) is None
        uow.idempotency.finish(user.id, "k1", 200, {})
        later = NOW + timedelta(hours=24)
        assert uow.idempotency.claim(user.id, record(at=later, fingerprint="g"), later) is None
        assert uow.idempotency.claim(user.id, record(at=later), later).fingerprint == "g"
