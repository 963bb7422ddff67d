"""/api/v1/admin content and feedback triage over HTTP on real Postgres: CRUD of universal
quests, catalog items, achievements, learn topics and lessons; validation; one audit row per
write and none for a refused one; what deleting takes along; paging while rows are added."""
from __future__ import annotations

from uuid import uuid4

import pytest
import sqlalchemy

from adapters.postgres.seed import apply_seed
from ignition.seed import load_seed_data
from tests.e2e.conftest import admin_send, dev_login

BODIES = {  # path → (a valid create body, a valid patch, the audit target type)
    "/quests": ({"title": "Read 10 pages", "metric": "pages_read", "target": 10, "period": "daily",
                 "reward_points": 5, "reward_xp": 10}, {"active": False, "target": 12}, "quest"),
    "/market/items": ({"name": "Cinema", "cost": 100, "category": "fun"}, {"cost": 120, "icon": "🎬"},
                      "market_item"),
    "/achievements": ({"title": "Bookworm", "condition_type": "books_finished", "threshold": 5, "reward_points": 10,
                       "reward_xp": 20}, {"threshold": 6, "description": "Five books"}, "achievement"),
    "/learn/topics": ({"title": "Calm", "description": "Breathing"}, {"published": False, "position": 3},
                      "learn_topic"),
}


def audit_rows(db):
    return db.execute("SELECT action, target_type, target_id, before, after, request_id FROM admin_audit_log "
                      "ORDER BY created_at").fetchall()


def a_topic(root) -> str:
    return admin_send(root, "POST", "/learn/topics", {"title": "Calm"}).json["id"]


@pytest.mark.parametrize("path", sorted(BODIES))
def test_the_whole_life_of_a_row_is_audited_step_by_step(root, db, path):
    body, patch, kind = BODIES[path]
    created = admin_send(root, "POST", path, body, **{"X-Request-ID": "req-create"})
    assert created.status_code == 201, created.json
    assert {k: created.json[k] for k in body} == body and created.json["key"] is None
    row_id = created.json["id"]
    assert root.get(f"/api/v1/admin{path}/{row_id}").json == created.json
    assert [r["id"] for r in root.get(f"/api/v1/admin{path}").json["items"]] == [row_id]
    changed = admin_send(root, "PATCH", f"{path}/{row_id}", patch)
    assert changed.status_code == 200 and {k: changed.json[k] for k in patch} == patch
    assert admin_send(root, "DELETE", f"{path}/{row_id}").status_code == 204
    assert root.get(f"/api/v1/admin{path}/{row_id}").status_code == 404
    rows = audit_rows(db)
    assert [(r[0], r[1], r[2]) for r in rows] == [(f"{kind}.create", kind, row_id), (f"{kind}.update", kind, row_id),
                                                 (f"{kind}.delete", kind, row_id)]
    (_, _, _, before, after, request_id), (_, _, _, before2, after2, _), (_, _, _, before3, after3, _) = rows
    assert before is None and {k: after[k] for k in body} == body and request_id == "req-create"
    assert all(before2[k] != after2[k] for k in patch) and {k: after2[k] for k in patch} == patch
    assert before3 == after2 and after3["deleted"] is True


def test_a_lesson_belongs_to_a_topic_and_lists_narrow_to_it(root, db):
    topic, other = a_topic(root), a_topic(root)
    body = {"topic_id": topic, "title": "Breathe", "summary": "In and out", "content": "Slowly.",
            "duration_minutes": 5, "reward_points": 2, "reward_xp": 3}
    lesson = admin_send(root, "POST", "/learn/lessons", body)
    assert lesson.status_code == 201 and {k: lesson.json[k] for k in body} == body
    assert [r["id"] for r in root.get(f"/api/v1/admin/learn/lessons?topic_id={topic}").json["items"]] == \
        [lesson.json["id"]]
    assert root.get(f"/api/v1/admin/learn/lessons?topic_id={other}").json["items"] == []
    moved = admin_send(root, "PATCH", f"/learn/lessons/{lesson.json['id']}",
                       {"topic_id": other, "duration_minutes": None})
    assert (moved.json["topic_id"], moved.json["duration_minutes"]) == (other, None)
    for payload in ({**body, "topic_id": str(uuid4())}, {"topic_id": "nope", "title": "x"}):
        reply = admin_send(root, "POST", "/learn/lessons", payload)
        assert reply.status_code == 400 and "topic_id" in reply.json["details"], reply.json
    reply = admin_send(root, "PATCH", f"/learn/lessons/{lesson.json['id']}", {"topic_id": str(uuid4())})
    assert reply.status_code == 400 and "topic_id" in reply.json["details"]
    assert [r[0] for r in audit_rows(db)] == ["learn_topic.create", "learn_topic.create", "learn_lesson.create",
                                              "learn_lesson.update"]


