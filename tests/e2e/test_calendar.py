"""/api/v1/calendar over HTTP on real Postgres: events and series, range reads with expansion,
DST, all-day events, validation 400s, 404 for other users, and no 500 for any input."""
from __future__ import annotations

import json
from datetime import datetime
from uuid import uuid4

import pytest

from tests.e2e.conftest import dev_login

EVENTS = "/api/v1/calendar/events"


def send(client, csrf, method, path, body=None):
    return client.open(path, method=method, json=body, headers={"X-CSRF-Token": csrf})


def create(client, csrf, **fields):
    body = {"title": "Standup", "starts_at": "2026-03-02T09:00:00+00:00", "ends_at": "2026-03-02T09:30:00+00:00",
            **fields}
    reply = send(client, csrf, "POST", EVENTS, body)
    assert reply.status_code == 201, reply.json
    return reply.json


def in_range(client, first, last):
    reply = client.get(f"{EVENTS}?from={first}&to={last}")
    assert reply.status_code == 200, reply.json
    return reply.json


def in_zone(client, csrf, zone):
    assert send(client, csrf, "PATCH", "/api/v1/me", {"timezone": zone}).status_code == 200


def test_a_single_event_is_created_read_listed_changed_and_deleted(client, csrf):
    event = create(client, csrf, location="Room 1", description="Daily", color="#3366ff")
    assert {k: event[k] for k in ("title", "starts_at", "ends_at", "all_day", "recurring", "recurrence_rule",
                                  "recurrence_until", "recurrence_id", "timezone", "location", "color")} == {
        "title": "Standup", "starts_at": "2026-03-02T09:00:00+00:00", "ends_at": "2026-03-02T09:30:00+00:00",
        "all_day": False, "recurring": False, "recurrence_rule": None, "recurrence_until": None,
        "recurrence_id": None, "timezone": "UTC", "location": "Room 1", "color": "#3366ff"}
    path = f"{EVENTS}/{event['id']}"
    assert client.get(path).json == event
    listed = in_range(client, "2026-03-01", "2026-03-31")
    assert listed == {"items": [event], "next_cursor": None, "truncated": False}
    assert in_range(client, "2026-03-03", "2026-03-31")["items"] == []
    changed = send(client, csrf, "PATCH", path, {"title": "Sync", "location": None})
    assert changed.status_code == 200 and (changed.json["title"], changed.json["location"]) == ("Sync", None)
    assert changed.json["starts_at"] == event["starts_at"] and client.get(path).json == changed.json
    assert send(client, csrf, "DELETE", path).status_code == 204
    assert client.get(path).status_code == 404 and send(client, csrf, "DELETE", path).status_code == 404


def test_a_weekly_series_is_expanded_into_occurrences_sorted_with_single_events(client, csrf):
    series = create(client, csrf, recurrence_rule="RRULE:freq=weekly;byday=MO,WE;count=4")
    single = create(client, csrf, title="Dentist", starts_at="2026-03-03T12:00:00Z", ends_at="2026-03-03T13:00:00Z")
    assert series["recurrence_rule"] == "FREQ=WEEKLY;COUNT=4;BYDAY=MO,WE" and series["recurring"] is True
    assert series["recurrence_until"] == "2026-03-11T09:00:00+00:00"
    items = in_range(client, "2026-03-01", "2026-03-31")["items"]
    assert [(i["id"], i["starts_at"][:10]) for i in items] == [
        (series["id"], "2026-03-02"), (single["id"], "2026-03-03"), (series["id"], "2026-03-04"),
        (series["id"], "2026-03-09"), (series["id"], "2026-03-11")]
    occurrence = items[2]
    assert occurrence["recurring"] is True and occurrence["recurrence_id"] == occurrence["starts_at"]
    assert occurrence["ends_at"] == "2026-03-04T09:30:00+00:00" and occurrence["title"] == "Standup"
    assert items[1]["recurrence_id"] is None


def test_a_weekly_monday_meeting_stays_at_nine_in_berlin_across_the_dst_change(client, csrf):
    in_zone(client, csrf, "Europe/Berlin")
    series = create(client, csrf, starts_at="2026-03-23T09:00:00+01:00", ends_at="2026-03-23T10:00:00+01:00",
                    recurrence_rule="FREQ=WEEKLY;BYDAY=MO")
    assert series["timezone"] == "Europe/Berlin" and series["recurrence_until"] is None
    items = in_range(client, "2026-03-23", "2026-04-06")["items"]
    assert [i["starts_at"] for i in items] == ["2026-03-23T08:00:00+00:00", "2026-03-30T07:00:00+00:00",
                                               "2026-04-06T07:00:00+00:00"]
    assert [i["ends_at"] for i in items][1] == "2026-03-30T08:00:00+00:00"


