"""An in-memory OpenID provider for use-case tests.

Like a real one, it issues a code per authorization request and, when the code comes
back, checks the redirect URI, the PKCE verifier against the recorded S256 challenge and
the nonce before it answers with `next_identity`. A code works once. A test plays the
browser: `begin_login` returns the URL, `code_for(state)` is what the provider would have
appended to the callback.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from domain.errors import LoginFailed
from domain.identity import Identity, pkce_challenge
from ports.outbound.identity_provider import IdentityProvider


@dataclass(frozen=True)
class AuthorizationRequest:
    """What the browser carried to the provider, and the code the provider issued for it."""

    redirect_uri: str
    state: str
    nonce: str
    code_challenge: str
    code: str


class FakeIdentityProvider(IdentityProvider):
    def __init__(self, name: str = "google", next_identity: Identity | None = None) -> None:
        self.name = name
        self.next_identity = next_identity
        self.requests: list[AuthorizationRequest] = []
        self._pending: dict[str, AuthorizationRequest] = {}  # code → request; popped when redeemed

    def authorization_url(self, *, redirect_uri, state, nonce, code_challenge):
        request = AuthorizationRequest(redirect_uri, state, nonce, code_challenge, secrets.token_urlsafe(16))
        self.requests.append(request)
        self._pending[request.code] = request
        query = urlencode({"response_type": "code", "redirect_uri": redirect_uri, "state": state, "nonce": nonce,
                           "code_challenge": code_challenge, "code_challenge_method": "S256"})
        return f"https://idp.test/{self.name}/authorize?{query}"

    def code_for(self, state: str) -> str:
        """The code the provider sent back with this state (the last one, if asked twice)."""
        return next(r.code for r in reversed(self.requests) if r.state == state)

    def identity(self, *, redirect_uri, code, code_verifier, nonce):
        request = self._pending.pop(code, None)
        if request is None or request.redirect_uri != redirect_uri:
            raise LoginFailed(f"The {self.name} login service refused the code.")
        if not secrets.compare_digest(pkce_challenge(code_verifier), request.code_challenge):
            raise LoginFailed(f"The {self.name} login service refused the code (PKCE verifier).")
        if not secrets.compare_digest(nonce, request.nonce):
            raise LoginFailed(f"The {self.name} ID token does not answer this login (nonce).")
        if self.next_identity is None:
            raise LoginFailed(f"The {self.name} login service sent no ID token.")
        return self.next_identity
