"""Which blob store the container builds, what R2 needs to start, and how store failures answer over HTTP."""
from __future__ import annotations

import pytest
from flask import Flask

from adapters.filesystem.blob_store import FilesystemBlobStore
from adapters.filesystem.health import DirectoryProbe
from adapters.r2.blob_store import R2BlobStore
from adapters.r2.health import BucketProbe
from entrypoints.http.errors import register_error_handlers
from ignition.container import Container
from ignition.settings import ENVIRONMENTS, Settings, SettingsError
from ports.outbound.blob_store import BlobMissing, BlobStoreUnavailable

R2 = {"BLOB_STORE": "r2", "R2_ENDPOINT_URL": "https://acc0unt.r2.cloudflarestorage.com",
      "R2_ACCESS_KEY_ID": "key-id", "R2_SECRET_ACCESS_KEY": "key-secret", "R2_BUCKET": "ignition-files"}


def container(**env) -> Container:
    base = {"IGNITION_ENV": "test", "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none"}  # never connected
    return Container(settings=Settings.from_env({**base, **env}))


def test_the_filesystem_store_is_the_default_and_lives_in_blob_dir(tmp_path):
    built = container(BLOB_DIR=str(tmp_path / "blobs"))
    store = built.blob_store()
    assert isinstance(store, FilesystemBlobStore) and store.root == (tmp_path / "blobs").resolve()
    assert built.blob_store() is store
    assert isinstance(built.blob_probe(), DirectoryProbe)
    assert [p.name for p in built.health_probes()] == ["database", "blob_store"]


def test_r2_is_built_once_with_its_endpoint_bucket_and_credentials():
    built = container(**R2)
    store = built.blob_store()
    assert isinstance(store, R2BlobStore) and built.blob_store() is store
    assert store.bucket == "ignition-files"
    assert store.client.meta.endpoint_url == R2["R2_ENDPOINT_URL"]
    credentials = store.client._request_signer._credentials
    assert (credentials.access_key, credentials.secret_key) == ("key-id", "key-secret")
    probe = built.blob_probe()
    assert isinstance(probe, BucketProbe) and probe.store is store and probe.name == "blob_store"


def test_the_r2_client_speaks_as_r2_wants_and_gives_up_quickly():
    config = container(**R2).blob_store().client.meta.config
    assert config.region_name == "auto" and config.signature_version == "s3v4"
    assert config.s3 == {"addressing_style": "path"}
    assert (config.connect_timeout, config.read_timeout) == (2, 10)
    assert config.retries == {"mode": "standard", "total_max_attempts": 3}  # max_attempts=2 retries: 3 tries
    assert config.request_checksum_calculation == "when_required"
    assert config.response_checksum_validation == "when_required"


def test_creating_the_app_builds_no_r2_client_the_first_use_builds_one(monkeypatch):
    from adapters.r2 import blob_store as r2
    from ignition.app import create_app

    made = []
    real = r2.make_client
    monkeypatch.setattr(r2, "make_client", lambda *args: made.append(args) or real(*args))
    built = container(**R2)
    create_app(built)
    try:
        assert made == []  # gunicorn forks after create_app: each worker makes its own client
        built.blob_store()
        built.health_probes()
        assert made == [(R2["R2_ENDPOINT_URL"], "key-id", "key-secret")]
    finally:
        built.unwire()


@pytest.mark.parametrize("environment", ENVIRONMENTS)
@pytest.mark.parametrize("missing", ["R2_ENDPOINT_URL", "R2_ACCESS_KEY_ID", "R2_SECRET_ACCESS_KEY", "R2_BUCKET"])
def test_r2_without_one_of_its_settings_refuses_to_start_naming_it(environment, missing):
    env = {**R2, "IGNITION_ENV": environment, missing: " "}
    with pytest.raises(SettingsError, match=missing):
        Settings.from_env(env)


def test_r2_without_any_settings_names_all_four():
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({"IGNITION_ENV": "development", "BLOB_STORE": "r2"})
    assert all(name in str(refused.value) for name in R2 if name.startswith("R2_"))


def test_an_r2_endpoint_that_is_not_a_url_is_refused():
    with pytest.raises(SettingsError, match="R2_ENDPOINT_URL"):
        Settings.from_env({**R2, "R2_ENDPOINT_URL": "acc0unt.r2.cloudflarestorage.com"})


def test_the_filesystem_store_needs_no_r2_settings():
    assert Settings.from_env({"IGNITION_ENV": "production", "BLOB_STORE": "filesystem"}).blob_store == "filesystem"


@pytest.fixture
def failing_app():
    app = Flask("test")
    register_error_handlers(app)

    @app.get("/outage")
    def outage():
        raise BlobStoreUnavailable("R2 unreachable for u1/audio/t: EndpointConnectionError")

    @app.get("/missing")
    def missing():
        raise BlobMissing("u1/audio/t")

    return app.test_client()


def test_a_blob_store_outage_answers_503_with_the_envelope_and_retry_after(failing_app):
    reply = failing_app.get("/outage")
    assert reply.status_code == 503 and reply.headers["Retry-After"] == "5"
    assert reply.json["code"] == "unavailable" and "R2" not in reply.json["error"]


def test_an_object_missing_from_the_store_answers_404_like_any_missing_thing(failing_app):
    reply = failing_app.get("/missing")
    assert reply.status_code == 404
    assert reply.json == {"error": "Not found.", "code": "not_found", "request_id": None}