def test_the_range_is_the_users_local_days_and_catches_an_occurrence_begun_the_day_before(client, csrf):
    in_zone(client, csrf, "America/New_York")
    create(client, csrf, title="Night shift", starts_at="2026-06-01T22:00:00-04:00",
           ends_at="2026-06-02T06:00:00-04:00", recurrence_rule="FREQ=DAILY")
    items = in_range(client, "2026-06-10", "2026-06-10")["items"]
    assert [(i["starts_at"], i["ends_at"]) for i in items] == [
        ("2026-06-10T02:00:00+00:00", "2026-06-10T10:00:00+00:00"),  # began on the 9th, local
        ("2026-06-11T02:00:00+00:00", "2026-06-11T10:00:00+00:00")]


def test_an_all_day_event_becomes_local_midnights_and_an_all_day_series_repeats_by_days(client, csrf):
    in_zone(client, csrf, "Europe/Berlin")
    event = create(client, csrf, title="Holiday", all_day=True, starts_at="2026-03-28T10:00:00+01:00",
                   ends_at="2026-03-29T18:00:00+02:00")
    assert (event["starts_at"], event["ends_at"]) == ("2026-03-27T23:00:00+00:00", "2026-03-29T22:00:00+00:00")
    yearly = create(client, csrf, title="Birthday", all_day=True, starts_at="2026-03-29T00:00:00+01:00",
                    ends_at="2026-03-29T00:00:00+01:00", recurrence_rule="FREQ=YEARLY;UNTIL=20280329")
    assert yearly["recurrence_rule"] == "FREQ=YEARLY;UNTIL=20280329"
    items = [i for i in in_range(client, "2027-01-01", "2027-12-31")["items"] if i["id"] == yearly["id"]]
    assert [(i["starts_at"], i["ends_at"], i["all_day"]) for i in items] == [
        ("2027-03-28T22:00:00+00:00", "2027-03-29T22:00:00+00:00", True)]
    assert in_range(client, "2029-01-01", "2029-12-31")["items"] == []


def test_an_endless_minutely_series_is_cut_by_the_range_and_the_occurrence_cap(client, csrf):
    create(client, csrf, starts_at="2026-01-01T00:00:00Z", ends_at="2026-01-01T00:00:00Z",
           recurrence_rule="FREQ=MINUTELY;INTERVAL=5")
    one_day = in_range(client, "2026-05-05", "2026-05-05")
    assert len(one_day["items"]) == 288 and one_day["truncated"] is False
    assert one_day["items"][0]["starts_at"] == "2026-05-05T00:00:00+00:00"
    capped = in_range(client, "2026-05-05", "2027-05-05")
    assert len(capped["items"]) == 1000 and capped["truncated"] is True


def test_a_series_is_changed_and_deleted_as_a_whole(client, csrf):
    series = create(client, csrf, recurrence_rule="FREQ=DAILY;COUNT=3")
    path = f"{EVENTS}/{series['id']}"
    changed = send(client, csrf, "PATCH", path, {"recurrence_rule": "FREQ=DAILY;COUNT=5", "title": "Review"})
    assert changed.status_code == 200 and changed.json["recurrence_until"] == "2026-03-06T09:00:00+00:00"
    items = in_range(client, "2026-03-01", "2026-03-31")["items"]
    assert len(items) == 5 and {i["title"] for i in items} == {"Review"}
    moved = send(client, csrf, "PATCH", path, {"starts_at": "2026-03-10T09:00:00Z", "ends_at": "2026-03-10T10:00:00Z"})
    assert moved.status_code == 200 and moved.json["recurrence_until"] == "2026-03-14T09:00:00+00:00"
    single = send(client, csrf, "PATCH", path, {"recurrence_rule": None})
    assert single.json["recurring"] is False and single.json["recurrence_until"] is None
    assert len(in_range(client, "2026-03-01", "2026-03-31")["items"]) == 1
    assert send(client, csrf, "DELETE", path).status_code == 204
    assert in_range(client, "2026-03-01", "2026-03-31")["items"] == []


def test_a_patch_that_breaks_the_series_is_refused_and_changes_nothing(client, csrf):
    series = create(client, csrf, recurrence_rule="FREQ=WEEKLY;BYDAY=MO")
    path = f"{EVENTS}/{series['id']}"
    for body, field in [({"starts_at": "2026-03-03T09:00:00Z", "ends_at": "2026-03-03T09:30:00Z"}, "recurrence_rule"),
                        ({"starts_at": "2026-03-09T09:00:00Z"}, "ends_at"),
                        ({"ends_at": "2026-03-01T09:00:00Z"}, "ends_at"),
                        ({"recurrence_rule": "FREQ=SECONDLY"}, "recurrence_rule"), ({"title": ""}, "title"),
                        ({"title": None}, "title"), ({"id": str(uuid4())}, "id")]:
        reply = send(client, csrf, "PATCH", path, body)
        assert reply.status_code == 400 and field in reply.json["details"], (body, reply.json)
    assert client.get(path).json == series