def test_what_admins_publish_reaches_users(admin_app, root):
    ada = admin_app.test_client()
    dev_login(ada, "ada@example.com")
    quest = admin_send(root, "POST", "/quests", BODIES["/quests"][0]).json
    item = admin_send(root, "POST", "/market/items", BODIES["/market/items"][0]).json
    topic = a_topic(root)
    lesson = admin_send(root, "POST", "/learn/lessons", {"topic_id": topic, "title": "Breathe"}).json
    assert quest["id"] in [q["id"] for q in ada.get("/api/v1/quests").json["items"]]
    assert item["id"] in [i["id"] for i in ada.get("/api/v1/market/items").json["items"]]
    assert ada.get(f"/api/v1/learn/lessons/{lesson['id']}").status_code == 200
    admin_send(root, "PATCH", f"/market/items/{item['id']}", {"active": False})
    admin_send(root, "PATCH", f"/learn/topics/{topic}", {"published": False})
    assert item["id"] not in [i["id"] for i in ada.get("/api/v1/market/items").json["items"]]
    assert ada.get(f"/api/v1/learn/lessons/{lesson['id']}").status_code == 404


def test_a_users_personal_reward_is_not_admin_content(admin_app, root):
    ada = admin_app.test_client()
    csrf = dev_login(ada, "ada@example.com")
    reward = ada.post("/api/v1/market/items", json={"name": "Nap", "cost": 5}, headers={"X-CSRF-Token": csrf}).json
    assert root.get(f"/api/v1/admin/market/items/{reward['id']}").status_code == 404
    assert admin_send(root, "PATCH", f"/market/items/{reward['id']}", {"cost": 1}).status_code == 404
    assert admin_send(root, "DELETE", f"/market/items/{reward['id']}").status_code == 404
    assert root.get("/api/v1/admin/market/items").json["items"] == []


@pytest.mark.parametrize("path, body, field", [
    ("/quests", {"metric": "pages_read", "target": 1, "period": "daily"}, "title"),
    ("/quests", {**BODIES["/quests"][0], "title": ""}, "title"),
    ("/quests", {**BODIES["/quests"][0], "title": "   "}, "title"),
    ("/quests", {**BODIES["/quests"][0], "title": "x" * 201}, "title"),
    ("/quests", {**BODIES["/quests"][0], "metric": "naps"}, "metric"),
    ("/quests", {**BODIES["/quests"][0], "target": 0}, "target"),
    ("/quests", {**BODIES["/quests"][0], "target": 10**30}, "target"),
    ("/quests", {**BODIES["/quests"][0], "target": "10"}, "target"),
    ("/quests", {**BODIES["/quests"][0], "target": 2.5}, "target"),
    ("/quests", {**BODIES["/quests"][0], "target": True}, "target"),
    ("/quests", {**BODIES["/quests"][0], "period": "monthly"}, "period"),
    ("/quests", {**BODIES["/quests"][0], "reward_points": -1}, "reward_points"),
    ("/quests", {**BODIES["/quests"][0], "active": "yes"}, "active"),
    ("/quests", {**BODIES["/quests"][0], "key": "mine"}, "key"),
    ("/quests", {**BODIES["/quests"][0], "description": "x" * 20_001}, "description"),
    ("/market/items", {"name": "Free", "cost": -1}, "cost"),
    ("/market/items", {"name": "Gold", "cost": 1_000_001}, "cost"),
    ("/market/items", {"name": "Gold", "cost": 1, "user_id": str(uuid4())}, "user_id"),
    ("/market/items", {"name": None, "cost": 1}, "name"),
    ("/achievements", {"title": "Big", "condition_type": "focus_minutes", "threshold": 0}, "threshold"),
    ("/achievements", {"title": "Big", "condition_type": "naps", "threshold": 1}, "condition_type"),
    ("/learn/topics", {"title": "T", "position": -1}, "position"),
    ("/learn/topics", {"title": "T", "icon": "x" * 201}, "icon"),
    ("/learn/lessons", {"title": "L"}, "topic_id"),
])
def test_bad_content_is_400_naming_the_field_and_writes_nothing(root, db, path, body, field):
    reply = admin_send(root, "POST", path, body)
    assert reply.status_code == 400 and field in reply.json["details"], reply.json
    assert audit_rows(db) == []


