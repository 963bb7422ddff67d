"""What a user has earned, each read in one statement: the summary, and achievements with progress.

The summary's parts differ in shape (one wallet, n streaks, a few unlocks with their
definitions), so the streaks and the unlocks come as JSON arrays beside the wallet's columns.
Progress joins each active definition to the user's unlock and its metric's total
(adapters/postgres/metrics.py).
"""
from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID as PgUUID, aggregate_order_by

from adapters.postgres.metrics import event_sums, metric_total, range_params, value
from adapters.postgres.schema import achievement_definitions, user_achievements, user_streaks, user_wallet
from domain.achievements import AchievementDefinition, Unlocked
from domain.streaks import Streak
from domain.wallet import Wallet

_s, _d, _ua, _w = user_streaks.c, achievement_definitions.c, user_achievements.c, user_wallet.c
_U = sa.bindparam("u", type_=PgUUID(as_uuid=True))
_EMPTY = sa.text("'[]'::jsonb")
_DEFINITION = (_d.id, _d.key, _d.title, _d.description, _d.icon, _d.condition_type, _d.threshold, _d.reward_points,
               _d.reward_xp, _d.active, _d.sort_order)
_UNLOCK = (_ua.unlocked_at, _ua.points_awarded.label("unlocked_points"), _ua.xp_awarded.label("unlocked_xp"))

_STREAKS = sa.select(sa.func.coalesce(sa.func.jsonb_agg(aggregate_order_by(sa.func.jsonb_build_object(
    "kind", _s.kind, "current", _s.current_streak, "longest", _s.longest_streak, "last_date", _s.last_date,
    "habit_id", _s.habit_id), _s.kind, _s.habit_id)), _EMPTY)).where(_s.user_id == _U)
_LATEST = (sa.select(*_DEFINITION, *_UNLOCK, _ua.id.label("unlock_id"))
           .join_from(user_achievements, achievement_definitions, _d.id == _ua.achievement_id)
           .where(_ua.user_id == _U).order_by(_ua.unlocked_at.desc(), _ua.id.desc())
           .limit(sa.bindparam("recent")).subquery("latest"))
_RECENT = sa.select(sa.func.coalesce(sa.func.jsonb_agg(aggregate_order_by(
    sa.func.to_jsonb(_LATEST.table_valued()), _LATEST.c.unlocked_at.desc(), _LATEST.c.unlock_id.desc())), _EMPTY)) \
    .where(_LATEST.c.active)
SUMMARY = sa.select(sa.select(_w.balance).where(_w.user_id == _U).scalar_subquery().label("balance"),
                    sa.select(_w.xp).where(_w.user_id == _U).scalar_subquery().label("xp"),
                    _STREAKS.scalar_subquery().label("streaks"), _RECENT.scalar_subquery().label("recent"))
PROGRESS = (sa.select(*_DEFINITION, *_UNLOCK, metric_total(_U, _d.condition_type, event_sums(_U, ("within",)),
                                                           lambda sums: sums.c.within).label("total"))
            .select_from(achievement_definitions.outerjoin(
                user_achievements, sa.and_(_ua.achievement_id == _d.id, _ua.user_id == _U)))
            .where(_d.active).order_by(_d.sort_order, _d.id))


def definition(m) -> AchievementDefinition:
    """From a row's mapping or a JSON object with the definition's columns."""
    return AchievementDefinition(id=UUID(str(m["id"])), key=m["key"], title=m["title"], description=m["description"],
                                 icon=m["icon"], condition_type=m["condition_type"], threshold=m["threshold"],
                                 reward_points=m["reward_points"], reward_xp=m["reward_xp"], active=m["active"],
                                 sort_order=m["sort_order"])


def _unlocked(m, unlocked_at: datetime) -> Unlocked:
    return Unlocked(UUID(str(m["id"])), unlocked_at, m["unlocked_points"], m["unlocked_xp"])


def _streak(j: dict) -> Streak:
    return Streak(kind=j["kind"], current=j["current"], longest=j["longest"],
                  last_date=date.fromisoformat(j["last_date"]) if j["last_date"] else None,
                  habit_id=UUID(j["habit_id"]) if j["habit_id"] else None)


def summary(connection: sa.Connection, user_id, recent: int):
    row = connection.execute(SUMMARY, {"u": user_id, "recent": recent}).one()
    wallet = Wallet(user_id, row.balance or 0, row.xp or 0)
    unlocks = [(definition(j), _unlocked(j, datetime.fromisoformat(j["unlocked_at"]))) for j in row.recent]
    return wallet, [_streak(j) for j in row.streaks], unlocks


def progress(connection: sa.Connection, user_id):
    rows = connection.execute(PROGRESS, {"u": user_id, **range_params("within", None)})
    return [(definition(r._mapping), _unlocked(r._mapping, r.unlocked_at) if r.unlocked_at else None,
             value(r.condition_type, r.total)) for r in rows]