def test_another_users_event_is_404_on_every_route_and_never_listed(dev_app):
    ada, bob = dev_app.test_client(), dev_app.test_client()
    ada_csrf, bob_csrf = dev_login(ada, "ada@example.com"), dev_login(bob, "bob@example.com")
    event = create(ada, ada_csrf, recurrence_rule="FREQ=DAILY")
    path = f"{EVENTS}/{event['id']}"
    assert bob.get(path).status_code == 404
    for method, body in (("PATCH", {"title": "Mine"}), ("DELETE", None)):
        reply = send(bob, bob_csrf, method, path, body)
        assert reply.status_code == 404 and reply.json["code"] == "not_found", method
    assert in_range(bob, "2026-03-01", "2026-03-31")["items"] == []
    assert ada.get(path).json == event
    assert send(ada, ada_csrf, "PATCH", f"{EVENTS}/{uuid4()}", {"title": "x"}).status_code == 404
    assert ada.get(f"{EVENTS}/not-a-uuid").status_code == 404


@pytest.mark.parametrize("query,field", [
    ("to=2026-03-31", "from"), ("from=2026-03-01", "to"), ("from=2026-03-31&to=2026-03-01", "to"),
    ("from=2026-01-01&to=2027-01-02", "to"), ("from=2026-02-30&to=2026-03-01", "from"),
    ("from=0001-01-01&to=0001-01-02", "from"), ("from=9999-12-30&to=9999-12-31", "from"),
    ("from=2026-03-01&to=2026-03-02&limit=5", "limit"), ("from=yesterday&to=2026-03-01", "from"),
    ("from=&to=2026-03-01", "from"),
])
def test_bad_range_queries_are_400_naming_the_field(client, csrf, query, field):
    reply = client.get(f"{EVENTS}?{query}")
    assert reply.status_code == 400 and reply.json["code"] == "validation_error"
    assert field in reply.json["details"], reply.json


def test_a_range_may_cover_366_days(client, csrf):
    assert client.get(f"{EVENTS}?from=2028-01-01&to=2028-12-31").status_code == 200
    assert client.get(f"{EVENTS}?from=2026-01-01&to=2027-01-01").status_code == 200


@pytest.mark.parametrize("rule", [
    "FREQ=SECONDLY", "FREQ=FORTNIGHTLY", "BYDAY=MO", "FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;BYDAY=TU",
    "DTSTART:20260302T090000Z\nRRULE:FREQ=DAILY", "FREQ=DAILY;DTSTART=20260302T090000Z", "FREQ=DAILY;EXDATE=20260303",
    "FREQ=DAILY;COUNT=100000", "FREQ=DAILY;COUNT=0", "FREQ=DAILY;COUNT=2;UNTIL=20260310", "FREQ=DAILY;UNTIL=20260230",
    "FREQ=DAILY;UNTIL=20260301", "FREQ=DAILY;UNTIL=99991231", "FREQ=DAILY;INTERVAL=-1", "FREQ=DAILY;INTERVAL=1e3",
    "FREQ=DAILY;BYMONTHDAY=2", "FREQ=MONTHLY;BYMONTHDAY=32", "FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=15",
    "FREQ=DAILY;FREQ=WEEKLY", "FREQ=DAILY;;", "FREQ=DAILY;X-NAME=1", "FREQ=WEEKLY;BYDAY=2MO", "FREQ=DAILY;BYHOUR=25",
    "FREQ=DAILY;INTERVAL=١", "FREQ=MONTHLY;BYSETPOS=1", "   ", "x" * 501,
])
def test_a_bad_recurrence_rule_is_400_on_recurrence_rule(client, csrf, rule):
    reply = send(client, csrf, "POST", EVENTS, {"title": "x", "starts_at": "2026-03-02T09:00:00Z",
                                               "ends_at": "2026-03-02T10:00:00Z", "recurrence_rule": rule})
    assert reply.status_code == 400 and "recurrence_rule" in reply.json["details"], reply.json
    assert in_range(client, "2026-03-01", "2026-03-31")["items"] == []