@pytest.mark.parametrize("path", sorted(BODIES))
def test_a_bad_patch_is_400_and_leaves_the_row_and_the_audit_as_they_were(root, db, path):
    row = admin_send(root, "POST", path, BODIES[path][0]).json
    for patch, field in (({}, "_schema"), ({"title": None, "name": None}, "title" if "title" in row else "name"),
                         ({"sort_order": 10**7, "position": 10**7},
                          "sort_order" if "sort_order" in row else "position"),
                         ({"created_at": "2026-01-01T00:00:00Z"}, "created_at")):
        reply = admin_send(root, "PATCH", f"{path}/{row['id']}", patch)
        assert reply.status_code == 400 and field in reply.json["details"], (patch, reply.json)
    assert root.get(f"/api/v1/admin{path}/{row['id']}").json == row
    assert len(audit_rows(db)) == 1


@pytest.mark.parametrize("path", [*sorted(BODIES), "/learn/lessons"])
def test_unknown_ids_are_404_and_write_nothing(root, db, path):
    missing = uuid4()
    assert root.get(f"/api/v1/admin{path}/{missing}").status_code == 404
    assert admin_send(root, "PATCH", f"{path}/{missing}", {"title": "x"} if "items" not in path else {"cost": 1}) \
        .status_code == 404
    assert admin_send(root, "DELETE", f"{path}/{missing}").status_code == 404
    assert audit_rows(db) == []


def test_lists_page_without_repeats_or_gaps_while_rows_are_added(root):
    made = [admin_send(root, "POST", "/achievements", {"title": f"A{n}", "condition_type": "xp_earned",
                                                   "threshold": n + 1}).json["id"] for n in range(5)]
    first = root.get("/api/v1/admin/achievements?limit=2").json
    admin_send(root, "POST", "/achievements", {"title": "Late", "condition_type": "xp_earned", "threshold": 9})
    second = root.get(f"/api/v1/admin/achievements?limit=2&cursor={first['next_cursor']}").json
    third = root.get(f"/api/v1/admin/achievements?limit=2&cursor={second['next_cursor']}").json
    assert [r["id"] for page in (first, second, third) for r in page["items"]] == made[::-1]
    assert third["next_cursor"] is None
    assert root.get("/api/v1/admin/achievements?cursor=abc").status_code == 400
    assert root.get("/api/v1/admin/learn/lessons?topic_id=nope").status_code == 400


def test_seeded_rows_are_listed_and_deleting_one_takes_its_history(root, db, database_url):
    engine = sqlalchemy.create_engine(database_url)
    with engine.begin() as connection:
        apply_seed(connection, load_seed_data())
    engine.dispose()
    quests = root.get("/api/v1/admin/quests?limit=200").json["items"]
    seeded = next(q for q in quests if q["key"] == "daily_focus_25")
    me = root.id
    db.execute("INSERT INTO user_quest_progress (user_id, quest_id, period_key, progress) VALUES (%s, %s, 'x', 3)",
               (me, seeded["id"]))
    assert admin_send(root, "DELETE", f"/quests/{seeded['id']}").status_code == 204
    assert db.execute("SELECT count(*) FROM user_quest_progress").fetchone()[0] == 0
    [(action, _, target, before, after, _)] = audit_rows(db)
    assert (action, target, before["key"]) == ("quest.delete", seeded["id"], "daily_focus_25")
    assert after == {"deleted": True, "history": {"user_quest_progress": 1}}


def feedback(admin_app, message, status=None, db=None):
    client = admin_app.test_client()
    csrf = dev_login(client, f"{uuid4().hex[:8]}@example.com")
    sent = client.post("/api/v1/feedback", json={"kind": "bug", "message": message}, headers={"X-CSRF-Token": csrf})
    if status:
        db.execute("UPDATE feedback SET status = %s WHERE id = %s", (status, sent.json["id"]))
    return sent.json["id"]


