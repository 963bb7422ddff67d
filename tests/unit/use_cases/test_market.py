"""Market use cases on the fake unit of work and a fixed clock."""
import copy
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import Conflict, InsufficientFunds, NotFound
from domain.market import MarketItem
from domain.paging import PageRequest
from domain.users import User
from domain.wallet import Source
from ports.inbound import market, rewards

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


def person(uow, email="ada@example.com") -> User:
    user = User.register(email=email, email_verified=True, name="Ada", now=NOW)
    uow.tables["users"][user.id] = user
    return user


@pytest.fixture
def ada(uow):
    return person(uow)


def give(uow, user, points):
    with uow:
        rewards.post(uow, user.id, points=points, xp=0, reason="Test grant", source=Source("test", str(uuid4())),
                     now=NOW)
        uow.commit()
    uow.committed = False


def catalog(uow, name="Movie night", cost=30, **fields) -> MarketItem:
    item = MarketItem(id=uuid4(), name=name, cost=cost, created_at=NOW, **fields)
    uow.tables["market_items"][item.id] = item
    return item


def test_a_purchase_debits_the_cost_in_one_ledger_row(uow, clock, ada):
    give(uow, ada, 100)
    item = catalog(uow, cost=30)
    bought = market.purchase(uow, clock, user=ada, item_id=item.id)
    assert uow.committed
    entry = uow.tables["ledger"][(ada.id, Source("purchase", str(bought.id)))]
    assert (entry.delta, entry.xp_delta, entry.balance_after, entry.reason, entry.created_at) == \
        (-30, 0, 70, "Purchase: Movie night", NOW)
    assert uow.tables["wallets"][ada.id].balance == 70
    assert uow.tables["user_purchases"][bought.id] == bought
    assert (bought.item_id, bought.item_name, bought.cost, bought.status) == (item.id, "Movie night", 30, "purchased")


def test_a_purchase_records_a_purchased_event_on_the_users_day(uow, clock, ada):
    ada.timezone = "Pacific/Honolulu"  # 09:30 UTC is 23:30 of the day before there
    give(uow, ada, 50)
    bought = market.purchase(uow, clock, user=ada, item_id=catalog(uow).id)
    (event,) = [e for e in uow.tables["activity"].values() if e.type == "market.purchased"]
    assert (event.metrics, event.local_date, event.data["purchase_id"]) == \
        ({"purchases_made": 1}, NOW.date() - timedelta(days=1), str(bought.id))


def test_without_enough_points_nothing_changes(uow, clock, ada):
    give(uow, ada, 20)
    item = catalog(uow, cost=30)
    before = copy.deepcopy(dict(uow.tables))
    with pytest.raises(InsufficientFunds):
        market.purchase(uow, clock, user=ada, item_id=item.id)
    assert not uow.committed
    assert dict(uow.tables) == before


def test_the_whole_balance_can_be_spent(uow, clock, ada):
    give(uow, ada, 30)
    market.purchase(uow, clock, user=ada, item_id=catalog(uow, cost=30).id)
    assert uow.tables["wallets"][ada.id].balance == 0


@pytest.mark.parametrize("make", [
    lambda uow, owner: uuid4(),
    lambda uow, owner: catalog(uow, active=False).id,
    lambda uow, owner: catalog(uow, user_id=owner.id).id,
], ids=["missing", "inactive", "someone_elses_reward"])
def test_an_item_one_cannot_see_is_not_found_and_nothing_is_spent(uow, clock, ada, make):
    give(uow, ada, 100)
    item_id = make(uow, person(uow, "bob@example.com"))
    with pytest.raises(NotFound):
        market.purchase(uow, clock, user=ada, item_id=item_id)
    assert uow.tables["wallets"][ada.id].balance == 100 and not uow.tables["user_purchases"]


def test_a_personal_reward_is_listed_for_its_owner_only(uow, clock, ada):
    bob = person(uow, "bob@example.com")
    shared = catalog(uow)
    reward = market.create_reward(uow, clock, user=ada, name="Ice cream", cost=25, description=None)
    assert uow.committed
    ada_sees = market.list_items(uow, user=ada, request=PageRequest()).items
    bob_sees = market.list_items(uow, user=bob, request=PageRequest()).items
    assert {i.id for i in ada_sees} == {shared.id, reward.id}
    assert [i.id for i in bob_sees] == [shared.id]


def test_a_personal_reward_is_paid_with_the_owners_points(uow, clock, ada):
    give(uow, ada, 40)
    reward = market.create_reward(uow, clock, user=ada, name="Ice cream", cost=25)
    market.purchase(uow, clock, user=ada, item_id=reward.id)
    assert uow.tables["wallets"][ada.id].balance == 15


def test_items_come_in_pages_that_continue_after_the_last_one(uow, clock, ada):
    items = [catalog(uow, name=f"Item {n}", sort_order=n % 3) for n in range(7)]
    expected = [i.id for i in sorted(items, key=lambda i: i.sort_key)]
    first = market.list_items(uow, user=ada, request=PageRequest(limit=4))
    rest = market.list_items(uow, user=ada, request=PageRequest(limit=4, after=first.next_after))
    assert [i.id for i in first.items + rest.items] == expected and rest.next_after is None


def test_purchases_are_listed_newest_first(uow, clock, ada):
    give(uow, ada, 100)
    item = catalog(uow, cost=10)
    first = market.purchase(uow, clock, user=ada, item_id=item.id)
    clock.advance(timedelta(minutes=1))
    second = market.purchase(uow, clock, user=ada, item_id=item.id)
    page = market.list_purchases(uow, user=ada, request=PageRequest(limit=1))
    rest = market.list_purchases(uow, user=ada, request=PageRequest(limit=1, after=page.next_after))
    assert [p.id for p in page.items + rest.items] == [second.id, first.id]


def test_a_purchase_is_redeemed_once(uow, clock, ada):
    give(uow, ada, 30)
    bought = market.purchase(uow, clock, user=ada, item_id=catalog(uow).id)
    uow.committed = False
    clock.advance(timedelta(hours=2))
    redeemed = market.redeem(uow, clock, user=ada, purchase_id=bought.id)
    assert uow.committed
    assert (redeemed.status, redeemed.redeemed_at) == ("redeemed", NOW + timedelta(hours=2))
    assert uow.tables["user_purchases"][bought.id].status == "redeemed"
    with pytest.raises(Conflict):
        market.redeem(uow, clock, user=ada, purchase_id=bought.id)
    assert uow.tables["user_purchases"][bought.id].redeemed_at == NOW + timedelta(hours=2)


def test_someone_elses_purchase_cannot_be_redeemed(uow, clock, ada):
    give(uow, ada, 30)
    bought = market.purchase(uow, clock, user=ada, item_id=catalog(uow).id)
    with pytest.raises(NotFound):
        market.redeem(uow, clock, user=person(uow, "bob@example.com"), purchase_id=bought.id)
    assert uow.tables["user_purchases"][bought.id].status == "purchased"
