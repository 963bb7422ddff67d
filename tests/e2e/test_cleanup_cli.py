"""`ignition admin cleanup [--dry-run]` as cron runs it: the real CLI on real Postgres and the
filesystem store that the app wrote to."""
from __future__ import annotations

import io
import os

import psycopg
from click.testing import CliRunner

from adapters.filesystem.blob_store import FilesystemBlobStore
from ignition.cli import main
from tests.e2e.conftest import SECRET, dev_login
from tests.e2e.ownership.files import created, upload_blob, upload_track


def run(database_url: str, blob_dir: str, *args: str):
    env = {"IGNITION_ENV": "test", "DATABASE_URL": database_url, "AUTH_SECRET": SECRET, "BLOB_DIR": blob_dir,
           "BLOB_STORE": "filesystem"}
    return CliRunner().invoke(main, ["admin", "cleanup", *args], env=env)


def test_cleanup_finds_and_removes_orphans_both_ways_and_keeps_backups(dev_app, client, database_url):
    csrf = dev_login(client)
    blob_dir = dev_app.extensions["ignition.container"].settings().blob_dir
    store = FilesystemBlobStore(blob_dir)
    kept = created(upload_blob(client, csrf))
    lost = created(upload_track(client, csrf))
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as db:
        lost_key = db.execute("SELECT storage_key FROM reference_tracks WHERE id = %s", (lost,)).fetchone()[0]
        store.delete(lost_key)
        store.put("someone/image/orphan", io.BytesIO(b"left over"), size=9, content_type="image/png")
        store.put("backups/2026-02-01.dump", io.BytesIO(b"PGDMP"), size=5, content_type="application/octet-stream")

        dry = run(database_url, blob_dir, "--dry-run")
        assert dry.exit_code == 0, dry.output
        assert "expired sessions: 0 would remove" in dry.output  # the database half runs first
        assert "objects without a row: 1 found, 1 would remove" in dry.output and "someone/image/orphan" in dry.output
        assert "rows without an object: 1 found, 1 would remove" in dry.output and lost_key in dry.output
        assert store.head("someone/image/orphan") is not None
        assert db.execute("SELECT count(*) FROM reference_tracks").fetchone() == (1,)

        done = run(database_url, blob_dir)
        assert done.exit_code == 0, done.output
        assert "1 found, 1 removed" in done.output
        assert store.head("someone/image/orphan") is None and store.head("backups/2026-02-01.dump") is not None
        assert db.execute("SELECT count(*) FROM reference_tracks").fetchone() == (0,)
        assert db.execute("SELECT id::text FROM blobs").fetchall() == [(kept,)]
    assert client.get(f"/api/v1/blobs/{kept}").status_code == 200
    assert run(database_url, blob_dir).output.count("0 found") == 2


def test_cleanup_exits_1_when_the_database_is_unreachable(tmp_path):
    result = run("postgresql://nobody@127.0.0.1:1/none", str(tmp_path))
    assert result.exit_code == 1 and "cleanup stopped" in result.output
    assert os.listdir(tmp_path) == []
