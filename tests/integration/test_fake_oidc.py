"""Tests of the fake OIDC provider itself, over real HTTP on 127.0.0.1."""
from __future__ import annotations

import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests
from requests_oauthlib import OAuth2Session

from tests.support.fake_oidc import FakeOidcProvider, s256

TENANT = "11111111-2222-3333-4444-555555555555"
REDIRECT = "http://app.test/auth/callback?from=login"


@pytest.fixture(params=["google", "microsoft"])
def idp(request):
    with FakeOidcProvider(request.param, tenant_id=TENANT) as provider:
        yield provider


def _login(idp, verifier="v" * 43, nonce="n-1"):
    """Authorize with hand-made params; return (code, state)."""
    params = {"response_type": "code", "client_id": idp.client_id, "redirect_uri": REDIRECT,
              "scope": "openid email", "state": "s-1", "nonce": nonce,
              "code_challenge": s256(verifier), "code_challenge_method": "S256"}
    query = parse_qs(urlsplit(idp.authorize(f"{idp.authorization_endpoint}?{urlencode(params)}")).query)
    assert query["from"] == ["login"] and query["state"] == ["s-1"]
    return query["code"][0]


def _redeem(idp, http, code, verifier="v" * 43):
    return http.post(idp.token_endpoint, data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
        "code_verifier": verifier, "client_id": idp.client_id, "client_secret": idp.client_secret})


def _verify(idp, id_token, nonce):
    key = jwt.PyJWKClient(idp.jwks_url).get_signing_key_from_jwt(id_token).key
    claims = jwt.decode(id_token, key, algorithms=["RS256"], audience=idp.client_id,
                        issuer=idp.issuer)
    assert claims["nonce"] == nonce
    return claims


def test_discovery(idp, http):
    assert idp.base_url.startswith("http://127.0.0.1:")
    if idp.kind == "google":
        assert idp.issuer == idp.base_url
        assert idp.discovery_url == f"{idp.base_url}/.well-known/openid-configuration"
    else:
        assert idp.issuer == f"{idp.base_url}/{TENANT}/v2.0"
        assert idp.discovery_url == f"{idp.issuer}/.well-known/openid-configuration"
    doc = http.get(idp.discovery_url).json()
    assert doc["issuer"] == idp.issuer and doc["jwks_uri"] == idp.jwks_url
    assert doc["code_challenge_methods_supported"] == ["S256"]
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    assert set(doc["token_endpoint_auth_methods_supported"]) == {
        "client_secret_post", "client_secret_basic"}
    assert http.get(doc["jwks_uri"]).json()["keys"][0]["kid"] == idp.kid


@pytest.mark.parametrize("include_client_id", [None, True])
def test_code_flow_with_requests_oauthlib(idp, monkeypatch, request, include_client_id):
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    idp.login_as(sub="user-42", email="ada@example.com", name="Ada")
    session = OAuth2Session(idp.client_id, redirect_uri=REDIRECT, scope=["openid", "email"],
                            pkce="S256")
    session.trust_env = False
    request.addfinalizer(session.close)
    nonce = secrets.token_urlsafe(16)
    url, state = session.authorization_url(idp.authorization_endpoint, nonce=nonce)
    callback = idp.authorize(url)
    token = session.fetch_token(idp.token_endpoint, authorization_response=callback,
                                client_secret=idp.client_secret,
                                include_client_id=include_client_id)
    assert token["token_type"] == "Bearer" and token["expires_in"] == 3600

    claims = _verify(idp, token["id_token"], nonce)
    assert (claims["sub"], claims["email"]) == ("user-42", "ada@example.com")
    if idp.kind == "microsoft":
        assert claims["tid"] == TENANT and claims["oid"] and "email_verified" not in claims
    else:
        assert claims["email_verified"] is True

    sent = idp.token_requests[-1]
    assert idp.authorize_requests[-1]["state"] == state
    assert sent["code_verifier"] and "code_challenge" in idp.authorize_requests[-1]
    if include_client_id:  # client_id + client_secret in the body
        assert sent["client_auth_method"] == "client_secret_post"
    else:  # default: HTTP Basic, neither client_id nor client_secret in the body
        assert sent["client_auth_method"] == "client_secret_basic"
        assert "client_id" not in sent and "client_secret" not in sent


def test_wrong_code_verifier_is_invalid_grant(idp, http):
    code = _login(idp)
    resp = _redeem(idp, http, code, verifier="w" * 43)
    assert resp.status_code == 400 and resp.json()["error"] == "invalid_grant"


def test_code_used_twice_is_invalid_grant(idp, http):
    code = _login(idp)
    assert _redeem(idp, http, code).status_code == 200
    second = _redeem(idp, http, code)
    assert second.status_code == 400 and second.json()["error"] == "invalid_grant"
    assert idp.issued_codes == 1


def test_bad_client_secret_and_missing_nonce_are_rejected(idp, http):
    code = _login(idp)
    resp = http.post(idp.token_endpoint, auth=(idp.client_id, "wrong"), data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
        "code_verifier": "v" * 43})
    assert resp.status_code == 401 and resp.json()["error"] == "invalid_client"
    resp = http.get(idp.authorization_endpoint, allow_redirects=False, params={
        "response_type": "code", "client_id": idp.client_id, "redirect_uri": REDIRECT,
        "scope": "openid", "state": "s", "code_challenge": "c", "code_challenge_method": "S256"})
    assert resp.status_code == 400 and "nonce" in resp.json()["error_description"]
    assert "nonce is missing" in idp.errors


def test_deny_next_redirects_with_error_once(idp, http):
    idp.deny_next = "access_denied"
    params = {"response_type": "code", "client_id": idp.client_id, "redirect_uri": REDIRECT,
              "scope": "openid", "state": "s-9", "nonce": "n", "code_challenge": s256("v" * 43),
              "code_challenge_method": "S256"}
    location = idp.authorize(f"{idp.authorization_endpoint}?{urlencode(params)}")
    assert parse_qs(urlsplit(location).query) == {
        "from": ["login"], "error": ["access_denied"], "state": ["s-9"]}
    assert idp.issued_codes == 0
    _login(idp)  # the next one succeeds again
    assert idp.issued_codes == 1


def test_token_knobs_apply_to_the_next_token_only(idp, http):
    idp.id_token_overrides = {"aud": "someone-else"}
    bad = _redeem(idp, http, _login(idp)).json()["id_token"]
    with pytest.raises(jwt.InvalidAudienceError):
        _verify(idp, bad, "n-1")
    idp.sign_with_foreign_key = True
    forged = _redeem(idp, http, _login(idp)).json()["id_token"]
    with pytest.raises(jwt.InvalidSignatureError):
        _verify(idp, forged, "n-1")
    _verify(idp, _redeem(idp, http, _login(idp)).json()["id_token"], "n-1")


def test_stop_closes_the_port():
    idp = FakeOidcProvider("google").start()
    url = idp.discovery_url
    idp.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=2)
