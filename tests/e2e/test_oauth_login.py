"""The OAuth code flow end to end: the app, real HTTP to a fake provider on loopback, Postgres.

The app runs with production settings (Secure cookies, no dev login); the provider's
discovery URLs point at the fake, so the product's requests-oauthlib + PyJWT code runs.
"""
from __future__ import annotations

import uuid
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import psycopg
import pytest

from tests.e2e.conftest import PUBLIC_URL, dev_login, https_client
from tests.support.fake_oidc import FakeOidcProvider

TENANT = "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
PROVIDERS = ("google", "microsoft")


@pytest.fixture(scope="module")
def idps():
    with FakeOidcProvider("google") as google, FakeOidcProvider("microsoft", tenant_id=TENANT) as microsoft:
        yield {"google": google, "microsoft": microsoft}


@pytest.fixture
def oauth_app(make_app, idps):
    google, microsoft = idps["google"], idps["microsoft"]
    return make_app(
        IGNITION_ENV="production", ADMIN_EMAILS="boss@example.com",
        GOOGLE_CLIENT_ID=google.client_id, GOOGLE_CLIENT_SECRET=google.client_secret,
        GOOGLE_DISCOVERY_URL=google.discovery_url,
        AZURE_AD_CLIENT_ID=microsoft.client_id, AZURE_AD_CLIENT_SECRET=microsoft.client_secret,
        AZURE_AD_TENANT_ID=TENANT, MICROSOFT_DISCOVERY_URL=microsoft.discovery_url, METRICS_TOKEN="m" * 20)


@pytest.fixture
def browser(oauth_app):
    return https_client(oauth_app)


def start_login(browser, provider: str, redirect: str = "/habits") -> str:
    reply = browser.get(f"/auth/{provider}/login?" + urlencode({"redirect": redirect}))
    assert reply.status_code == 302
    return reply.headers["Location"]


def come_back(browser, callback_url: str):
    """Follow the provider's redirect back into the app (the browser's second hop)."""
    assert callback_url.startswith(PUBLIC_URL + "/auth/")
    return browser.get(callback_url[len(PUBLIC_URL):])


def login(browser, idp, provider: str, redirect: str = "/habits"):
    return come_back(browser, idp.authorize(start_login(browser, provider, redirect)))


def set_cookies(reply) -> dict[str, dict]:
    found = {}
    for header in reply.headers.getlist("Set-Cookie"):
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            found[name] = {"value": morsel.value, **{k: morsel[k] for k in ("path", "samesite", "max-age", "domain")},
                           "secure": "Secure" in header, "httponly": "HttpOnly" in header}
    return found


def count(database_url: str, table: str) -> int:
    with psycopg.connect(database_url.replace("+psycopg", "")) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_first_login_creates_the_user_and_sets_safe_cookies(browser, idps, provider):
    idp = idps[provider]
    idp.login_as(sub=f"sub-{uuid.uuid4()}", email=f"{provider}-user@example.com", name="Grace")
    reply = login(browser, idp, provider, redirect="/habits?tab=week")
    assert reply.status_code == 302
    assert reply.headers["Location"] == "/habits?tab=week"
    cookies = set_cookies(reply)
    for name in ("ignition_session", "ignition_csrf"):
        assert cookies[name]["secure"] and cookies[name]["httponly"], name
        assert cookies[name]["samesite"] == "Lax" and cookies[name]["path"] == "/"
        assert cookies[name]["domain"] == "" and cookies[name]["max-age"] == str(30 * 24 * 3600)
    assert reply.headers["X-CSRF-Token"] == cookies["ignition_csrf"]["value"]
    me = browser.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json["name"] == "Grace" and me.json["role"] == "user"
    assert me.json["email_verified"] is (provider == "google")


