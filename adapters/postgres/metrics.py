"""A user's metrics inside one SQL statement, so that a read needing many of them stays one statement.

The meaning is ActivityRepository.totals': an event metric sums `data->'metrics'` of the
user's activity events (within local dates when given); points and XP earned sum the ledger
(all time; spending is not unearning); a level is read as the wallet's XP, which `value`
turns into the level; a streak is the longest current one in the cache.

`event_sums` passes over the user's events once, summing each metric key for every named
range of dates (bind parameters `<name>_first` and `<name>_last`; both NULL: all time);
`metric_total` picks one metric's raw total, from those sums or from the ledger and caches.
"""
from __future__ import annotations

from typing import Callable

import sqlalchemy as sa

from adapters.postgres.schema import activity_events, points_ledger, user_streaks, user_wallet
from domain.wallet import level_for

_e, _l = activity_events.c, points_ledger.c
_m = sa.func.jsonb_each_text(_e.data["metrics"]).table_valued("key", "value").alias("m")


def dates(name: str) -> dict[str, sa.BindParameter]:
    return {edge: sa.bindparam(f"{name}_{edge}", type_=sa.Date()) for edge in ("first", "last")}


def event_sums(user, ranges: tuple[str, ...]) -> sa.CTE:
    """Per metric key of the user's events, one sum column for each named range of local dates."""
    amount = sa.cast(_m.c.value, sa.BigInteger)
    sums = []
    for name in ranges:
        first, last = dates(name).values()
        within = sa.or_(first.is_(None), _e.local_date.between(first, last))
        sums.append(sa.func.coalesce(sa.func.sum(amount).filter(within), 0).label(name))
    return (sa.select(_m.c.key, *sums).select_from(activity_events.join(_m, sa.true()))
            .where(_e.user_id == user).group_by(_m.c.key).cte("event_sums"))


def metric_total(user, metric, sums: sa.CTE, pick: Callable[[sa.CTE], sa.ColumnElement]) -> sa.ColumnElement:
    """The raw total of `metric` (an SQL expression); `pick(sums)` chooses the sum column of its range."""
    events = sa.select(pick(sums)).where(sums.c.key == metric).scalar_subquery()
    points = sa.select(sa.func.coalesce(sa.func.sum(_l.delta).filter(_l.source_type != "purchase"), 0)) \
        .where(_l.user_id == user)
    xp_earned = sa.select(sa.func.coalesce(sa.func.sum(_l.xp_delta), 0)).where(_l.user_id == user)
    xp_now = sa.select(sa.func.coalesce(sa.func.max(user_wallet.c.xp), 0)).where(user_wallet.c.user_id == user)
    streak = sa.select(sa.func.coalesce(sa.func.max(user_streaks.c.current_streak), 0)) \
        .where(user_streaks.c.user_id == user)
    return sa.case((metric == "points_earned", points.scalar_subquery()),
                   (metric == "xp_earned", xp_earned.scalar_subquery()),
                   (metric == "level_reached", xp_now.scalar_subquery()),
                   (metric == "streak_days", streak.scalar_subquery()),
                   else_=sa.func.coalesce(events, 0))


def range_params(name: str, first_last: tuple | None) -> dict:
    first, last = first_last if first_last is not None else (None, None)
    return {f"{name}_first": first, f"{name}_last": last}


def value(metric: str, total) -> int:
    """The metric's value from its raw total."""
    return level_for(int(total)) if metric == "level_reached" else int(total)
