"""The dependency-injector container: settings in, adapters out. Nobody receives the container."""
from __future__ import annotations

from dependency_injector import containers, providers

from adapters.filesystem.health import DirectoryProbe
from adapters.oauth.oidc import OidcIdentityProvider
from adapters.postgres.engine import make_engine
from adapters.postgres.health import PgHealthProbe
from adapters.postgres.unit_of_work import PgUnitOfWork
from adapters.system.clock import SystemClock
from entrypoints.http.config import WebConfig
from ignition.settings import Settings


def identity_providers(settings: Settings) -> dict:
    return {p.name: OidcIdentityProvider(p.name, client_id=p.client_id, client_secret=p.client_secret,
                                         discovery_url=p.discovery_url, tenant_id=p.tenant_id)
            for p in settings.providers}


def web_config(settings: Settings) -> WebConfig:
    return WebConfig(public_url=settings.public_url, auth_secret=settings.auth_secret,
                     cookie_secure=settings.cookie_secure, allowed_origins=settings.allowed_origins,
                     admin_emails=settings.admin_emails, dev_login=settings.dev_login_enabled,
                     production=settings.production, trust_proxy=settings.trust_proxy,
                     metrics_token=settings.metrics_token, provider_names=tuple(p.name for p in settings.providers))


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    engine = providers.Singleton(
        make_engine, settings.provided.sqlalchemy_url, pool_size=settings.provided.db_pool_size,
        pool_timeout_s=settings.provided.db_pool_timeout_s,
        statement_timeout_ms=settings.provided.db_statement_timeout_ms)
    uow = providers.Factory(PgUnitOfWork, engine=engine)
    clock = providers.Singleton(SystemClock)
    identity_providers = providers.Singleton(identity_providers, settings)
    web = providers.Singleton(web_config, settings)
    health_probes = providers.List(
        providers.Singleton(PgHealthProbe, engine),
        providers.Singleton(DirectoryProbe, settings.provided.blob_dir),
    )