@pytest.mark.parametrize("changes,field", [
    ({"title": ""}, "title"), ({"title": "x" * 201}, "title"), ({"title": 5}, "title"), ({"title": None}, "title"),
    ({"starts_at": "2026-03-02T09:00:00"}, "starts_at"), ({"starts_at": "2026-03-02"}, "starts_at"),
    ({"ends_at": "2026-03-02T08:59:59Z"}, "ends_at"), ({"starts_at": "0001-01-01T00:00:00+14:00"}, "starts_at"),
    ({"ends_at": "9999-12-31T23:59:59-14:00"}, "ends_at"), ({"starts_at": "2026-02-30T09:00:00Z"}, "starts_at"),
    ({"all_day": "yes"}, "all_day"), ({"all_day": 1}, "all_day"), ({"color": "red"}, "color"),
    ({"description": "x" * 20_001}, "description"), ({"location": "x" * 501}, "location"),
    ({"recurrence_rule": 12}, "recurrence_rule"), ({"user_id": str(uuid4())}, "user_id"),
    ({"starts_at": 10 ** 30}, "starts_at"), ({"starts_at": None}, "starts_at"),
])
def test_bad_event_input_is_400_naming_the_field(client, csrf, changes, field):
    body = {"title": "x", "starts_at": "2026-03-02T09:00:00Z", "ends_at": "2026-03-02T10:00:00Z", **changes}
    reply = send(client, csrf, "POST", EVENTS, body)
    assert reply.status_code == 400 and reply.json["code"] == "validation_error"
    assert field in reply.json["details"], reply.json


def test_events_at_the_calendars_edges_are_accepted(client, csrf):
    early = create(client, csrf, starts_at="1900-01-01T00:00:00Z", ends_at="1900-01-01T01:00:00Z",
                   recurrence_rule="FREQ=YEARLY")
    late = create(client, csrf, starts_at="2199-12-31T10:00:00-12:00", ends_at="2199-12-31T11:00:00-12:00")
    assert late["starts_at"] == "2199-12-31T22:00:00+00:00"
    items = in_range(client, "2199-01-01", "2199-12-31")["items"]
    assert [i["id"] for i in items] == [early["id"], late["id"]]
    assert in_range(client, "1900-01-01", "1900-01-01")["items"][0]["id"] == early["id"]


def test_a_range_read_is_documented_as_not_paginated(client):
    spec = client.get("/api/v1/openapi.json").json
    operation = spec["paths"]["/api/v1/calendar/events"]["get"]
    assert "not paginated" in operation["description"]
    assert {p["name"] for p in operation["parameters"]} >= {"from", "to"}


ODD_BODIES = [None, [], "text", 1, {"title": []}, {"title": {"a": 1}}, {"starts_at": 1e308},
              {"title": "x", "starts_at": "2026-03-02T09:00:00+99:00", "ends_at": "2026-03-02T09:00:00Z"},
              {"title": "x", "starts_at": "+99999-01-01T00:00:00Z", "ends_at": "2026-03-02T09:00:00Z"},
              {"title": "x\u0000", "starts_at": "2026-03-02T09:00:00Z", "ends_at": "2026-03-02T09:00:00Z"},
              {"title": "x", "starts_at": "2026-03-02T09:00:00Z", "ends_at": "2026-03-02T09:00:00Z",
               "recurrence_rule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"},
              {"title": "x", "starts_at": "2026-03-02T09:00:00Z", "ends_at": "2026-03-02T09:00:00Z",
               "recurrence_rule": "FREQ=MONTHLY;BYDAY=MO,TH;BYSETPOS=10"},
              {"title": "x", "starts_at": "2026-03-02T09:00:00Z", "ends_at": "2026-03-02T09:00:00Z",
               "recurrence_rule": "FREQ=HOURLY;INTERVAL=24;BYHOUR=3,9"},
              {"title": "x", "starts_at": "2026-03-02T09:00:00Z", "ends_at": "2026-03-02T09:00:00Z",
               "all_day": True, "recurrence_rule": "FREQ=HOURLY"}]
ODD_QUERIES = ["from=2026-03-01&to=2026-03-01&from=2026-03-02", "from[]=1&to=2", "from=2026-3-1&to=2026-03-01",
               "from=20260301&to=20260302", "from=2026-03-01T00:00:00&to=2026-03-02", "from=%00&to=%ff",
               "from=" + "9" * 5000 + "&to=2026-03-01", "from=1900-01-01&to=1900-01-01",
               "from=2199-12-31&to=2199-12-31"]


def test_no_input_makes_a_calendar_route_answer_500(client, csrf):
    event = create(client, csrf)
    for body in ODD_BODIES:
        for method, path in (("POST", EVENTS), ("PATCH", f"{EVENTS}/{event['id']}")):
            reply = client.open(path, method=method, data=json.dumps(body), content_type="application/json",
                                headers={"X-CSRF-Token": csrf})
            assert reply.status_code in (200, 201, 400, 415), (method, body, reply.status_code, reply.get_json())
    for query in ODD_QUERIES:
        reply = client.get(f"{EVENTS}?{query}")
        assert reply.status_code in (200, 400), (query, reply.status_code, reply.get_json())
    assert datetime.fromisoformat(client.get(f"{EVENTS}/{event['id']}").json["starts_at"]).utcoffset() is not None
