"""GET/PATCH /api/v1/me, terms of service and the age check, over HTTP on real Postgres."""
from __future__ import annotations

import pytest



def patch_me(client, csrf, body):
    return client.patch("/api/v1/me", json=body, headers={"X-CSRF-Token": csrf})


def test_me_shows_the_profile_fields_of_the_contract(client, csrf):
    me = client.get("/api/v1/me").json
    assert {"id", "email", "name", "role", "timezone", "day_start_hour", "tos_version", "age_verified",
            "settings"} <= set(me)
    assert (me["timezone"], me["day_start_hour"], me["role"]) == ("UTC", 0, "user")


def test_patch_changes_and_keeps_the_profile(client, csrf):
    reply = patch_me(client, csrf, {"name": "Ada", "timezone": "America/New_York", "day_start_hour": 5,
                                    "settings": {"theme": "dark"}})
    assert reply.status_code == 200
    again = client.get("/api/v1/me").json
    assert (again["timezone"], again["day_start_hour"], again["settings"]) == ("America/New_York", 5, {"theme": "dark"})


@pytest.mark.parametrize("body,field", [
    ({"timezone": "Mars/Olympus"}, "timezone"), ({"timezone": "../../etc/passwd"}, "timezone"),
    ({"timezone": ""}, "timezone"), ({"day_start_hour": -1}, "day_start_hour"),
    ({"day_start_hour": "4"}, "day_start_hour"), ({"day_start_hour": 4.5}, "day_start_hour"),
    ({"name": "x" * 201}, "name"), ({"settings": []}, "settings"), ({"role": "admin"}, "role"),
    ({"settings": {"blob": "x" * 20_001}}, "settings"),
])
def test_bad_profile_input_is_400_naming_the_field_and_changes_nothing(client, csrf, body, field):
    before = client.get("/api/v1/me").json
    reply = patch_me(client, csrf, {**body, "name": "Changed"} if field != "name" else body)
    assert reply.status_code == 400 and field in reply.json["details"]
    assert client.get("/api/v1/me").json == before


@pytest.mark.parametrize("number", ["100000000000000000000000", "-9223372036854775809", "NaN", "-Infinity", "1e400"])
def test_numbers_that_could_not_be_stored_or_read_back_are_400(client, csrf, number):
    """Found by the fuzzer: a 24-digit integer in settings was stored, and /me answered 500 from
    then on (orjson writes 64-bit integers only); NaN and infinities, which the JSON parser takes,
    made jsonb fail (500)."""
    raw = '{"settings": {"volume": %s}}' % number
    reply = client.patch("/api/v1/me", data=raw, content_type="application/json", headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 400 and list(reply.json["details"]) == ["settings"], reply.json
    assert client.get("/api/v1/me").json["settings"] == {}


def test_the_widest_64_bit_integers_are_kept(client, csrf):
    raw = '{"settings": {"low": -9223372036854775808, "high": 9223372036854775807}}'
    reply = client.patch("/api/v1/me", data=raw, content_type="application/json", headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 200
    assert client.get("/api/v1/me").json["settings"] == {"low": -2 ** 63, "high": 2 ** 63 - 1}


@pytest.mark.parametrize("body", [[], "text", 7, None])
def test_a_body_that_is_not_an_object_is_400(client, csrf, body):
    reply = client.patch("/api/v1/me", data=__import__("json").dumps(body), content_type="application/json",
                         headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 400


def test_accepting_the_terms_is_recorded(client, csrf):
    assert client.get("/auth/accept-tos").json == {"version": None, "accepted_at": None}
    reply = client.post("/auth/accept-tos", json={"version": "2026-01"}, headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 200 and reply.json["version"] == "2026-01" and reply.json["accepted_at"]
    assert client.get("/api/v1/me").json["tos_version"] == "2026-01"


def test_accepting_the_terms_needs_a_version(client, csrf):
    reply = client.post("/auth/accept-tos", json={}, headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 400 and "version" in reply.json["details"]


@pytest.mark.parametrize("birthdate,verified", [("1990-05-01", True), ("2020-01-01", False)])
def test_verify_age_records_whether_the_user_is_old_enough(client, csrf, birthdate, verified):
    reply = client.post("/auth/verify-age", json={"birthdate": birthdate}, headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 200 and reply.json == {"age_verified": verified}
    assert client.get("/api/v1/me").json["age_verified"] is verified


@pytest.mark.parametrize("birthdate", ["3000-01-01", "not-a-date", "1990-02-30"])
def test_verify_age_refuses_impossible_birthdates(client, csrf, birthdate):
    reply = client.post("/auth/verify-age", json={"birthdate": birthdate}, headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 400 and "birthdate" in reply.json["details"]


def test_dev_login_validates_its_input(client):
    reply = client.post("/auth/dev/login", json={"email": "not-an-email"})
    assert reply.status_code == 400 and "email" in reply.json["details"]
