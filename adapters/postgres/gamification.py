"""Postgres wallet, ledger, activity feed and metrics, achievements, universal-quest progress."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, UUID, insert

from adapters.postgres import standing
from adapters.postgres.metrics import event_sums, metric_total, range_params, value
from adapters.postgres.schema import (achievement_definitions, activity_events, points_ledger, universal_quests,
                                      user_achievements, user_quest_progress, user_wallet)
from domain.achievements import Unlocked
from domain.quests import QuestProgress, UniversalQuest
from domain.wallet import LedgerEntry, Source, Wallet
from ports.outbound.gamification import (AchievementRepository, ActivityRepository, LedgerRepository,
                                         QuestProgressRepository, StreakRepository, UniversalQuestRepository,
                                         WalletRepository)

ENSURE_WALLET = insert(user_wallet).values(user_id=sa.bindparam("u")).on_conflict_do_nothing()
LOCK_WALLET = sa.select(user_wallet.c.balance, user_wallet.c.xp).where(
    user_wallet.c.user_id == sa.bindparam("u")).with_for_update()
GET_WALLET = sa.select(user_wallet.c.balance, user_wallet.c.xp).where(user_wallet.c.user_id == sa.bindparam("u"))
SAVE_WALLET = user_wallet.update().where(user_wallet.c.user_id == sa.bindparam("u")).values(
    balance=sa.bindparam("balance"), xp=sa.bindparam("xp"))
HAS_SOURCE = sa.select(sa.literal(1)).where(
    points_ledger.c.user_id == sa.bindparam("u"), points_ledger.c.source_type == sa.bindparam("t"),
    points_ledger.c.source_id == sa.bindparam("i"))
_U = sa.bindparam("u", type_=UUID(as_uuid=True))
_WANTED = (sa.func.unnest(sa.bindparam("metrics", type_=ARRAY(sa.Text()))).table_valued("metric")
           .render_derived(name="wanted"))
TOTALS = sa.select(_WANTED.c.metric, metric_total(_U, _WANTED.c.metric, event_sums(_U, ("within",)),
                                                  lambda sums: sums.c.within))


class PgWalletRepository(WalletRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def lock(self, user_id):
        self.connection.execute(ENSURE_WALLET, {"u": user_id})
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

    def has(self, user_id, source):
        return self.connection.execute(HAS_SOURCE, {"u": user_id, "t": source.type, "i": source.id}).first() is not None

    def append(self, e):
        self.connection.execute(points_ledger.insert().values(
            id=e.id, user_id=e.user_id, delta=e.delta, xp_delta=e.xp_delta, balance_after=e.balance_after,
            reason=e.reason, source_type=e.source.type, source_id=e.source.id, created_at=e.created_at))

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

    def append(self, e):
        self.connection.execute(activity_events.insert().values(
            id=e.id, user_id=e.user_id, event_type=e.type, subject_type=e.subject_type, subject_id=e.subject_id,
            data={**e.data, "metrics": e.metrics}, occurred_at=e.occurred_at, local_date=e.local_date))

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

    def definitions(self, condition_types=None):
        query = achievement_definitions.select().where(achievement_definitions.c.active)
        if condition_types is not None:
            query = query.where(achievement_definitions.c.condition_type.in_(sorted(condition_types)))
        query = query.order_by(achievement_definitions.c.sort_order, achievement_definitions.c.id)
        return [standing.definition(r._mapping) for r in self.connection.execute(query)]

    def unlocked(self, user_id):
        rows = self.connection.execute(user_achievements.select().where(user_achievements.c.user_id == user_id))
        return {r.achievement_id: Unlocked(r.achievement_id, r.unlocked_at, r.points_awarded, r.xp_awarded)
                for r in rows}

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

    def lock(self, user_id, quest_id, period_key):
        self.connection.execute(insert(user_quest_progress).values(
            user_id=user_id, quest_id=quest_id, period_key=period_key).on_conflict_do_nothing(
            index_elements=["user_id", "quest_id", "period_key"]))
        row = self.connection.execute(user_quest_progress.select().where(
            user_quest_progress.c.user_id == user_id, user_quest_progress.c.quest_id == quest_id,
            user_quest_progress.c.period_key == period_key).with_for_update()).one()
        return _progress(row)

    def save(self, p):
        self.connection.execute(user_quest_progress.update().where(
            user_quest_progress.c.user_id == p.user_id, user_quest_progress.c.quest_id == p.quest_id,
            user_quest_progress.c.period_key == p.period_key).values(
            progress=p.progress, completed_at=p.completed_at, points_awarded=p.points_awarded,
            xp_awarded=p.xp_awarded))

    def for_periods(self, user_id, keys):
        if not keys:
            return {}
        pairs = [sa.and_(user_quest_progress.c.quest_id == qid, user_quest_progress.c.period_key == key)
                 for qid, key in keys.items()]
        rows = self.connection.execute(user_quest_progress.select().where(
            user_quest_progress.c.user_id == user_id, sa.or_(*pairs)))
        return {r.quest_id: _progress(r) for r in rows}
