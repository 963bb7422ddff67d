"""The dependency-injector container: settings in, adapters out. Nobody receives the container."""
from __future__ import annotations

from dependency_injector import containers, providers

from adapters.filesystem.blob_store import FilesystemBlobStore
from adapters.filesystem.health import DirectoryProbe
from adapters.oauth.oidc import OidcIdentityProvider
from adapters.postgres.dump import PgDump
from adapters.postgres.engine import make_engine
from adapters.postgres.health import PgHealthProbe
from adapters.postgres.unit_of_work import PgUnitOfWork
from adapters.r2.blob_store import R2BlobStore
from adapters.r2.health import BucketProbe
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


def r2_blob_store(settings: Settings) -> R2BlobStore:
    r2 = settings.r2
    return R2BlobStore.connect(endpoint_url=r2["R2_ENDPOINT_URL"], access_key_id=r2["R2_ACCESS_KEY_ID"],
                               secret_access_key=r2["R2_SECRET_ACCESS_KEY"], bucket=r2["R2_BUCKET"])


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
    # Singletons are built on first use, so each gunicorn worker makes its own client after the fork.
    blob_store = providers.Selector(
        settings.provided.blob_store,
        filesystem=providers.Singleton(FilesystemBlobStore, settings.provided.blob_dir),
        r2=providers.Singleton(r2_blob_store, settings),
    )
    blob_probe = providers.Selector(
        settings.provided.blob_store,
        filesystem=providers.Singleton(DirectoryProbe, settings.provided.blob_dir),
        r2=providers.Singleton(BucketProbe, blob_store),
    )
    dumper = providers.Singleton(PgDump, settings.provided.sqlalchemy_url)
    health_probes = providers.List(
        providers.Singleton(PgHealthProbe, engine),
        blob_probe,
    )
