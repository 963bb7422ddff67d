"""/api/v1/feedback over HTTP on real Postgres: sent with its page and User-Agent, validated."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import dev_login


def send(client, csrf, body, **headers):
    return client.post("/api/v1/feedback", json=body, headers={"X-CSRF-Token": csrf, **headers})


def test_feedback_is_stored_with_its_page_and_user_agent(client, csrf, db):
    reply = send(client, csrf, {"kind": "bug", "message": "The timer stops", "page": "/focus"},
                 **{"User-Agent": "Firefox/140"})
    assert reply.status_code == 201, reply.json
    assert {k: reply.json[k] for k in ("kind", "message", "page", "status")} == {
        "kind": "bug", "message": "The timer stops", "page": "/focus", "status": "new"}
    me = client.get("/api/v1/me").json["id"]
    row = db.execute("SELECT user_id::text, kind, message, page, user_agent, status FROM feedback WHERE id = %s",
                     (reply.json["id"],)).fetchone()
    assert row == (me, "bug", "The timer stops", "/focus", "Firefox/140", "new")


def test_a_long_user_agent_is_cut_not_refused(client, csrf, db):
    reply = send(client, csrf, {"kind": "idea", "message": "Dark mode"}, **{"User-Agent": "A" * 5000})
    assert reply.status_code == 201 and reply.json["page"] is None
    assert db.execute("SELECT length(user_agent) FROM feedback").fetchone()[0] == 500


@pytest.mark.parametrize("body,field", [
    ({"message": "x"}, "kind"), ({"kind": "praise", "message": "x"}, "kind"), ({"kind": "bug"}, "message"),
    ({"kind": "bug", "message": ""}, "message"), ({"kind": "bug", "message": "   "}, "message"),
    ({"kind": "bug", "message": "x" * 20_001}, "message"), ({"kind": "bug", "message": 5}, "message"),
    ({"kind": "bug", "message": "x", "page": "/" * 2001}, "page"), ({"kind": "bug", "message": "x", "to": "me"}, "to"),
])
def test_bad_feedback_is_400_naming_the_field(client, csrf, db, body, field):
    reply = send(client, csrf, body)
    assert reply.status_code == 400 and field in reply.json["details"], reply.json
    assert db.execute("SELECT count(*) FROM feedback").fetchone()[0] == 0


def test_no_body_shape_makes_feedback_answer_500(client, csrf):
    for raw in ("null", "[]", '"bug"', "1e999", '{"kind": ["bug"], "message": "x"}', '{"kind": null}'):
        reply = client.post("/api/v1/feedback", data=raw, content_type="application/json",
                            headers={"X-CSRF-Token": csrf})
        assert reply.status_code == 400, (raw, reply.status_code, reply.get_json())


def test_feedback_needs_a_session_and_csrf(dev_app):
    stranger = dev_app.test_client()
    assert stranger.post("/api/v1/feedback", json={"kind": "bug", "message": "x"}).status_code == 401
    signed_in = dev_app.test_client()
    dev_login(signed_in)
    assert signed_in.post("/api/v1/feedback", json={"kind": "bug", "message": "x"}).status_code == 403
