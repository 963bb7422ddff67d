"""Market items, personal rewards and purchases: plain objects, no fakes."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import Conflict, InvalidInput, NotFound
from domain.market import ITEM_KEY, PURCHASE_KEY, MarketItem, check_after
from domain.paging import PageRequest

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
ADA, BOB = uuid4(), uuid4()


def catalog_item(**fields) -> MarketItem:
    return MarketItem(**{"id": uuid4(), "name": "Movie night", "cost": 30, "created_at": NOW, **fields})


def test_a_personal_reward_belongs_to_its_owner():
    item = MarketItem.personal(ADA, name="Ice cream", cost=25, description="Two scoops", now=NOW)
    assert (item.user_id, item.name, item.cost, item.description, item.created_at) == \
        (ADA, "Ice cream", 25, "Two scoops", NOW)
    assert item.personal_reward and item.active


@pytest.mark.parametrize("name,cost,description,field", [
    ("", 10, None, "name"), ("x" * 201, 10, None, "name"), ("Cake", 0, None, "cost"),
    ("Cake", 1_000_001, None, "cost"), ("Cake", True, None, "cost"), ("Cake", 10, "d" * 20_001, "description"),
])
def test_a_personal_reward_out_of_bounds_is_refused_naming_the_field(name, cost, description, field):
    with pytest.raises(InvalidInput) as refused:
        MarketItem.personal(ADA, name=name, cost=cost, description=description, now=NOW)
    assert field in refused.value.details["fields"]


def test_the_limits_themselves_are_allowed():
    item = MarketItem.personal(ADA, name="x" * 200, cost=1_000_000, description="d" * 20_000, now=NOW)
    assert item.cost == 1_000_000


def test_the_catalog_is_visible_to_everyone_and_a_personal_reward_to_its_owner_only():
    reward = MarketItem.personal(ADA, name="Nap", cost=5, description=None, now=NOW)
    assert catalog_item().visible_to(ADA) and catalog_item().visible_to(BOB)
    assert reward.visible_to(ADA) and not reward.visible_to(BOB)


def test_an_inactive_item_is_visible_to_nobody():
    assert not catalog_item(active=False).visible_to(ADA)


def test_a_sale_copies_the_name_and_the_price_at_that_moment():
    item = catalog_item(cost=40)
    bought = item.sell_to(ADA, NOW)
    item.name, item.cost = "Renamed", 99
    assert (bought.user_id, bought.item_id, bought.item_name, bought.cost, bought.status, bought.created_at) == \
        (ADA, item.id, "Movie night", 40, "purchased", NOW)
    assert bought.redeemed_at is None


@pytest.mark.parametrize("item", [catalog_item(active=False), catalog_item(user_id=BOB)])
def test_an_item_one_cannot_see_cannot_be_bought(item):
    with pytest.raises(NotFound):
        item.sell_to(ADA, NOW)


def test_a_purchase_is_redeemed_once_with_its_time():
    bought = catalog_item().sell_to(ADA, NOW)
    bought.redeem(NOW + timedelta(hours=1))
    assert (bought.status, bought.redeemed_at) == ("redeemed", NOW + timedelta(hours=1))
    with pytest.raises(Conflict):
        bought.redeem(NOW + timedelta(hours=2))
    assert bought.redeemed_at == NOW + timedelta(hours=1)


def test_a_refunded_purchase_cannot_be_redeemed():
    bought = catalog_item().sell_to(ADA, NOW)
    bought.status = "refunded"
    with pytest.raises(Conflict):
        bought.redeem(NOW)


def test_items_sort_by_order_then_creation_then_id():
    early, late = catalog_item(sort_order=1, created_at=NOW), catalog_item(sort_order=1, created_at=NOW + timedelta(1))
    first = catalog_item(sort_order=0, created_at=NOW + timedelta(days=5))
    assert sorted([late, early, first], key=lambda i: i.sort_key) == [first, early, late]


@pytest.mark.parametrize("after,shape", [
    ((0, NOW, uuid4()), ITEM_KEY), ((NOW, uuid4()), PURCHASE_KEY), (None, ITEM_KEY),
])
def test_a_cursor_of_the_lists_own_shape_is_accepted(after, shape):
    check_after(PageRequest(after=after), shape)


@pytest.mark.parametrize("after,shape", [
    ((NOW, uuid4()), ITEM_KEY), ((0, NOW, uuid4()), PURCHASE_KEY), (("0", NOW, uuid4()), ITEM_KEY),
    ((2**40, NOW, uuid4()), ITEM_KEY), ((0, NOW.replace(tzinfo=None), uuid4()), ITEM_KEY),
    ((NOW, "not-a-uuid"), PURCHASE_KEY),
])
def test_a_cursor_of_another_shape_is_invalid_input(after, shape):
    with pytest.raises(InvalidInput) as refused:
        check_after(PageRequest(after=after), shape)
    assert "cursor" in refused.value.details["fields"]
