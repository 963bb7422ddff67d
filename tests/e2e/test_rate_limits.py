"""Rate limits per client IP (DESIGN §4): three buckets, 429 JSON with Retry-After."""
from __future__ import annotations

import time

import pytest

from ignition.localpg import free_port
from tests.e2e.conftest import dev_login


@pytest.fixture
def limited(make_app):
    return make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", RATELIMIT_ENABLED="1",
                    PUBLIC_URL="http://127.0.0.1:8000", ADMIN_EMAILS="root@example.com")


def login(client, email="a@example.com", **headers):
    return client.post("/auth/dev/login", json={"email": email}, headers=headers)


def test_the_login_surface_allows_ten_a_minute_then_answers_429_json(limited):
    client = limited.test_client()
    replies = [login(client) for _ in range(11)]
    assert [r.status_code for r in replies[:10]] == [200] * 10
    refused = replies[10]
    assert refused.status_code == 429 and refused.json["code"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) > 0 and refused.headers["X-RateLimit-Limit"] == "10"


def test_the_general_bucket_allows_300_a_minute_and_is_separate_from_login(limited):
    client = limited.test_client()
    login(client)
    replies = [client.get("/api/v1/me") for _ in range(301)]
    assert all(r.status_code == 200 for r in replies[:300])
    assert replies[300].status_code == 429 and replies[300].headers["X-RateLimit-Limit"] == "300"
    assert login(client).status_code == 200  # the login bucket has 9 left


def test_the_admin_api_has_its_own_bucket_of_100(limited):
    admin = limited.test_client()
    csrf = dev_login(admin, "root@example.com")
    me = admin.get("/api/v1/me").json["id"]
    path, body = f"/api/v1/admin/users/{me}/wallet", {"delta": 1, "reason": "tick"}
    codes = [admin.post(path, json=body, headers={"X-CSRF-Token": csrf}).status_code for _ in range(101)]
    assert codes[:100] == [201] * 100 and codes[100] == 429
    assert admin.get("/api/v1/me").status_code == 200  # the general bucket is untouched


def test_health_and_metrics_are_not_limited(limited):
    client = limited.test_client()
    assert all(client.get("/health/live").status_code == 200 for _ in range(350))


def test_cloudflares_client_ip_counts_only_when_trusted(make_app):
    trusting = make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", RATELIMIT_ENABLED="1",
                        TRUST_PROXY="cloudflare").test_client()
    for n in range(10):
        assert login(trusting, **{"CF-Connecting-IP": "203.0.113.7"}).status_code == 200
    assert login(trusting, **{"CF-Connecting-IP": "203.0.113.7"}).status_code == 429
    assert login(trusting, **{"CF-Connecting-IP": "203.0.113.8"}).status_code == 200

    naive = make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", RATELIMIT_ENABLED="1").test_client()
    for n in range(10):
        assert login(naive, **{"CF-Connecting-IP": f"203.0.113.{n}"}).status_code == 200
    assert login(naive, **{"CF-Connecting-IP": "198.51.100.1"}).status_code == 429  # the header was ignored


def test_rate_limiting_can_be_turned_off(make_app):
    client = make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", RATELIMIT_ENABLED="0").test_client()
    assert all(login(client).status_code == 200 for _ in range(15))


def test_headers_count_down_within_the_clock_aligned_window(limited):
    client = limited.test_client()
    first, second = client.get("/api/v1/me"), client.get("/api/v1/me")
    assert first.status_code == second.status_code == 401
    assert int(first.headers["X-RateLimit-Remaining"]) - int(second.headers["X-RateLimit-Remaining"]) == 1
    reset = int(second.headers["X-RateLimit-Reset"])
    assert reset % 60 == 0 and 0 < reset - time.time() <= 60


def test_requests_without_a_session_count_before_the_session_check(limited):
    client = limited.test_client()
    codes = [client.get("/api/v1/me", headers={"Cookie": f"ignition_session=guess{n}"}).status_code
             for n in range(301)]
    assert codes[:300] == [401] * 300 and codes[300] == 429


def test_a_counter_store_that_does_not_answer_is_503_not_500(make_app):
    client = make_app(RATELIMIT_ENABLED="1", RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}/0").test_client()
    reply = client.get("/api/v1/me")
    assert reply.status_code == 503 and reply.json["code"] == "unavailable"
    assert reply.headers["Retry-After"] == "5"
    assert client.get("/health/live").status_code == 200  # what is not limited does not need the store
