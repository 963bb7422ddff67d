"""The fake provider's consent page, which the browser test clicks through: shown, approved once."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests

from tests.support.fake_oidc import FakeOidcProvider, s256

REDIRECT = "http://127.0.0.1:9/auth/google/callback"


@pytest.fixture
def idp():
    with FakeOidcProvider("google", consent_page=True) as provider:
        provider.login_as(sub="consenting", email="o'brien&co@example.com")
        yield provider


def consent_page(idp, http) -> requests.Response:
    params = {"response_type": "code", "client_id": idp.client_id, "redirect_uri": REDIRECT, "scope": "openid email",
              "state": "s-1", "nonce": "n-1", "code_challenge": s256("v" * 43), "code_challenge_method": "S256"}
    return http.get(f"{idp.authorization_endpoint}?{urlencode(params)}", allow_redirects=False, timeout=10)


def approve(idp, http, page: requests.Response) -> requests.Response:
    consent = re.search(r'name="consent" value="([^"]+)"', page.text).group(1)
    return http.post(f"{idp.base_url}/consent", data={"consent": consent}, allow_redirects=False, timeout=10)


def test_authorize_shows_whom_the_login_is_for_and_issues_no_code_yet(idp, http):
    page = consent_page(idp, http)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "Continue as o&#x27;brien&amp;co@example.com</button>" in page.text
    assert idp.issued_codes == 0


def test_continuing_redirects_back_with_a_code_for_the_identity_shown(idp, http):
    page = consent_page(idp, http)
    idp.login_as(sub="someone-else", email="later@example.com")  # after the page was shown
    back = approve(idp, http, page)
    assert back.status_code == 302
    query = parse_qs(urlsplit(back.headers["Location"]).query)
    assert back.headers["Location"].startswith(REDIRECT + "?") and query["state"] == ["s-1"]
    token = http.post(idp.token_endpoint, data={
        "grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": REDIRECT,
        "code_verifier": "v" * 43, "client_id": idp.client_id, "client_secret": idp.client_secret}, timeout=10)
    claims = jwt.decode(token.json()["id_token"], options={"verify_signature": False})
    assert (claims["sub"], claims["email"]) == ("consenting", "o'brien&co@example.com")


def test_a_consent_is_used_once(idp, http):
    page = consent_page(idp, http)
    assert approve(idp, http, page).status_code == 302
    again = approve(idp, http, page)
    assert again.status_code == 400 and idp.errors == ["consent is unknown or already used"]
    assert idp.issued_codes == 1


def test_without_the_knob_authorize_approves_at_once_and_has_no_consent_route(http):
    with FakeOidcProvider("google") as plain:
        assert consent_page(plain, http).status_code == 302
        assert http.post(f"{plain.base_url}/consent", data={"consent": "x"}, timeout=10).status_code == 404