def test_feedback_is_listed_newest_first_and_by_status(admin_app, root, db):
    old, closed, new = feedback(admin_app, "old"), feedback(admin_app, "done", "closed", db), feedback(admin_app, "new")
    listed = root.get("/api/v1/admin/feedback").json["items"]
    assert [f["id"] for f in listed] == [new, closed, old]
    assert set(listed[0]) >= {"id", "user_id", "kind", "message", "page", "user_agent", "status", "admin_notes",
                              "created_at", "updated_at"}
    assert [f["id"] for f in root.get("/api/v1/admin/feedback?status=new").json["items"]] == [new, old]
    first = root.get("/api/v1/admin/feedback?limit=2").json
    rest = root.get(f"/api/v1/admin/feedback?limit=2&cursor={first['next_cursor']}").json
    assert [f["id"] for f in first["items"] + rest["items"]] == [new, closed, old] and rest["next_cursor"] is None
    assert root.get("/api/v1/admin/feedback?status=triaged").status_code == 400


def test_triage_sets_status_and_notes_with_one_audit_row(admin_app, root, db):
    fid = feedback(admin_app, "The timer stops")
    reply = admin_send(root, "PATCH", f"/feedback/{fid}", {"status": "in_progress", "admin_notes": "Reproduced"})
    assert reply.status_code == 200, reply.json
    assert (reply.json["status"], reply.json["admin_notes"], reply.json["message"]) == \
        ("in_progress", "Reproduced", "The timer stops")
    cleared = admin_send(root, "PATCH", f"/feedback/{fid}", {"admin_notes": None})
    assert (cleared.json["status"], cleared.json["admin_notes"]) == ("in_progress", None)
    rows = audit_rows(db)
    assert [(r[0], r[1], r[2]) for r in rows] == [("feedback.triage", "feedback", fid)] * 2
    assert (rows[0][3], rows[0][4]) == ({"status": "new", "admin_notes": None},
                                        {"status": "in_progress", "admin_notes": "Reproduced"})


@pytest.mark.parametrize("body, field", [
    ({"status": "triaged"}, "status"), ({"status": None}, "status"), ({"admin_notes": "x" * 20_001}, "admin_notes"),
    ({"message": "edited"}, "message"), ({}, "_schema"),
])
def test_bad_triage_is_400_and_unknown_feedback_404(admin_app, root, db, body, field):
    fid = feedback(admin_app, "Broken")
    reply = admin_send(root, "PATCH", f"/feedback/{fid}", body)
    assert reply.status_code == 400 and field in reply.json["details"], reply.json
    assert admin_send(root, "PATCH", f"/feedback/{uuid4()}", {"status": "closed"}).status_code == 404
    assert db.execute("SELECT status FROM feedback WHERE id = %s", (fid,)).fetchone()[0] == "new"
    assert audit_rows(db) == []


def test_no_body_or_query_shape_makes_an_admin_route_answer_500(admin_app, root):
    topic = a_topic(root)
    rows = {path: admin_send(root, "POST", path, body).json["id"] for path, (body, _, _) in BODIES.items()}
    lesson = admin_send(root, "POST", "/learn/lessons", {"topic_id": topic, "title": "L"}).json["id"]
    me = root.id
    writes = [("POST", path) for path in [*BODIES, "/learn/lessons"]] + \
        [("PATCH", f"{path}/{row_id}") for path, row_id in rows.items()] + \
        [("PATCH", f"/learn/lessons/{lesson}"), ("PATCH", f"/users/{me}"), ("PATCH", f"/feedback/{uuid4()}")]
    raws = ("null", "[]", '"x"', "1e999", "{", '{"title": ["x"]}', '{"title": {"a": 1}}', '{"target": 1e999}',
            '{"cost": -0.0}', '{"topic_id": 5}', '{"status": 7}', '{"role": ["admin"]}', '{"title": "a\\u0000"}')
    for method, path in writes:
        for raw in raws:
            reply = root.open(f"/api/v1/admin{path}", method=method, data=raw, content_type="application/json",
                              headers={"X-CSRF-Token": root.csrf})
            assert reply.status_code in (400, 404, 409), (method, path, raw, reply.status_code, reply.get_json())
    for query in ("limit=1e99", "limit=-1", "q=%00", "cursor=" + "A" * 501, "role=", "status=", "topic_id=1",
                  "actor_id=00000000-0000-0000-0000-00000000000g"):
        for path in ("/users", "/audit-log", "/feedback", "/learn/lessons"):
            reply = root.get(f"/api/v1/admin{path}?{query}")
            assert reply.status_code == 400, (path, query, reply.status_code)
