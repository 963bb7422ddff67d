"""Settings from explicit environments: what production refuses, warns about and defaults."""
import pytest

from ignition.settings import Settings, SettingsError

SAFE = {
    "IGNITION_ENV": "production",
    "DATABASE_URL": "postgresql://ignition@db.internal/ignition",
    "AUTH_SECRET": "k" * 32,
    "PUBLIC_URL": "https://app.example",
    "GOOGLE_CLIENT_ID": "google-client", "GOOGLE_CLIENT_SECRET": "google-secret",
    "AZURE_AD_CLIENT_ID": "ms-client", "AZURE_AD_CLIENT_SECRET": "ms-secret", "AZURE_AD_TENANT_ID": "contoso",
    "RATELIMIT_STORAGE_URI": "redis://cache:6379/0",
}


def production(**changes):
    env = {**SAFE, **changes}
    return Settings.from_env({k: v for k, v in env.items() if v is not None})


def refusal(**changes) -> str:
    with pytest.raises(SettingsError) as refused:
        production(**changes).validate()
    return str(refused.value)


def test_a_safe_production_configuration_validates():
    settings = production().validate()
    assert settings.production and settings.unsafe() == [] and settings.warnings() == []


def test_production_is_the_default_environment():
    assert Settings.from_env({}).production


@pytest.mark.parametrize(("changes", "named"), [
    ({"DATABASE_URL": None}, "DATABASE_URL"),
    ({"AUTH_SECRET": None}, "AUTH_SECRET"),
    ({"AUTH_SECRET": "k" * 31}, "AUTH_SECRET"),
    ({"DEV_LOGIN": "1"}, "DEV_LOGIN"),
    ({"COOKIE_SECURE": "0"}, "COOKIE_SECURE"),
    ({"ALLOWED_ORIGINS": "https://admin.example, *"}, "ALLOWED_ORIGINS"),
], ids=["no-database", "no-secret", "short-secret", "dev-login", "insecure-cookie", "wildcard-origin"])
def test_production_refuses_to_start_naming_the_setting(changes, named):
    assert named in refusal(**changes)


def test_a_wildcard_inside_an_allowed_origin_is_refused():
    assert "ALLOWED_ORIGINS" in refusal(ALLOWED_ORIGINS="https://*.example.com")


def test_a_32_byte_secret_is_long_enough():
    production(AUTH_SECRET="é" * 16).validate()


@pytest.mark.parametrize("variable", ["GOOGLE_DISCOVERY_URL", "MICROSOFT_DISCOVERY_URL"])
def test_production_refuses_a_plain_http_discovery_url_on_a_remote_host(variable):
    assert "discovery URL" in refusal(**{variable: "http://idp.example/.well-known/openid-configuration"})


def test_the_refusal_of_a_plain_http_discovery_url_names_its_variable():
    assert "GOOGLE_DISCOVERY_URL" in refusal(GOOGLE_DISCOVERY_URL="http://idp.example/.well-known/openid-configuration")


def test_a_plain_http_discovery_url_is_refused_whatever_the_case_of_its_scheme():
    assert "discovery URL" in refusal(GOOGLE_DISCOVERY_URL="HTTP://idp.example/.well-known/openid-configuration")


@pytest.mark.parametrize("url", ["http://127.0.0.1@idp.example/x", "http://127.0.0.1.idp.example/x",
                                 "http://localhost.idp.example/x"])
def test_a_host_that_only_looks_like_loopback_is_refused(url):
    assert "discovery URL" in refusal(GOOGLE_DISCOVERY_URL=url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/.well-known/openid-configuration", "http://localhost:9/x",
                                 "http://[::1]:9/x"])
def test_a_plain_http_discovery_url_on_loopback_is_allowed(url):
    production(GOOGLE_DISCOVERY_URL=url).validate()


def test_an_http_public_url_is_allowed_with_a_warning():
    settings = production(PUBLIC_URL="http://app.example").validate()
    assert any("PUBLIC_URL" in note for note in settings.warnings())


def test_memory_rate_limits_with_several_workers_are_allowed_with_a_warning():
    settings = production(WEB_CONCURRENCY="4", RATELIMIT_STORAGE_URI="memory://").validate()
    assert any("RATELIMIT_STORAGE_URI" in note for note in settings.warnings())
    assert production(WEB_CONCURRENCY="4", RATELIMIT_STORAGE_URI="redis://cache:6379/0").warnings() == []
    assert production(WEB_CONCURRENCY="1", RATELIMIT_STORAGE_URI="memory://").warnings() == []
    assert production(RATELIMIT_STORAGE_URI="memory://").warnings() != []  # gunicorn's default is 2 workers


