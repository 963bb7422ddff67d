"""What the HTTP layer needs to know of the configuration, handed in by the composition root."""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass


@dataclass(frozen=True)
class WebConfig:
    public_url: str
    auth_secret: str
    cookie_secure: bool = True
    allowed_origins: tuple[str, ...] = ()
    admin_emails: frozenset[str] = frozenset()
    dev_login: bool = False
    production: bool = False
    trust_proxy: str = "none"
    metrics_token: str | None = None
    provider_names: tuple[str, ...] = ()

    def key(self, purpose: str) -> bytes:
        """A separate key per purpose, so a CSRF token can never stand in for anything else."""
        return hmac.new(self.auth_secret.encode(), f"ignition/{purpose}".encode(), hashlib.sha256).digest()

    def origin_allowed(self, origin: str) -> bool:
        return origin.lower() in (self.public_url, *self.allowed_origins)
