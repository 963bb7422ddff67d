"""The rewards market over HTTP on real Postgres: every route, ownership, validation, paging, retries."""
from __future__ import annotations

from datetime import datetime, timezone
from uuid import UUID, uuid4

import psycopg
import pytest

from adapters.postgres.engine import make_engine
from adapters.postgres.unit_of_work import PgUnitOfWork
from domain.wallet import Source
from ports.inbound import rewards
from tests.e2e.conftest import ApiCaller, signed_in_as


class Db:
    """Straight SQL for arranging and checking; points go through the reward engine."""

    def __init__(self, database_url: str) -> None:
        self.url = database_url.replace("+psycopg", "")
        self.engine = make_engine(database_url)

    def one(self, query: str, *params):
        with psycopg.connect(self.url) as connection:
            return connection.execute(query, params).fetchone()

    def give(self, user_id: str, points: int) -> None:
        uow = PgUnitOfWork(self.engine)
        with uow:
            rewards.post(uow, UUID(user_id), points=points, xp=0, reason="Test grant",
                         source=Source("test", str(uuid4())), now=datetime.now(timezone.utc))
            uow.commit()

    def catalog(self, name="Movie night", cost=30, sort_order=0, active=True) -> str:
        return str(self.one("INSERT INTO market_items (name, cost, sort_order, active) VALUES (%s, %s, %s, %s) "
                            "RETURNING id", name, cost, sort_order, active)[0])

    def money(self, user_id: str) -> tuple[int, int, int]:
        """(balance, ledger sum, purchases) of a user."""
        return self.one("SELECT coalesce((SELECT balance FROM user_wallet WHERE user_id = %s), 0), "
                        "(SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE user_id = %s), "
                        "(SELECT count(*) FROM user_purchases WHERE user_id = %s)", user_id, user_id, user_id)


@pytest.fixture
def db(database_url):
    db = Db(database_url)
    yield db
    db.engine.dispose()


class Caller(ApiCaller):
    def get(self, path, **query):
        return self.client.get(f"/api/v1/market{path}", query_string=query)

    def post(self, path, body=None, **headers):
        return self.client.post(f"/api/v1/market{path}", json=body, headers={"X-CSRF-Token": self.csrf, **headers})

    def buy(self, item_id, **headers):
        return self.post("/purchases", {"item_id": item_id}, **headers)


ada = signed_in_as("ada@example.com", Caller)
bob = signed_in_as("bob@example.com", Caller)


def test_the_list_shows_the_active_catalog_and_my_rewards_only(ada, bob, db):
    shown, _ = db.catalog("Shown"), db.catalog("Retired", active=False)
    mine = ada.post("/items", {"name": "Ice cream", "cost": 25, "description": "Two scoops"})
    bob.post("/items", {"name": "Bob's nap", "cost": 5})
    assert mine.status_code == 201
    assert (mine.json["name"], mine.json["cost"], mine.json["description"], mine.json["personal"]) == \
        ("Ice cream", 25, "Two scoops", True)
    listed = ada.get("/items").json
    assert [i["id"] for i in listed["items"]] == [shown, mine.json["id"]] and listed["next_cursor"] is None
    assert listed["items"][0]["personal"] is False


def test_a_purchase_debits_records_and_lists_it(ada, db):
    db.give(ada.id, 100)
    item = db.catalog(cost=30)
    reply = ada.buy(item)
    assert reply.status_code == 201
    body = reply.json
    assert (body["item_id"], body["item_name"], body["cost"], body["status"], body["redeemed_at"]) == \
        (item, "Movie night", 30, "purchased", None)
    assert set(body) == {"id", "item_id", "item_name", "cost", "status", "created_at", "redeemed_at"}
    assert db.money(ada.id) == (70, 70, 1)
    assert db.one("SELECT delta, balance_after, source_type, source_id FROM points_ledger WHERE user_id = %s "
                  "AND delta < 0", ada.id) == (-30, 70, "purchase", body["id"])
    assert db.one("SELECT event_type FROM activity_events WHERE user_id = %s", ada.id) == ("market.purchased",)
    assert ada.get("/purchases").json == {"items": [body], "next_cursor": None}


def test_without_enough_points_the_purchase_is_409_and_writes_nothing(ada, db):
    db.give(ada.id, 20)
    reply = ada.buy(db.catalog(cost=30))
    assert reply.status_code == 409 and reply.json["code"] == "insufficient_funds"
    assert db.money(ada.id) == (20, 20, 0)
    assert db.one("SELECT count(*) FROM points_ledger WHERE user_id = %s", ada.id) == (1,)
    assert db.one("SELECT count(*) FROM activity_events WHERE user_id = %s", ada.id) == (0,)


def test_my_own_reward_costs_my_points(ada, db):
    db.give(ada.id, 40)
    reward = ada.post("/items", {"name": "Ice cream", "cost": 25}).json
    assert ada.buy(reward["id"]).status_code == 201 and db.money(ada.id) == (15, 15, 1)


def test_items_i_cannot_see_are_404_and_cost_nothing(ada, bob, db):
    db.give(ada.id, 100)
    theirs = bob.post("/items", {"name": "Bob's nap", "cost": 5}).json["id"]
    for item in (theirs, db.catalog(active=False), str(uuid4())):
        reply = ada.buy(item)
        assert reply.status_code == 404 and reply.json["code"] == "not_found"
    assert db.money(ada.id) == (100, 100, 0)


