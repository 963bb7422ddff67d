"""Postgres wallet, ledger, activity feed and metrics, achievements, universal-quest progress."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, UUID, insert

from adapters.postgres import standing
from adapters.postgres.metrics import event_sums, metric_total, range_params, value
from adapters.postgres.schema import (activity_events, points_ledger, universal_quests, user_achievements,
                                      user_quest_progress, user_wallet)
from domain.quests import QuestProgress, UniversalQuest
from domain.wallet import LedgerEntry, Source, Wallet
from ports.outbound.gamification import (AchievementRepository, ActivityRepository, LedgerRepository,
                                         QuestProgressRepository, StreakRepository, UniversalQuestRepository,
                                         WalletRepository)

_NEW_WALLET = insert(user_wallet).values(user_id=sa.bindparam("u"))
# One statement creates the wallet when missing and locks it: ON CONFLICT DO UPDATE takes the row lock.
LOCK_WALLET = _NEW_WALLET.on_conflict_do_update(
    index_elements=[user_wallet.c.user_id], set_={"user_id": _NEW_WALLET.excluded.user_id}).returning(
    user_wallet.c.balance, user_wallet.c.xp)
GET_WALLET = sa.select(user_wallet.c.balance, user_wallet.c.xp).where(user_wallet.c.user_id == sa.bindparam("u"))
SAVE_WALLET = user_wallet.update().where(user_wallet.c.user_id == sa.bindparam("u")).values(
    balance=sa.bindparam("balance"), xp=sa.bindparam("xp"))
_U = sa.bindparam("u", type_=UUID(as_uuid=True))
_TEXTS = ARRAY(sa.Text())


def _pairs(first: str, second: str, first_type=_TEXTS) -> sa.Select:
    """Rows (a, b) from two bound arrays of equal length."""
    pairs = sa.func.unnest(sa.bindparam(first, type_=first_type), sa.bindparam(second, type_=_TEXTS)) \
        .table_valued("a", "b").render_derived(name="pairs")
    return sa.select(pairs.c.a, pairs.c.b)


_l, _p = points_ledger.c, user_quest_progress.c
SEEN = sa.select(_l.source_type, _l.source_id).where(
    _l.user_id == _U, sa.tuple_(_l.source_type, _l.source_id).in_(_pairs("types", "ids")))
_QUEST_KEYS = _pairs("quests", "keys", ARRAY(UUID(as_uuid=True)))
ENSURE_PROGRESS = insert(user_quest_progress).from_select(
    ["user_id", "quest_id", "period_key"], sa.select(_U, *_QUEST_KEYS.selected_columns)).on_conflict_do_nothing(
    index_elements=["user_id", "quest_id", "period_key"])
LOCK_PROGRESS = (user_quest_progress.select()
                 .where(_p.user_id == _U, sa.tuple_(_p.quest_id, _p.period_key).in_(_QUEST_KEYS))
                 .order_by(_p.quest_id).with_for_update())
SAVE_PROGRESS = user_quest_progress.update().where(
    _p.user_id == sa.bindparam("u"), _p.quest_id == sa.bindparam("q"), _p.period_key == sa.bindparam("k")).values(
    **{name: sa.bindparam(f"b_{name}") for name in ("progress", "completed_at", "points_awarded", "xp_awarded")})
_WANTED = (sa.func.unnest(sa.bindparam("metrics", type_=ARRAY(sa.Text()))).table_valued("metric")
           .render_derived(name="wanted"))
TOTALS = sa.select(_WANTED.c.metric, metric_total(_U, _WANTED.c.metric, event_sums(_U, ("within",)),
                                                  lambda sums: sums.c.within))


class PgWalletRepository(WalletRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def lock(self, user_id):
        row = self.connection.execute(LOCK_WALLET, {"u": user_id}).one()
        return Wallet(user_id, row.balance, row.xp)

    def get(self, user_id):
        row = self.connection.execute(GET_WALLET, {"u": user_id}).first()
        return Wallet(user_id, row.balance, row.xp) if row else Wallet(user_id)

    def save(self, wallet):
        self.connection.execute(SAVE_WALLET, {"u": wallet.user_id, "balance": wallet.balance, "xp": wallet.xp})


class PgLedgerRepository(LedgerRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def seen(self, user_id, sources):
        if not sources:
            return set()
        rows = self.connection.execute(SEEN, {"u": user_id, "types": [s.type for s in sources],
                                              "ids": [s.id for s in sources]})
        return {Source(t, i) for t, i in rows}

    def append(self, *entries):
        self.connection.execute(points_ledger.insert(), [dict(
            id=e.id, user_id=e.user_id, delta=e.delta, xp_delta=e.xp_delta, balance_after=e.balance_after,
            reason=e.reason, source_type=e.source.type, source_id=e.source.id, created_at=e.created_at)
            for e in entries])

    def page(self, user_id, request):
        query = points_ledger.select().where(points_ledger.c.user_id == user_id)
        if request.after is not None:
            query = query.where(sa.tuple_(points_ledger.c.created_at, points_ledger.c.id) < request.after)
        rows = self.connection.execute(query.order_by(points_ledger.c.created_at.desc(), points_ledger.c.id.desc())
                                       .limit(request.limit + 1))
        return [LedgerEntry(id=r.id, user_id=r.user_id, delta=r.delta, xp_delta=r.xp_delta,
                            balance_after=r.balance_after, reason=r.reason, source=Source(r.source_type, r.source_id),
                            created_at=r.created_at) for r in rows]


class PgActivityRepository(ActivityRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def append(self, *events):
        self.connection.execute(activity_events.insert(), [dict(
            id=e.id, user_id=e.user_id, event_type=e.type, subject_type=e.subject_type, subject_id=e.subject_id,
            data={**e.data, "metrics": e.metrics}, occurred_at=e.occurred_at, local_date=e.local_date)
            for e in events])

    def totals(self, user_id, metrics, dates=None):
        if not metrics:
            return {}
        rows = self.connection.execute(TOTALS, {"u": user_id, "metrics": sorted(metrics),
                                                **range_params("within", dates)})
        return {metric: value(metric, total) for metric, total in rows}


class PgStreakRepository(StreakRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def summary(self, user_id, recent):
        return standing.summary(self.connection, user_id, recent)


class PgAchievementRepository(AchievementRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def unlock(self, user_id, unlocked):
        done = self.connection.execute(insert(user_achievements).values(
            user_id=user_id, achievement_id=unlocked.achievement_id, unlocked_at=unlocked.unlocked_at,
            points_awarded=unlocked.points_awarded, xp_awarded=unlocked.xp_awarded)
            .on_conflict_do_nothing(index_elements=["user_id", "achievement_id"])
            .returning(user_achievements.c.id))
        return done.first() is not None  # rowcount is not reliable for INSERT … ON CONFLICT here

    def progress(self, user_id):
        return standing.progress(self.connection, user_id)


class PgUniversalQuestRepository(UniversalQuestRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def active(self, metrics=None):
        query = universal_quests.select().where(universal_quests.c.active)
        if metrics is not None:
            query = query.where(universal_quests.c.metric.in_(sorted(metrics)))
        rows = self.connection.execute(query.order_by(universal_quests.c.sort_order, universal_quests.c.id))
        return [UniversalQuest(id=r.id, key=r.key, title=r.title, description=r.description, metric=r.metric,
                               target=r.target, period=r.period, reward_points=r.reward_points,
                               reward_xp=r.reward_xp, active=r.active, sort_order=r.sort_order) for r in rows]


def _progress(r) -> QuestProgress:
    return QuestProgress(quest_id=r.quest_id, user_id=r.user_id, period_key=r.period_key, progress=r.progress,
                         completed_at=r.completed_at, points_awarded=r.points_awarded, xp_awarded=r.xp_awarded)


class PgQuestProgressRepository(QuestProgressRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def lock(self, user_id, keys):
        if not keys:
            return {}
        params = {"u": user_id, "quests": list(keys), "keys": list(keys.values())}
        self.connection.execute(ENSURE_PROGRESS, params)
        return {r.quest_id: _progress(r) for r in self.connection.execute(LOCK_PROGRESS, params)}

    def save(self, *progress):
        if progress:
            self.connection.execute(SAVE_PROGRESS, [
                {"u": p.user_id, "q": p.quest_id, "k": p.period_key, "b_progress": p.progress,
                 "b_completed_at": p.completed_at, "b_points_awarded": p.points_awarded, "b_xp_awarded": p.xp_awarded}
                for p in progress])
