"""Identities, login transactions, PKCE and redirect targets."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import EmailUnverified
from domain.identity import (DEFAULT_REDIRECT, LOGIN_TRANSACTION_TTL, Identity, LoginTransaction, digest,
                             pkce_challenge, safe_redirect)

T0 = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("target", ["/today", "/focus?mode=break", "/goals/3#milestones", "/a/b/c"])
def test_a_relative_path_is_kept(target):
    assert safe_redirect(target) == target


@pytest.mark.parametrize("target", [
    "//evil.example", "//evil.example/today", "/\\evil.example", "https://evil.example", "http://evil.example/x",
    "javascript:alert(1)", "today", "", None, "/today\r\nSet-Cookie: x=1", "/to\tday", "/to\x00day",
    "/to\x1bday", "/a\\b",
])
def test_anything_but_a_same_site_path_goes_to_today(target):
    assert safe_redirect(target) == DEFAULT_REDIRECT == "/today"


def test_a_very_long_path_goes_to_today():
    assert safe_redirect("/" + "a" * 1999) == "/" + "a" * 1999
    assert safe_redirect("/" + "a" * 2000) == "/today"


def test_the_pkce_challenge_matches_rfc_7636_appendix_b():
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert pkce_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_the_pkce_challenge_is_unpadded_base64url():
    challenge = pkce_challenge("a" * 43)
    assert len(challenge) == 43
    assert not set(challenge) & set("=+/")


def test_a_digest_is_the_sha256_of_the_utf8_bytes():
    assert digest("abc").hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert digest("é") != digest("e")


def identity(provider="google", email="Ada@Example.com", verified=True):
    return Identity(provider=provider, subject="sub-1", email=email, email_verified=verified)


def test_a_google_identity_with_an_unverified_email_is_refused():
    with pytest.raises(EmailUnverified):
        identity(verified=False).check_allowed()


def test_a_google_identity_with_a_verified_email_is_allowed():
    identity().check_allowed()


def test_a_microsoft_identity_is_allowed_although_its_email_is_unverified():
    identity(provider="microsoft", verified=False).check_allowed()


def test_the_verified_email_is_lowercased():
    assert identity().verified_email == "ada@example.com"


def test_an_unverified_email_is_no_verified_email():
    assert identity(provider="microsoft", verified=False).verified_email is None


def test_a_missing_email_is_no_verified_email():
    assert identity(email=None).verified_email is None


def transaction(provider="google", binding="browser-1"):
    return LoginTransaction(
        id=uuid4(), provider=provider, state_hash=digest("state"), code_verifier="v" * 64, nonce="n",
        redirect_to="/today", browser_hash=digest(binding), created_at=T0, expires_at=T0 + LOGIN_TRANSACTION_TTL)


def test_a_transaction_matches_its_provider_and_browser_before_it_expires():
    assert transaction().matches("google", "browser-1", T0 + timedelta(minutes=9))


def test_a_transaction_does_not_match_another_provider():
    assert not transaction().matches("microsoft", "browser-1", T0)


def test_a_transaction_does_not_match_another_browser():
    assert not transaction().matches("google", "browser-2", T0)


def test_a_transaction_does_not_match_once_it_expires():
    assert LOGIN_TRANSACTION_TTL <= timedelta(minutes=15)
    assert not transaction().matches("google", "browser-1", T0 + LOGIN_TRANSACTION_TTL)
