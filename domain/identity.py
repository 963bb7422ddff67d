"""Identities asserted by OpenID providers, and the rules of a login transaction."""
from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID

from domain.errors import EmailUnverified

PROVIDERS = ("google", "microsoft")
LOGIN_TRANSACTION_TTL = timedelta(minutes=10)
DEFAULT_REDIRECT = "/today"


@dataclass(frozen=True)
class Identity:
    """Who the provider says logged in, keyed by (provider, subject) — never by email."""

    provider: str
    subject: str
    email: str | None
    email_verified: bool
    name: str | None = None
    extra: dict = field(default_factory=dict)  # oid / tid for Microsoft

    def check_allowed(self) -> None:
        """Google states email_verified; an unverified Google email is refused outright."""
        if self.provider == "google" and not self.email_verified:
            raise EmailUnverified()

    @property
    def verified_email(self) -> str | None:
        return self.email.lower() if self.email and self.email_verified else None


@dataclass
class LoginTransaction:
    """One pending authorization request: state, PKCE verifier and nonce, used once."""

    id: UUID
    provider: str
    state_hash: bytes
    code_verifier: str
    nonce: str
    redirect_to: str
    browser_hash: bytes
    created_at: datetime
    expires_at: datetime
    link_user_id: UUID | None = None

    def matches(self, provider: str, browser_binding: str, now: datetime) -> bool:
        return (self.provider == provider and now < self.expires_at
                and secrets.compare_digest(self.browser_hash, digest(browser_binding)))


def digest(value: str) -> bytes:
    """SHA-256 of a secret's UTF-8 bytes: how secrets are stored at rest."""
    return hashlib.sha256(value.encode()).digest()


def random_secret() -> str:
    return secrets.token_urlsafe(32)


def pkce_challenge(verifier: str) -> str:
    """RFC 7636 S256: BASE64URL(SHA256(verifier)) without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode()


def safe_redirect(target: str | None) -> str:
    """A same-site relative path, or the default: never another origin."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return DEFAULT_REDIRECT
    if any(ch in target for ch in "\\\r\n\t") or any(ord(ch) < 0x20 for ch in target):
        return DEFAULT_REDIRECT
    if len(target) > 2000:
        return DEFAULT_REDIRECT
    return target
