"""An OpenID Connect provider (Google, Microsoft Entra ID) as the core needs it."""
from __future__ import annotations

from abc import ABC, abstractmethod

from domain.identity import Identity


class IdentityProvider(ABC):
    name: str

    @abstractmethod
    def authorization_url(self, *, redirect_uri: str, state: str, nonce: str, code_challenge: str) -> str:
        """Where to send the browser: the code flow with state, nonce and an S256 PKCE challenge."""

    @abstractmethod
    def identity(self, *, redirect_uri: str, code: str, code_verifier: str, nonce: str) -> Identity:
        """Exchange the code and validate the ID token; raise LoginFailed when anything is off."""
