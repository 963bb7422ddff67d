"""/api/v1/infobase over HTTP on real Postgres: CRUD, ranked full-text search, tags, paging,
validation, ownership, and no 500 for any search text."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from entrypoints.http.paging import encode_cursor
from tests.e2e.conftest import ApiCaller, details_name, signed_in_as


class Caller(ApiCaller):
    base = "/infobase"

    def create(self, title="Rust", content="", **fields):
        reply = self.send("POST", "", {"title": title, "content": content, **fields})
        assert reply.status_code == 201, reply.json
        return reply.json


ada = signed_in_as("ada@example.com", Caller)
bob = signed_in_as("bob@example.com", Caller)


def test_the_whole_life_of_an_entry(ada, db):
    entry = ada.create(" Rust ", "Ownership", tags=["Lang", " lang ", "Systems"])
    assert set(entry) == {"id", "title", "content", "tags", "created_at", "updated_at"}
    assert (entry["title"], entry["content"], entry["tags"]) == ("Rust", "Ownership", ["lang", "systems"])
    assert ada.client.get(f"/api/v1/infobase/{entry['id']}").json == entry
    patched = ada.send("PATCH", f"/{entry['id']}", {"content": "Borrowing", "tags": []})
    assert patched.status_code == 200
    assert (patched.json["title"], patched.json["content"], patched.json["tags"]) == ("Rust", "Borrowing", [])
    assert patched.json["updated_at"] >= entry["updated_at"] and patched.json["created_at"] == entry["created_at"]
    assert ada.client.get(f"/api/v1/infobase/{entry['id']}").json == patched.json
    deleted = ada.send("DELETE", f"/{entry['id']}")
    assert deleted.status_code == 204 and deleted.data == b""
    assert ada.client.get(f"/api/v1/infobase/{entry['id']}").status_code == 404
    assert ada.send("DELETE", f"/{entry['id']}").status_code == 404
    event = db.execute("SELECT event_type, subject_id, data->'metrics' FROM activity_events "
                       "WHERE subject_type = 'infobase_entry'").fetchall()
    assert event == [("infobase.created", entry["id"], {"infobase_entries_created": 1})]


def test_content_and_tags_are_optional(ada):
    reply = ada.send("POST", "", {"title": "Bare"})
    assert reply.status_code == 201 and (reply.json["content"], reply.json["tags"]) == ("", [])


def test_a_title_match_outranks_a_content_match(ada):
    ada.create("Cooking", "Borrowing sugar from the neighbours")
    ada.create("Borrowing", "Rust references")
    ada.create("Garden", "Tomatoes")
    assert ada.walk(limit=10, q="borrowing") == [["Borrowing", "Cooking"]]


def test_english_stemming_finds_run_for_running_and_plurals(ada):
    ada.create("How I run", "Every morning")
    ada.create("Boxes", "Storage")
    assert ada.walk(q="running") == [["How I run"]]
    assert ada.walk(q="box") == [["Boxes"]]
    assert ada.walk(q="mornings") == [["How I run"]]


def test_search_syntax_phrases_or_and_negation(ada):
    ada.create("Rust", "memory safety without garbage collection")
    ada.create("Go", "memory model and garbage collection")
    assert ada.walk(limit=10, q='"garbage collection" -safety') == [["Go"]]
    assert sorted(ada.walk(limit=10, q="safety or model")[0]) == ["Go", "Rust"]


def test_another_users_entries_never_appear_in_search_or_lists(ada, bob):
    ada.create("Secret plan", "Borrowing money")
    assert bob.walk(q="secret") == [[]] and bob.walk(q="borrowing") == [[]] and bob.walk() == [[]]
    assert ada.walk(q="secret") == [["Secret plan"]]


def test_only_stop_words_find_nothing_and_a_blank_q_lists_everything(ada):
    ada.create("The thing", "and the other")
    assert ada.walk(q="the and") == [[]]
    assert ada.walk(q="   ") == [["The thing"]]
    assert ada.walk(q="") == [["The thing"]]


def test_the_tag_filter_works_with_and_without_search(ada):
    ada.create("Rust one", tags=["lang"])
    ada.create("Rust two", tags=["other"])
    ada.create("Go", tags=["LANG"])
    assert ada.walk(tag="Lang") == [["Go", "Rust one"]]
    assert ada.walk(tag="lang", q="rust") == [["Rust one"]]


def test_plain_pages_neither_repeat_nor_skip_when_entries_are_added_between_them(ada):
    for n in range(5):
        ada.create(f"old {n}")
    pages = ada.walk(limit=2, between=lambda: [ada.create(f"new {n}") for n in range(3)])
    flat = [title for page in pages for title in page]
    assert flat == ["old 4", "old 3", "old 2", "old 1", "old 0"]


def test_search_pages_neither_repeat_nor_skip_when_entries_are_added_between_them(ada):
    for n in range(4):
        ada.create(f"Rust {n}")
        ada.create(f"Entry {n}", "about rust")

    def add_more():
        ada.create("Rust rust rust", "rust")  # outranks everything: belongs before page one
        ada.create("Late entry", "rust")  # same score as the content matches
    pages = ada.walk(limit=3, q="rust", between=add_more)
    flat = [title for page in pages for title in page]
    originals = {f"Rust {n}" for n in range(4)} | {f"Entry {n}" for n in range(4)}
    assert len(flat) == len(set(flat)) and originals <= set(flat) and "Rust rust rust" not in flat
    assert all(t.startswith("Rust") for t in flat[:4])


@pytest.mark.parametrize("q", [
    "'", '"', "\\", "!!!", "&|!():*<->", "run:*", "a <-> b", "' OR 1=1; DROP TABLE infobase_entries; --",
    "((((", "-", "- -", "or or or", '"unclosed phrase', "ünïcödé 日本語 🚀", "%", "_", "x" * 500,
    "\t\n", "\u200b", "\ufffd", "NULL", "null::tsquery"])
def test_no_search_text_makes_the_server_fail(ada, q):
    ada.create("Run", "anything")
    reply = ada.list(q=q)
    assert reply.status_code == 200, reply.json
    assert set(reply.json) == {"items", "next_cursor"}


@pytest.mark.parametrize("query,field", [
    ({"q": "x" * 501}, "q"), ({"q": "nul\x00"}, "q"), ({"tag": ""}, "tag"), ({"tag": "x" * 51}, "tag"),
    ({"limit": 0}, "limit"), ({"limit": 201}, "limit"), ({"limit": "ten"}, "limit"),
    ({"cursor": "nonsense"}, "cursor"), ({"sort": "title"}, "sort"), ({"tag": "  "}, "tag")])
def test_bad_list_arguments_are_400_naming_the_field(ada, query, field):
    reply = ada.list(**query)
    assert reply.status_code == 400 and details_name(reply, field), reply.json


def test_a_cursor_of_the_plain_list_is_refused_by_a_search_and_back(ada):
    for n in range(3):
        ada.create(f"Rust {n}")
    plain = ada.list(limit=1).json["next_cursor"]
    searched = ada.list(limit=1, q="rust").json["next_cursor"]
    assert plain and searched
    assert ada.list(limit=1, q="rust", cursor=plain).status_code == 400
    assert ada.list(limit=1, cursor=searched).status_code == 400


@pytest.mark.parametrize("body,field", [
    ({"title": ""}, "title"), ({"title": "   "}, "title"), ({"title": "x" * 201}, "title"), ({"content": "x"}, "title"),
    ({"title": 5}, "title"), ({"title": None}, "title"), ({"title": "t", "content": "x" * 20_001}, "content"),
    ({"title": "t", "content": None}, "content"), ({"title": "t", "tags": [f"t{n}" for n in range(21)]}, "tags"),
    ({"title": "t", "tags": ["x" * 51]}, "tags"), ({"title": "t", "tags": [""]}, "tags"),
    ({"title": "t", "tags": ["  "]}, "tags"), ({"title": "t", "tags": "rust"}, "tags"),
    ({"title": "t", "tags": [1]}, "tags"), ({"title": "t", "tags": None}, "tags"),
    ({"title": "nul\x00"}, "title"), ({"title": "t", "content": "\ud800"}, "content"),
    ({"title": "t", "tags": ["a\x00"]}, "tags"), ({"title": "t", "color": "red"}, "color")])
def test_bad_entries_are_400_naming_the_field(ada, db, body, field):
    reply = ada.send("POST", "", body)
    assert reply.status_code == 400 and details_name(reply, field), reply.json
    assert db.execute("SELECT count(*) FROM infobase_entries").fetchone() == (0,)


def test_the_bounds_are_allowed(ada):
    entry = ada.create("x" * 200, "y" * 20_000, tags=[f"{n:02d}" + "t" * 48 for n in range(20)])
    assert len(entry["title"]) == 200 and len(entry["content"]) == 20_000 and len(entry["tags"]) == 20


@pytest.mark.parametrize("body,field", [({"title": ""}, "title"), ({"title": "x" * 201}, "title"),
                                        ({"tags": ["x"] * 21}, "tags"), ({"content": None}, "content"),
                                        ({"id": str(uuid4())}, "id"), ({"tags": ["x" * 51]}, "tags")])
def test_bad_patches_are_400_and_change_nothing(ada, body, field):
    entry = ada.create("Rust", "Ownership")
    reply = ada.send("PATCH", f"/{entry['id']}", body)
    assert reply.status_code == 400 and details_name(reply, field), reply.json
    assert ada.client.get(f"/api/v1/infobase/{entry['id']}").json == entry


def test_another_users_entry_is_404_on_every_route(ada, bob):
    entry = ada.create("Rust", "Ownership")
    path = f"/{entry['id']}"
    assert bob.client.get(f"/api/v1/infobase{path}").status_code == 404
    for method, body in (("PATCH", {"title": "Mine"}), ("DELETE", None)):
        reply = bob.send(method, path, body)
        assert (reply.status_code, reply.json["code"]) == (404, "not_found")
    assert ada.client.get(f"/api/v1/infobase{path}").json == entry
    assert ada.client.get("/api/v1/infobase/not-a-uuid").status_code == 404
    assert ada.send("PATCH", f"/{uuid4()}", {"title": "x"}).status_code == 404


def test_a_retried_create_with_the_same_idempotency_key_creates_one_entry(ada, db):
    first = ada.send("POST", "", {"title": "Once"}, **{"Idempotency-Key": "create-1"})
    again = ada.send("POST", "", {"title": "Once"}, **{"Idempotency-Key": "create-1"})
    assert first.status_code == again.status_code == 201 and first.json == again.json
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert db.execute("SELECT count(*) FROM infobase_entries").fetchone() == (1,)


def test_the_infobase_routes_are_in_the_openapi_document(ada):
    paths = ada.client.get("/api/v1/openapi.json").json["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/infobase"])
    assert {"get", "patch", "delete"} <= set(paths["/api/v1/infobase/{entry_id}"])


def test_reading_one_entry_refuses_unknown_query_parameters(ada):
    entry = ada.create()
    reply = ada.client.get(f"/api/v1/infobase/{entry['id']}?fields=title")
    assert reply.status_code == 400 and "fields" in reply.json["details"]


@pytest.mark.parametrize("key,q,status", [
    ((2**70, uuid4()), "rust", 400), ((-5, uuid4()), "rust", 400), ((2**63 - 1, uuid4()), "rust", 200),
    ((datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))), uuid4()), None, 200),
    ((datetime(9999, 12, 31, 23, 59, tzinfo=timezone.utc), uuid4()), None, 200),
    ((datetime(2026, 1, 1), uuid4()), None, 400), (("2026-01-01", uuid4()), None, 400)])
def test_forged_cursors_are_400_or_harmless(ada, key, q, status):
    ada.create("Rust")
    query = {"cursor": encode_cursor(key), **({"q": q} if q else {})}
    reply = ada.list(**query)
    assert reply.status_code == status, reply.json