def test_redeem_once_then_409_and_never_for_someone_else(ada, bob, db):
    db.give(ada.id, 30)
    bought = ada.buy(db.catalog()).json
    assert bob.post(f"/purchases/{bought['id']}/redeem").status_code == 404
    assert ada.post(f"/purchases/{uuid4()}/redeem").status_code == 404
    redeemed = ada.post(f"/purchases/{bought['id']}/redeem")
    assert redeemed.status_code == 200
    assert (redeemed.json["status"], redeemed.json["id"]) == ("redeemed", bought["id"]) and redeemed.json["redeemed_at"]
    again = ada.post(f"/purchases/{bought['id']}/redeem")
    assert again.status_code == 409 and again.json["code"] == "conflict"
    assert bob.get("/purchases").json["items"] == []


def test_a_retried_purchase_with_the_same_key_buys_once(ada, db):
    db.give(ada.id, 100)
    item = db.catalog(cost=30)
    first = ada.buy(item, **{"Idempotency-Key": "buy-1"})
    second = ada.buy(item, **{"Idempotency-Key": "buy-1"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json == first.json and second.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert db.money(ada.id) == (70, 70, 1)


def test_a_retried_redeem_with_the_same_key_replays_the_200(ada, db):
    db.give(ada.id, 30)
    path = f"/purchases/{ada.buy(db.catalog()).json['id']}/redeem"
    first, second = ada.post(path, **{"Idempotency-Key": "r-1"}), ada.post(path, **{"Idempotency-Key": "r-1"})
    assert (first.status_code, second.status_code) == (200, 200) and second.json == first.json
    assert second.headers["Idempotent-Replayed"] == "true"


@pytest.mark.parametrize("body,field", [
    ({"cost": 5}, "name"), ({"name": "", "cost": 5}, "name"), ({"name": "x" * 201, "cost": 5}, "name"),
    ({"name": "Cake"}, "cost"), ({"name": "Cake", "cost": 0}, "cost"), ({"name": "Cake", "cost": 1_000_001}, "cost"),
    ({"name": "Cake", "cost": "5"}, "cost"), ({"name": "Cake", "cost": 5.5}, "cost"),
    ({"name": "Cake", "cost": 5, "description": "d" * 20_001}, "description"),
    ({"name": "Cake", "cost": 5, "user_id": str(uuid4())}, "user_id"),
])
def test_a_bad_reward_is_400_naming_the_field(ada, db, body, field):
    reply = ada.post("/items", body)
    assert reply.status_code == 400 and reply.json["code"] == "validation_error" and field in reply.json["details"]
    assert db.one("SELECT count(*) FROM market_items") == (0,)


@pytest.mark.parametrize("body,field", [({}, "item_id"), ({"item_id": "nope"}, "item_id"),
                                        ({"item_id": str(uuid4()), "quantity": 2}, "quantity")])
def test_a_bad_purchase_is_400_naming_the_field(ada, body, field):
    reply = ada.post("/purchases", body)
    assert reply.status_code == 400 and field in reply.json["details"]


@pytest.mark.parametrize("path", ["/items", "/purchases"])
@pytest.mark.parametrize("query,field", [({"limit": 0}, "limit"), ({"limit": 201}, "limit"),
                                         ({"cursor": "garbage!"}, "cursor")])
def test_bad_paging_is_400(ada, path, query, field):
    reply = ada.get(path, **query)
    assert reply.status_code == 400 and field in reply.json["details"]


def test_a_cursor_of_the_other_list_is_400(ada, db):
    db.give(ada.id, 100)
    item = db.catalog(cost=1)
    db.catalog(cost=1)
    ada.buy(item), ada.buy(item)
    items_cursor = ada.get("/items", limit=1).json["next_cursor"]
    purchases_cursor = ada.get("/purchases", limit=1).json["next_cursor"]
    assert ada.get("/purchases", cursor=items_cursor).status_code == 400
    assert ada.get("/items", cursor=purchases_cursor).status_code == 400


def walk(caller, path, limit, between=lambda: None, pages=50):
    """Every id of every page; `between` runs after the first page."""
    seen, cursor = [], None
    for n in range(pages):
        page = caller.get(path, limit=limit, **({"cursor": cursor} if cursor else {})).json
        seen += [row["id"] for row in page["items"]]
        cursor = page["next_cursor"]
        if n == 0:
            between()
        if cursor is None:
            return seen
    raise AssertionError("paging did not end")


def test_item_pages_neither_repeat_nor_skip_when_rows_are_added(ada, db):
    before = [db.catalog(f"Item {n}", sort_order=n % 4) for n in range(10)]
    added = []
    seen = walk(ada, "/items", 3, lambda: added.extend(
        [db.catalog("Late first", sort_order=-1), db.catalog("Late last", sort_order=9),
         ada.post("/items", {"name": "Mine", "cost": 5}).json["id"]]))
    assert len(seen) == len(set(seen)) and set(before) <= set(seen)
    assert added[1] in seen and added[2] in seen and added[0] not in seen


def test_purchase_pages_run_newest_first_without_repeats_or_gaps(ada, db):
    db.give(ada.id, 1000)
    item = db.catalog(cost=10)
    before = [ada.buy(item).json["id"] for _ in range(7)]
    seen = walk(ada, "/purchases", 2, lambda: ada.buy(item))
    assert seen == before[::-1]