def test_development_generates_a_random_auth_secret():
    first, second = (Settings.from_env({"IGNITION_ENV": "development"}) for _ in range(2))
    assert first.auth_secret_generated and len(first.auth_secret.encode()) >= 32
    assert first.auth_secret != second.auth_secret
    assert not production().auth_secret_generated


def test_production_never_generates_an_auth_secret():
    settings = production(AUTH_SECRET=None)
    assert settings.auth_secret == "" and not settings.auth_secret_generated


def test_development_allows_the_dev_login_and_insecure_cookies():
    settings = Settings.from_env({"IGNITION_ENV": "development", "DEV_LOGIN": "1", "COOKIE_SECURE": "0"}).validate()
    assert settings.dev_login_enabled and not settings.cookie_secure


def test_the_dev_login_is_off_outside_development():
    assert not Settings.from_env({"IGNITION_ENV": "test", "DEV_LOGIN": "1"}).dev_login_enabled


@pytest.mark.parametrize(("variable", "value"), [
    ("DB_POOL_SIZE", "abc"), ("IGNITION_ENV", "staging"), ("BLOB_STORE", "s3"), ("COOKIE_SECURE", "maybe"),
    ("DB_POOL_TIMEOUT_S", "0"), ("PUBLIC_URL", "https://app.example/path"), ("TRUST_PROXY", "all"),
])
def test_a_malformed_value_is_refused_naming_the_variable(variable, value):
    with pytest.raises(SettingsError, match=variable):
        production(**{variable: value})


def test_a_microsoft_client_without_a_tenant_is_refused():
    with pytest.raises(SettingsError, match="AZURE_AD_TENANT_ID"):
        production(AZURE_AD_TENANT_ID=None)


@pytest.mark.parametrize("url", ["postgres://u:p@db:5432/ig", "postgresql://u:p@db:5432/ig",
                                 "postgresql+psycopg://u:p@db:5432/ig"])
def test_the_sqlalchemy_url_names_the_psycopg_driver(url):
    assert production(DATABASE_URL=url).sqlalchemy_url == "postgresql+psycopg://u:p@db:5432/ig"


def test_the_microsoft_discovery_url_defaults_from_the_tenant():
    microsoft = production(AZURE_AD_TENANT_ID="0b3c5e1a-1111-2222-3333-444455556666").provider("microsoft")
    assert microsoft.discovery_url == ("https://login.microsoftonline.com/0b3c5e1a-1111-2222-3333-444455556666"
                                       "/v2.0/.well-known/openid-configuration")
    assert microsoft.tenant_id == "0b3c5e1a-1111-2222-3333-444455556666"


def test_an_explicit_microsoft_discovery_url_wins_over_the_tenant():
    url = "http://127.0.0.1:9/contoso/v2.0/.well-known/openid-configuration"
    assert production(MICROSOFT_DISCOVERY_URL=url).provider("microsoft").discovery_url == url


def test_google_discovery_defaults_to_accounts_google_com():
    assert production().provider("google").discovery_url == (
        "https://accounts.google.com/.well-known/openid-configuration")


def test_admin_emails_are_lowercased():
    assert production(ADMIN_EMAILS="Boss@Example.com, ops@example.com").admin_emails == {
        "boss@example.com", "ops@example.com"}


def test_insecure_transport_is_allowed_when_every_http_provider_url_is_loopback():
    settings = production(GOOGLE_DISCOVERY_URL="http://127.0.0.1:9/g", MICROSOFT_DISCOVERY_URL="http://localhost:9/m")
    assert settings.insecure_transport_allowed


def test_insecure_transport_is_allowed_beside_an_https_provider():
    assert production(GOOGLE_DISCOVERY_URL="http://127.0.0.1:9/g").insecure_transport_allowed


def test_insecure_transport_is_not_needed_when_every_provider_speaks_https():
    assert not production().insecure_transport_allowed
    assert not Settings.from_env({"IGNITION_ENV": "development"}).insecure_transport_allowed


def test_insecure_transport_is_refused_when_one_http_provider_url_is_remote():
    settings = Settings.from_env({**SAFE, "IGNITION_ENV": "development", "GOOGLE_DISCOVERY_URL": "http://127.0.0.1:9/g",
                                  "MICROSOFT_DISCOVERY_URL": "http://idp.example/m"})
    assert not settings.insecure_transport_allowed
