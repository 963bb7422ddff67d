"""Settings: the only module that reads the environment (names of DESIGN §2).

`Settings.from_env()` parses and validates everything once at start-up. In production,
`unsafe()` lists the settings that make the process refuse to start; `warnings()` lists
the ones that are allowed but logged.
"""
from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass, field
from typing import Mapping
from urllib.parse import urlsplit

ENVIRONMENTS = ("development", "test", "production")
GOOGLE_DISCOVERY = "https://accounts.google.com/.well-known/openid-configuration"
MICROSOFT_DISCOVERY = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration"


class SettingsError(ValueError):
    """A setting is missing, malformed or unsafe; the message names it."""


@dataclass(frozen=True)
class ProviderSettings:
    """One OpenID Connect provider's registration."""

    name: str
    client_id: str
    client_secret: str
    discovery_url: str
    tenant_id: str | None = None
    discovery_variable: str = ""


@dataclass(frozen=True)
class Settings:
    env: str = "production"
    database_url: str | None = None
    public_url: str = "http://127.0.0.1:8000"
    auth_secret: str = ""
    auth_secret_generated: bool = False
    allowed_origins: tuple[str, ...] = ()
    admin_emails: frozenset[str] = frozenset()
    dev_login: bool = False
    cookie_secure: bool = True
    providers: tuple[ProviderSettings, ...] = ()
    blob_store: str = "filesystem"
    blob_dir: str = "./.data/blobs"
    blob_max_mb: Mapping[str, int] = field(default_factory=lambda: {"image": 10, "document": 25, "audio": 200})
    tracks_presigned_redirect: bool = False
    backup_retention: int = 14
    r2: Mapping[str, str | None] = field(default_factory=dict)
    db_pool_size: int = 4
    db_statement_timeout_ms: int = 5000
    db_pool_timeout_s: float = 2.0
    ratelimit_storage_uri: str = "memory://"
    ratelimit_enabled: bool = True
    trust_proxy: str = "none"
    metrics_token: str | None = None
    web_concurrency: int = 2

    @property
    def production(self) -> bool:
        return self.env == "production"

    @property
    def development(self) -> bool:
        return self.env == "development"

    @property
    def dev_login_enabled(self) -> bool:
        return self.development and self.dev_login

    @property
    def sqlalchemy_url(self) -> str:
        """DATABASE_URL with the psycopg 3 driver named, as SQLAlchemy wants it."""
        url = self.database_url or ""
        for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url

    def provider(self, name: str) -> ProviderSettings | None:
        return next((p for p in self.providers if p.name == name), None)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        e = os.environ if environ is None else environ
        env = e.get("IGNITION_ENV", "production").strip() or "production"
        if env not in ENVIRONMENTS:
            raise SettingsError(f"IGNITION_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
        secret = e.get("AUTH_SECRET", "")
        generated = not secret and env != "production"
        return cls(
            env=env,
            database_url=e.get("DATABASE_URL") or None,
            public_url=_origin("PUBLIC_URL", e.get("PUBLIC_URL", "http://127.0.0.1:8000")),
            auth_secret=secrets.token_urlsafe(48) if generated else secret,
            auth_secret_generated=generated,
            allowed_origins=tuple(_origin("ALLOWED_ORIGINS", o) if "*" not in o else "*"
                                  for o in _csv(e.get("ALLOWED_ORIGINS", ""))),
            admin_emails=frozenset(x.lower() for x in _csv(e.get("ADMIN_EMAILS", ""))),
            dev_login=_flag(e, "DEV_LOGIN", False),
            cookie_secure=_flag(e, "COOKIE_SECURE", True),
            providers=_providers(e),
            blob_store=(blob_store := _choice(e, "BLOB_STORE", ("filesystem", "r2"), "filesystem")),
            blob_dir=e.get("BLOB_DIR", "./.data/blobs"),
            blob_max_mb={"image": _int(e, "BLOB_MAX_MB_IMAGE", 10, 1),
                         "document": _int(e, "BLOB_MAX_MB_DOCUMENT", 25, 1),
                         "audio": _int(e, "BLOB_MAX_MB_AUDIO", 200, 1)},
            tracks_presigned_redirect=_flag(e, "TRACKS_PRESIGNED_REDIRECT", False),
            backup_retention=_int(e, "BACKUP_RETENTION", 14, 1),
            r2=_r2(e, blob_store),
            db_pool_size=_int(e, "DB_POOL_SIZE", 4, 1),
            db_statement_timeout_ms=_int(e, "DB_STATEMENT_TIMEOUT_MS", 5000, 0),
            db_pool_timeout_s=_float(e, "DB_POOL_TIMEOUT_S", 2.0),
            ratelimit_storage_uri=e.get("RATELIMIT_STORAGE_URI", "memory://"),
            ratelimit_enabled=_flag(e, "RATELIMIT_ENABLED", True),
            trust_proxy=_choice(e, "TRUST_PROXY", ("none", "cloudflare"), "none"),
            metrics_token=e.get("METRICS_TOKEN") or None,
            web_concurrency=_int(e, "WEB_CONCURRENCY", 2, 1),
        )

    def unsafe(self) -> list[str]:
        """Why this configuration must not run in production (empty: it may)."""
        problems = []
        if not self.database_url:
            problems.append("DATABASE_URL is missing")
        if len(self.auth_secret.encode()) < 32:
            problems.append("AUTH_SECRET is missing or shorter than 32 bytes")
        if self.dev_login:
            problems.append("DEV_LOGIN=1 is refused in production")
        if not self.cookie_secure:
            problems.append("COOKIE_SECURE=0 is refused in production")
        if "*" in self.allowed_origins:
            problems.append("ALLOWED_ORIGINS may not contain *")
        for p in self.providers:
            if _plain_http(p.discovery_url) and not _is_loopback(p.discovery_url):
                problems.append(f"{p.discovery_variable}: a discovery URL over plain http:// on a non-loopback host")
        return problems

    def warnings(self) -> list[str]:
        notes = []
        if _plain_http(self.public_url):
            notes.append("PUBLIC_URL is plain http://")
        if self.ratelimit_storage_uri.startswith("memory://") and self.web_concurrency > 1:
            notes.append("RATELIMIT_STORAGE_URI is memory:// with several workers: limits are per worker")
        return notes

    def validate(self) -> "Settings":
        """Raise SettingsError naming every unsafe setting (production only)."""
        if not self.production:
            if "*" in self.allowed_origins:
                raise SettingsError("ALLOWED_ORIGINS may not contain *")
            return self
        problems = self.unsafe()
        if problems:
            raise SettingsError("refusing to start: " + "; ".join(problems))
        return self

    @property
    def insecure_transport_allowed(self) -> bool:
        """oauthlib may speak plain http only when every provider URL is on loopback."""
        plain = [p.discovery_url for p in self.providers if _plain_http(p.discovery_url)]
        return bool(plain) and all(_is_loopback(u) for u in plain)


def _providers(e: Mapping[str, str]) -> tuple[ProviderSettings, ...]:
    found = []
    if e.get("GOOGLE_CLIENT_ID"):
        found.append(ProviderSettings("google", e["GOOGLE_CLIENT_ID"], e.get("GOOGLE_CLIENT_SECRET", ""),
                                      _url("GOOGLE_DISCOVERY_URL", e.get("GOOGLE_DISCOVERY_URL", GOOGLE_DISCOVERY)),
                                      discovery_variable="GOOGLE_DISCOVERY_URL"))
    if e.get("AZURE_AD_CLIENT_ID"):
        tenant = e.get("AZURE_AD_TENANT_ID", "")
        if not tenant:
            raise SettingsError("AZURE_AD_TENANT_ID is required when AZURE_AD_CLIENT_ID is set")
        discovery = e.get("MICROSOFT_DISCOVERY_URL") or MICROSOFT_DISCOVERY.format(tenant=tenant)
        found.append(ProviderSettings("microsoft", e["AZURE_AD_CLIENT_ID"], e.get("AZURE_AD_CLIENT_SECRET", ""),
                                      _url("MICROSOFT_DISCOVERY_URL", discovery), tenant,
                                      discovery_variable="MICROSOFT_DISCOVERY_URL"))
    return tuple(found)


def _r2(e: Mapping[str, str], blob_store: str) -> dict[str, str | None]:
    """R2's four settings; with BLOB_STORE=r2 all are required, in every environment."""
    r2 = {k: (e.get(k) or "").strip() or None for k in ("R2_ENDPOINT_URL", "R2_ACCESS_KEY_ID", "R2_SECRET_ACCESS_KEY", "R2_BUCKET")}
    if blob_store == "r2":
        missing = [k for k, v in r2.items() if not v]
        if missing:
            raise SettingsError(f"BLOB_STORE=r2 needs {', '.join(missing)}")
        _url("R2_ENDPOINT_URL", r2["R2_ENDPOINT_URL"])
    return r2


def _csv(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _flag(e: Mapping[str, str], name: str, default: bool) -> bool:
    raw = e.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be 0 or 1, not {raw!r}")


def _int(e: Mapping[str, str], name: str, default: int, minimum: int) -> int:
    raw = e.get(name, "").strip()
    try:
        value = int(raw) if raw else default
    except ValueError:
        raise SettingsError(f"{name} must be an integer, not {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}")
    return value


def _float(e: Mapping[str, str], name: str, default: float) -> float:
    raw = e.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {raw!r}") from None
    if value <= 0:
        raise SettingsError(f"{name} must be above 0")
    return value


def _choice(e: Mapping[str, str], name: str, allowed: tuple[str, ...], default: str) -> str:
    value = e.get(name, "").strip() or default
    if value not in allowed:
        raise SettingsError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _url(name: str, raw: str) -> str:
    parts = urlsplit(raw.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError(f"{name} must be an http(s) URL, not {raw!r}")
    return raw.strip()


def _origin(name: str, raw: str) -> str:
    """An origin: scheme://host[:port], no path."""
    parts = urlsplit(_url(name, raw))
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise SettingsError(f"{name} must be an origin (scheme://host[:port]), not {raw!r}")
    return f"{parts.scheme}://{parts.netloc}".lower()


def _plain_http(url: str) -> bool:
    return urlsplit(url).scheme.lower() == "http"


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
