"""One suite for the market repository, against the fake and Postgres."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from uuid import uuid4

from domain.market import MarketItem, Purchase
from domain.paging import PageRequest
from domain.users import User
from tests.support.users import stored_user

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)


def new_user(uow, email="ada@example.com") -> User:
    return stored_user(uow, NOW, email)


def add_items(uow, *items: MarketItem) -> None:
    with uow:
        for item in items:
            uow.market.add_item(item)
        uow.commit()


def catalog(name="Movie night", cost=30, at=NOW, **fields) -> MarketItem:
    return MarketItem(id=uuid4(), name=name, cost=cost, created_at=at, **fields)


def purchased(uow, user) -> Purchase:
    """A catalog item bought by `user` at NOW, committed."""
    item = catalog()
    add_items(uow, item)
    bought = item.sell_to(user.id, NOW)
    with uow:
        uow.market.add_purchase(bought)
        uow.commit()
    return bought


def test_an_item_reads_back_as_written(uow):
    ada = new_user(uow)
    item = catalog(key="movie", description="Pick the film", category="fun", icon="🎬", sort_order=3)
    reward = MarketItem.personal(ada.id, name="Nap", cost=5, description=None, now=NOW)
    add_items(uow, item, reward)
    with uow.read_only():
        assert uow.market.get_item(item.id) == item
        assert uow.market.get_item(reward.id) == reward
        assert uow.market.get_item(uuid4()) is None


def test_an_inactive_or_foreign_item_is_still_found_by_id(uow):
    bob = new_user(uow, "bob@example.com")
    hidden, foreign = catalog(active=False), MarketItem.personal(bob.id, name="Bobs", cost=5, description=None, now=NOW)
    add_items(uow, hidden, foreign)
    with uow.read_only():
        assert uow.market.get_item(hidden.id).active is False
        assert uow.market.get_item(foreign.id).user_id == bob.id


def test_the_list_holds_the_active_catalog_and_the_users_own_rewards_only(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    shared, hidden = catalog(), catalog(name="Retired", active=False)
    mine = MarketItem.personal(ada.id, name="Mine", cost=5, description=None, now=NOW)
    theirs = MarketItem.personal(bob.id, name="Theirs", cost=5, description=None, now=NOW)
    add_items(uow, shared, hidden, mine, theirs)
    with uow.read_only():
        assert {i.id for i in uow.market.items_page(ada.id, PageRequest())} == {shared.id, mine.id}
        assert {i.id for i in uow.market.items_page(bob.id, PageRequest())} == {shared.id, theirs.id}


def test_items_are_ordered_by_sort_order_then_creation_then_id_and_continue_after_a_key(uow):
    ada = new_user(uow)
    items = [catalog(name=f"I{n}", sort_order=n % 3, at=NOW + timedelta(seconds=n % 2)) for n in range(9)]
    add_items(uow, *items)
    expected = sorted(items, key=lambda i: i.sort_key)
    with uow.read_only():
        first = uow.market.items_page(ada.id, PageRequest(limit=4))
        rest = uow.market.items_page(ada.id, PageRequest(limit=4, after=first[3].sort_key))
    assert [i.id for i in first] == [i.id for i in expected[:5]]  # limit + 1
    assert [i.id for i in rest] == [i.id for i in expected[4:]]


def test_a_purchase_reads_back_for_its_owner_only(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    bought = purchased(uow, ada)
    with uow:
        assert uow.market.lock_purchase(bought.id, ada.id) == bought
        assert uow.market.lock_purchase(bought.id, bob.id) is None
        assert uow.market.lock_purchase(uuid4(), ada.id) is None


def test_a_redeemed_purchase_is_saved_with_its_time(uow):
    ada = new_user(uow)
    bought = purchased(uow, ada)
    with uow:
        locked = uow.market.lock_purchase(bought.id, ada.id)
        locked.redeem(NOW + timedelta(hours=1))
        uow.market.save_purchase(locked)
        uow.commit()
    with uow:
        assert uow.market.lock_purchase(bought.id, ada.id) == replace(
            bought, status="redeemed", redeemed_at=NOW + timedelta(hours=1))


def test_an_uncommitted_purchase_is_not_kept(uow):
    ada = new_user(uow)
    item = catalog()
    add_items(uow, item)
    with uow:
        uow.market.add_purchase(item.sell_to(ada.id, NOW))
    with uow.read_only():
        assert uow.market.purchases_page(ada.id, PageRequest()) == []


def test_purchases_are_the_users_own_newest_first_and_continue_after_a_key(uow):
    ada, bob = new_user(uow), new_user(uow, "bob@example.com")
    item = catalog()
    add_items(uow, item)
    mine = [item.sell_to(ada.id, NOW + timedelta(minutes=n // 2)) for n in range(5)]
    with uow:
        for bought in [*mine, item.sell_to(bob.id, NOW)]:
            uow.market.add_purchase(bought)
        uow.commit()
    expected = sorted(mine, key=lambda p: p.sort_key, reverse=True)
    with uow.read_only():
        first = uow.market.purchases_page(ada.id, PageRequest(limit=2))
        rest = uow.market.purchases_page(ada.id, PageRequest(limit=2, after=first[1].sort_key))
    assert [p.id for p in first] == [p.id for p in expected[:3]]
    assert [p.id for p in rest] == [p.id for p in expected[2:5]]