@pytest.mark.parametrize("provider", PROVIDERS)
def test_the_provider_gets_state_nonce_and_an_s256_challenge(browser, idps, provider):
    location = start_login(browser, provider)
    query = parse_qs(urlsplit(location).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["redirect_uri"] == [f"{PUBLIC_URL}/auth/{provider}/callback"]
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32 and len(query["code_challenge"][0]) == 43
    assert "openid" in query["scope"][0].split()


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_second_login_reaches_the_same_account(browser, oauth_app, idps, provider):
    idp = idps[provider]
    sub = f"stable-{uuid.uuid4()}"
    idp.login_as(sub=sub, email="first@example.com")
    first = login(browser, idp, provider)
    first_id = browser.get("/api/v1/me").json["id"]
    other = https_client(oauth_app)
    idp.login_as(sub=sub, email="renamed@example.com")
    second = login(other, idp, provider)
    assert first.status_code == second.status_code == 302
    assert other.get("/api/v1/me").json["id"] == first_id


def test_a_replayed_state_is_refused_and_makes_no_session(browser, idps, database_url):
    idp = idps["google"]
    idp.login_as(sub=f"replay-{uuid.uuid4()}", email="replay@example.com")
    callback = idp.authorize(start_login(browser, "google"))
    assert come_back(browser, callback).status_code == 302
    sessions_before = count(database_url, "sessions")
    code = parse_qs(urlsplit(callback).query)["code"][0]
    replay = come_back(browser, callback.replace(code, code + "x"))
    assert replay.status_code == 400
    assert replay.json["code"] == "login_failed"
    assert "ignition_session" not in set_cookies(replay)
    assert count(database_url, "sessions") == sessions_before


def test_a_tampered_state_is_refused(browser, idps, database_url):
    callback = idps["google"].authorize(start_login(browser, "google"))
    state = parse_qs(urlsplit(callback).query)["state"][0]
    reply = come_back(browser, callback.replace(state, state[:-2] + "zz"))
    assert reply.status_code == 400
    assert "ignition_session" not in set_cookies(reply)
    assert count(database_url, "sessions") == 0


def test_a_state_from_another_browser_is_refused(oauth_app, browser, idps, database_url):
    callback = idps["google"].authorize(start_login(browser, "google"))
    stranger = https_client(oauth_app)
    reply = come_back(stranger, callback)
    assert reply.status_code == 400
    assert count(database_url, "sessions") == 0


def test_a_state_for_the_other_provider_is_refused(browser, idps, database_url):
    callback = idps["google"].authorize(start_login(browser, "google"))
    reply = come_back(browser, callback.replace("/auth/google/", "/auth/microsoft/"))
    assert reply.status_code == 400
    assert count(database_url, "sessions") == 0


def test_a_wrong_pkce_verifier_is_rejected_by_the_provider_and_makes_no_session(browser, idps, database_url):
    idp = idps["google"]
    location = start_login(browser, "google")
    parts = urlsplit(location)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query["code_challenge"] = "A" * 43  # the provider now expects another verifier
    callback = idp.authorize(urlunsplit(parts._replace(query=urlencode(query))))
    reply = come_back(browser, callback)
    assert reply.status_code == 400
    assert idp.token_requests[-1]["code_verifier"]  # the app did send its verifier
    assert count(database_url, "sessions") == 0


@pytest.mark.parametrize("target", ["https://evil.example/x", "//evil.example", "/\\evil.example", "javascript:x"])
def test_an_open_redirect_is_ignored(browser, idps, target):
    idps["google"].login_as(sub=f"redir-{uuid.uuid4()}", email="redir@example.com")
    reply = login(browser, idps["google"], "google", redirect=target)
    assert reply.status_code == 302
    assert reply.headers["Location"] == "/today"


def test_a_provider_error_is_a_400_and_spends_the_state(browser, idps, database_url):
    idps["google"].deny_next = "access_denied"
    callback = idps["google"].authorize(start_login(browser, "google"))
    reply = come_back(browser, callback)
    assert reply.status_code == 400 and "access_denied" in reply.json["error"]
    assert count(database_url, "oauth_states") == 0
    assert count(database_url, "sessions") == 0


@pytest.mark.parametrize("provider,overrides", [
    ("google", {"aud": "someone-else"}), ("google", {"nonce": "not-this-one"}), ("google", {"iss": "https://x"}),
    ("google", {"exp": 1_000_000}), ("microsoft", {"tid": "not-a-guid"}),
    ("microsoft", {"tid": "11111111-2222-3333-4444-555555555555"}),
])
def test_a_bad_id_token_makes_no_session(browser, idps, database_url, provider, overrides):
    idps[provider].id_token_overrides = overrides
    reply = login(browser, idps[provider], provider)
    assert reply.status_code == 400
    assert count(database_url, "sessions") == 0


def test_an_id_token_signed_by_another_key_makes_no_session(browser, idps, database_url):
    idps["google"].sign_with_foreign_key = True
    assert login(browser, idps["google"], "google").status_code == 400
    assert count(database_url, "sessions") == 0


def test_an_unverified_google_email_is_refused(browser, idps, database_url):
    idps["google"].login_as(sub=f"unverified-{uuid.uuid4()}", email="maybe@example.com", email_verified=False)
    reply = login(browser, idps["google"], "google")
    assert reply.status_code == 400 and reply.json["code"] == "email_unverified"
    assert count(database_url, "users") == 0


def test_a_new_identity_with_a_taken_email_is_not_linked_automatically(oauth_app, browser, idps, database_url):
    idps["google"].login_as(sub=f"owner-{uuid.uuid4()}", email="taken@example.com")
    assert login(browser, idps["google"], "google").status_code == 302
    intruder = https_client(oauth_app)
    idps["google"].login_as(sub=f"other-{uuid.uuid4()}", email="taken@example.com")
    reply = login(intruder, idps["google"], "google")
    assert reply.status_code == 400 and reply.json["code"] == "account_not_linked"
    assert count(database_url, "users") == 1


def test_a_signed_in_user_links_a_second_provider(browser, idps, database_url):
    idps["google"].login_as(sub=f"g-{uuid.uuid4()}", email="linker@example.com")
    login(browser, idps["google"], "google")
    me = browser.get("/api/v1/me").json
    idps["microsoft"].login_as(sub=f"m-{uuid.uuid4()}", email="linker@example.com")
    link = browser.get("/auth/microsoft/link?redirect=/settings")
    assert link.status_code == 302
    reply = come_back(browser, idps["microsoft"].authorize(link.headers["Location"]))
    assert reply.status_code == 302 and reply.headers["Location"] == "/settings"
    assert browser.get("/api/v1/me").json["id"] == me["id"]
    assert count(database_url, "accounts") == 2 and count(database_url, "users") == 1


def test_linking_needs_a_session(oauth_app):
    reply = https_client(oauth_app).get("/auth/microsoft/link")
    assert reply.status_code == 401


def test_admin_emails_grant_the_admin_role_at_login(browser, idps):
    idps["google"].login_as(sub=f"boss-{uuid.uuid4()}", email="boss@example.com")
    login(browser, idps["google"], "google")
    assert browser.get("/api/v1/me").json["role"] == "admin"


def test_an_unverified_microsoft_email_never_grants_admin(browser, idps):
    idps["microsoft"].login_as(sub=f"ms-boss-{uuid.uuid4()}", email="boss@example.com")
    assert login(browser, idps["microsoft"], "microsoft").status_code == 302
    me = browser.get("/api/v1/me").json
    assert me["role"] == "user" and me["email_verified"] is False


def test_login_rotates_the_session(browser, idps, database_url):
    idps["google"].login_as(sub=f"rotate-{uuid.uuid4()}", email="rotate@example.com")
    first = set_cookies(login(browser, idps["google"], "google"))["ignition_session"]["value"]
    second = set_cookies(login(browser, idps["google"], "google"))["ignition_session"]["value"]
    assert first != second
    assert count(database_url, "sessions") == 1


def test_an_unknown_provider_is_not_found(browser):
    assert browser.get("/auth/github/login").status_code == 404


def test_the_development_login_path_is_no_provider_s(dev_app):
    """Found by the fuzzer: /auth/dev/login matched /auth/<provider>/login too, so OPTIONS offered GET."""
    client = dev_app.test_client()
    allow = client.open("/auth/dev/login", method="OPTIONS").headers["Allow"]
    assert {method.strip() for method in allow.split(",")} == {"POST", "OPTIONS"}
    dev_login(client)
    reply = client.get("/auth/dev/login")
    assert (reply.status_code, reply.json["code"]) == (405, "method_not_allowed")


def test_dev_login_is_not_found_in_production(browser):
    reply = browser.post("/auth/dev/login", json={"email": "dev@example.com"})
    assert reply.status_code == 404 and reply.json["code"] == "not_found"


def test_providers_lists_both(browser):
    reply = browser.get("/auth/providers")
    assert [p["id"] for p in reply.json["providers"]] == ["google", "microsoft"]
    assert reply.json["dev_login"] is False


def test_no_token_code_state_or_cookie_reaches_the_logs(browser, idps, caplog):
    from ignition.logs import json_formatter

    idps["google"].login_as(sub=f"quiet-{uuid.uuid4()}", email="quiet@example.com")
    with caplog.at_level("DEBUG"):
        location = start_login(browser, "google")
        callback = idps["google"].authorize(location)
        reply = come_back(browser, callback)
        browser.get("/api/v1/me")
    query = parse_qs(urlsplit(callback).query)
    cookies = set_cookies(reply)
    secrets_seen = [query["code"][0], query["state"][0], parse_qs(urlsplit(location).query)["nonce"][0],
                    cookies["ignition_session"]["value"], cookies["ignition_csrf"]["value"],
                    idps["google"].client_secret]
    formatter = json_formatter()
    text = "\n".join(formatter.format(record) for record in caplog.records)
    assert "/auth/google/callback" in text  # the requests were logged …
    for secret in secrets_seen:
        assert secret not in text  # … without a single secret


def test_extra_parameters_the_provider_adds_to_the_callback_are_ignored(browser, idps):
    idps["google"].login_as(sub=f"extra-{uuid.uuid4()}", email="extra@example.com")
    callback = idps["google"].authorize(start_login(browser, "google"))
    reply = come_back(browser, callback + "&scope=openid+email&authuser=0&prompt=none&hd=example.com")
    assert reply.status_code == 302 and "ignition_session" in set_cookies(reply)
