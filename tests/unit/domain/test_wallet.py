"""Levels, and a balance that never goes negative."""
from datetime import datetime, timezone
from uuid import uuid4

import pytest

from domain.errors import InsufficientFunds
from domain.wallet import Source, Wallet, level_for, xp_for_level

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize("xp,level", [(0, 1), (99, 1), (100, 2), (299, 2), (300, 3), (599, 3), (600, 4), (999, 4),
                                      (1000, 5), (4_500, 10), (4_499, 9), (10**9, 4472)])
def test_the_level_table(xp, level):
    assert level_for(xp) == level


def test_each_level_starts_exactly_at_its_threshold():
    for level in range(1, 300):
        assert level_for(xp_for_level(level)) == level
        assert level_for(xp_for_level(level + 1) - 1) == level


def test_a_post_moves_balance_and_xp_and_reports_the_balance_after():
    wallet = Wallet(uuid4(), balance=10, xp=5)
    entry = wallet.post(7, 3, "focus", Source("focus", "s1"), NOW)
    assert (wallet.balance, wallet.xp, entry.balance_after, entry.delta, entry.xp_delta) == (17, 8, 17, 7, 3)


def test_spending_more_than_the_balance_is_refused_and_changes_nothing():
    wallet = Wallet(uuid4(), balance=29, xp=40)
    with pytest.raises(InsufficientFunds):
        wallet.post(-30, 0, "purchase", Source("purchase", "p1"), NOW)
    assert (wallet.balance, wallet.xp) == (29, 40)


def test_spending_exactly_the_balance_leaves_zero():
    wallet = Wallet(uuid4(), balance=30)
    assert wallet.post(-30, 0, "purchase", Source("purchase", "p1"), NOW).balance_after == 0
