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
from domain.days import PERIODS, period_dates, period_key
from domain.quests import UniversalQuest, UserQuest
from domain.streaks import Streak
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


def test_the_ledger_takes_several_entries_at_once_and_refuses_a_seen_source(uow, user):
    with uow:
        wallet = uow.wallets.lock(user.id)
        first, second = (wallet.post(2, 1, "test", Source("test", name), NOW) for name in ("a", "b"))
        uow.ledger.append(first, second)
        uow.commit()
    with uow.read_only():
        assert [e.id for e in uow.ledger.page(user.id, PageRequest())] == sorted([first.id, second.id], reverse=True)
    with pytest.raises(Exception):
        with uow:
            uow.ledger.append(replace(first, id=uuid4()))


def test_the_ledger_knows_its_sources_and_pages_newest_first(uow, user):
    entries = [post(uow, user, 5, f"s{n}", NOW + timedelta(minutes=n)) for n in range(5)]
    with uow.read_only():
        assert uow.ledger.seen(user.id, [Source("test", "s3"), Source("test", "x"), Source("other", "s1")]) == \
            {Source("test", "s3")}
        assert uow.ledger.seen(user.id, []) == set()
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


def test_progress_lists_the_active_definitions_in_display_order(backend, uow):
    later, sooner = definition("focus_minutes", 60, order=2), definition("focus_minutes", 30, order=1)
    for d in (later, sooner, definition("pages_read", 10), definition("focus_minutes", 1, active=False)):
        backend.put_definition(d)
    with uow.read_only():
        assert [d for d, _, _ in uow.achievements.progress(uuid4())][1:] == [sooner, later]


def test_an_achievement_unlocks_at_most_once(backend, uow, user):
    d = definition("focus_minutes", 1)
    backend.put_definition(d)
    with uow:
        assert uow.achievements.unlock(user.id, Unlocked(d.id, NOW, 1, 2)) is True
        assert uow.achievements.unlock(user.id, Unlocked(d.id, NOW + timedelta(hours=1))) is False
        uow.commit()
    with uow.read_only():
        assert [(found, unlocked) for found, unlocked, _ in uow.achievements.progress(user.id)] == \
            [(d, Unlocked(d.id, NOW, 1, 2))]


def unlock(uow, user, *unlocks):
    with uow:
        for unlocked in unlocks:
            uow.achievements.unlock(user.id, unlocked)
        uow.commit()


def test_a_summary_holds_the_wallet_the_streaks_and_the_latest_active_unlocks(backend, uow, user):
    first, retired, last = definition("focus_minutes", 1), definition("pages_read", 1, active=False), \
        definition("level_reached", 2, order=5)
    for d in (first, retired, last):
        backend.put_definition(d)
    with uow.read_only():
        assert uow.streaks.summary(user.id, 5) == (Wallet(user.id), [], [])
    post(uow, user, 7, "gift")
    unlock(uow, user, Unlocked(first.id, NOW, 1, 2), Unlocked(retired.id, NOW + timedelta(hours=1)),
           Unlocked(last.id, NOW + timedelta(hours=2), 0, 9))
    with uow:
        uow.habits.save_streaks(user.id, [Streak("focus", 3, 4, date(2026, 3, 3)), Streak("activity", 1, 1, NOW.date())],
                                NOW)
        uow.commit()
    with uow.read_only():
        wallet, streaks, latest = uow.streaks.summary(user.id, 5)
        assert uow.streaks.summary(user.id, 2)[2] == [(last, Unlocked(last.id, NOW + timedelta(hours=2), 0, 9))]
    assert wallet.balance == 7
    assert streaks == [Streak("activity", 1, 1, NOW.date()), Streak("focus", 3, 4, date(2026, 3, 3))]
    assert latest == [(last, Unlocked(last.id, NOW + timedelta(hours=2), 0, 9)), (first, Unlocked(first.id, NOW, 1, 2))]


def test_progress_gives_each_active_definition_its_unlock_and_its_metric(backend, uow, user):
    focus, level = definition("focus_minutes", 60, order=1), definition("level_reached", 5, order=2)
    for d in (level, focus, definition("pages_read", 1, active=False)):
        backend.put_definition(d)
    with uow:
        for e in (event(user, date(2026, 3, 1), focus_minutes=20), event(user, date(2026, 3, 2), focus_minutes=15)):
            uow.activity.append(e)
        wallet = uow.wallets.lock(user.id)
        wallet.xp = 300
        uow.wallets.save(wallet)
        uow.commit()
    unlock(uow, user, Unlocked(focus.id, NOW, 1, 2))
    with uow.read_only():
        assert uow.achievements.progress(user.id) == [(focus, Unlocked(focus.id, NOW, 1, 2), 35), (level, None, 3)]


def test_quest_progress_rows_are_created_on_lock_and_saved(backend, uow, user):
    quest = UniversalQuest(id=uuid4(), key=None, title="q", description=None, metric="focus_minutes", target=30,
                           period="daily", reward_points=3)
    backend.put_quest(quest)
    backend.put_quest(replace(quest, id=uuid4(), metric="pages_read"))
    with uow:
        assert [q.id for q in uow.universal_quests.active({"focus_minutes"})] == [quest.id]
        assert uow.quest_progress.lock(user.id, {}) == {}
        locked = uow.quest_progress.lock(user.id, {quest.id: "2026-03-04"})
        progress = locked[quest.id]
        assert list(locked) == [quest.id] and progress.progress == 0 and not progress.completed
        progress.advance_to(quest, 31, NOW)
        uow.quest_progress.save(progress)
        uow.commit()
    with uow.read_only():
        stored = stored_of(uow, user, quest, date(2026, 3, 4))
        other_day = stored_of(uow, user, quest, date(2026, 3, 5))
    assert stored.progress == 31 and stored.completed_at == NOW
    assert stored.points_awarded == 3 and other_day is None


def periods_of(day: date) -> dict:
    return {p: (period_key(p, day), period_dates(p, day)) for p in PERIODS}


def stored_of(uow, user, quest, day: date):
    """The user's stored progress of the quest, as the board of that day shows it."""
    return {q.id: stored for q, _, stored in uow.quests.board(user.id, PageRequest(), periods_of(day))[0]}[quest.id]


def test_the_board_totals_each_universal_quest_in_its_period_beside_the_own_page(backend, uow, user):
    quests = [UniversalQuest(id=uuid4(), key=None, title=period, description=None, metric="focus_minutes",
                             target=100, period=period, sort_order=n) for n, period in enumerate(PERIODS)]
    earned = UniversalQuest(id=uuid4(), key=None, title="earned", description=None, metric="points_earned",
                            target=5, period="daily", sort_order=9)
    for quest in (*quests, earned, replace(earned, id=uuid4(), active=False)):
        backend.put_quest(quest)
    wednesday = date(2026, 3, 4)
    with uow:
        for day, minutes in ((wednesday, 10), (date(2026, 3, 2), 20), (date(2026, 2, 20), 40)):
            uow.activity.append(event(user, day, focus_minutes=minutes))
        uow.quests.add(UserQuest.create(user.id, "mine", 3, NOW))
        uow.commit()
    post(uow, user, 4, "gift")
    with uow.read_only():
        universal, own = uow.quests.board(user.id, PageRequest(), periods_of(wednesday))
        later_page = uow.quests.board(user.id, PageRequest(), None)
    assert [(q.title, total, stored) for q, total, stored in universal] == [
        ("daily", 10, None), ("weekly", 30, None), ("once", 70, None), ("earned", 4, None)]
    assert [q.title for q in own] == ["mine"] and later_page == ([], own)


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
