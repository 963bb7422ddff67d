"""OpenID Connect login (Google, Microsoft Entra ID) through requests-oauthlib and PyJWT.

Endpoints, issuer and signing keys come from the provider's discovery document, so tests
point the discovery URL at a fake provider on loopback and this exact code runs.
"""
from __future__ import annotations

import re
import secrets
import threading

import jwt
import requests
from oauthlib.oauth2 import OAuth2Error
from requests_oauthlib import OAuth2Session

from domain.errors import LoginFailed
from domain.identity import Identity
from ports.outbound.identity_provider import IdentityProvider

SCOPES = ["openid", "email", "profile"]
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
MULTI_TENANT = {"common", "organizations", "consumers"}


class OidcIdentityProvider(IdentityProvider):
    def __init__(self, name: str, *, client_id: str, client_secret: str, discovery_url: str,
                 tenant_id: str | None = None, timeout_s: float = 5.0) -> None:
        self.name = name
        self.client_id, self.client_secret = client_id, client_secret
        self.discovery_url, self.tenant_id, self.timeout_s = discovery_url, tenant_id, timeout_s
        self._metadata: dict | None = None
        self._keys: jwt.PyJWKClient | None = None
        self._lock = threading.Lock()

    def metadata(self) -> dict:
        """The discovery document, fetched once per process (again after a failure)."""
        with self._lock:
            if self._metadata is None:
                try:
                    reply = requests.get(self.discovery_url, timeout=self.timeout_s)
                    reply.raise_for_status()
                    document = reply.json()
                except (requests.RequestException, ValueError) as error:
                    raise LoginFailed(f"The {self.name} login service is unreachable.") from error
                missing = {"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"} - set(document)
                if missing:
                    raise LoginFailed(f"The {self.name} discovery document lacks {', '.join(sorted(missing))}.")
                self._metadata = document
                self._keys = jwt.PyJWKClient(document["jwks_uri"], cache_keys=True, timeout=self.timeout_s)
            return self._metadata

    def authorization_url(self, *, redirect_uri, state, nonce, code_challenge):
        client = OAuth2Session(self.client_id, redirect_uri=redirect_uri, scope=SCOPES)
        url, _ = client.authorization_url(
            self.metadata()["authorization_endpoint"], state=state, nonce=nonce, code_challenge=code_challenge,
            code_challenge_method="S256", response_mode="query", prompt="select_account")
        return url

    def identity(self, *, redirect_uri, code, code_verifier, nonce):
        claims = self._claims(self._exchange(redirect_uri, code, code_verifier), nonce)
        if self.name == "microsoft":
            self._check_tenant(claims)
            return Identity(provider=self.name, subject=str(claims["sub"]),
                            email=claims.get("email") or claims.get("preferred_username"), email_verified=False,
                            name=claims.get("name"), extra={"oid": claims.get("oid"), "tid": claims.get("tid")})
        verified = claims.get("email_verified") in (True, "true")
        return Identity(provider=self.name, subject=str(claims["sub"]), email=claims.get("email"),
                        email_verified=verified, name=claims.get("name"))

    def _exchange(self, redirect_uri: str, code: str, code_verifier: str) -> str:
        client = OAuth2Session(self.client_id, redirect_uri=redirect_uri, scope=SCOPES)
        try:
            token = client.fetch_token(self.metadata()["token_endpoint"], code=code,
                                       client_secret=self.client_secret, code_verifier=code_verifier,
                                       timeout=self.timeout_s)
        except OAuth2Error as error:
            raise LoginFailed(f"The {self.name} login service refused the code ({error.error}).") from error
        except requests.RequestException as error:
            raise LoginFailed(f"The {self.name} login service is unreachable.") from error
        if not token.get("id_token"):
            raise LoginFailed(f"The {self.name} login service sent no ID token.")
        return token["id_token"]

    def _claims(self, id_token: str, nonce: str) -> dict:
        """Verify signature (JWKS), issuer, audience, expiry and nonce."""
        metadata = self.metadata()
        try:
            key = self._keys.get_signing_key_from_jwt(id_token).key
            unverified_iss = jwt.decode(id_token, options={"verify_signature": False}).get("iss")
            claims = jwt.decode(id_token, key, algorithms=["RS256"], audience=self.client_id,
                                issuer=self._expected_issuer(metadata["issuer"], unverified_iss), leeway=60,
                                options={"require": ["iss", "aud", "exp", "iat", "sub"]})
        except (jwt.PyJWTError, KeyError) as error:
            raise LoginFailed(f"The {self.name} ID token is not valid ({error}).") from error
        if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
            raise LoginFailed(f"The {self.name} ID token does not answer this login (nonce).")
        return claims

    def _expected_issuer(self, issuer: str, token_issuer: str | None) -> str:
        """Entra's multi-tenant documents say {tenantid}; the token's own tid fills it in."""
        if "{tenantid}" not in issuer:
            return issuer
        tid = (token_issuer or "").rstrip("/").split("/")[-2:-1]
        return issuer.replace("{tenantid}", tid[0] if tid else "")

    def _check_tenant(self, claims: dict) -> None:
        tid = str(claims.get("tid", ""))
        if not GUID.match(tid) or f"/{tid.lower()}/" not in f"{str(claims['iss']).lower()}/":
            raise LoginFailed("The Microsoft ID token has no valid tenant (tid).")
        if self.tenant_id and self.tenant_id.lower() not in MULTI_TENANT and tid != self.tenant_id.lower():
            raise LoginFailed("The Microsoft ID token is from another tenant.")
