"""Uploads proved by their bytes, the blob they become, who may download, and the sweep's plan."""
from __future__ import annotations

import hashlib
import io
from datetime import datetime, timezone
from uuid import uuid4

import pytest

from domain.blobs import Blob, Upload, UnsupportedMediaType, accept, downloads_any, protected, sweep_plan
from domain.errors import InvalidInput
from domain.users import User

NOW = datetime(2026, 2, 1, 8, 0, tzinfo=timezone.utc)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def upload(data: bytes = PNG, filename: str | None = "pic.png") -> Upload:
    return Upload(filename, len(data), hashlib.sha256(data).hexdigest(), data[:64], io.BytesIO(data))


def field_of(error: InvalidInput) -> str:
    return next(iter(error.details["fields"]))


def test_an_accepted_upload_has_the_sniffed_type_and_a_safe_name():
    accepted = accept(upload(PNG, "Ünïcodé photo.PDF"), "image")
    assert (accepted.content_type, accepted.filename) == ("image/png", "Unicode photo.PDF")


def test_an_unknown_category_is_invalid():
    with pytest.raises(InvalidInput) as caught:
        accept(upload(), "video")
    assert field_of(caught.value) == "category"


@pytest.mark.parametrize("name", ["../pic.png", "dir/pic.png", "C:\\pic.png"])
def test_a_path_like_name_is_invalid_on_file(name):
    with pytest.raises(InvalidInput) as caught:
        accept(upload(PNG, name), "image")
    assert field_of(caught.value) == "file"


def test_an_empty_file_is_invalid_on_file():
    with pytest.raises(InvalidInput) as caught:
        accept(upload(b""), "image")
    assert caught.value.details["fields"] == {"file": ["The file is empty."]}


@pytest.mark.parametrize("category, data", [("image", b"%PDF-1.4"), ("audio", PNG), ("document", b"MZ\x90\x00"),
                                            ("image", "plain words".encode())])
def test_bytes_the_category_does_not_accept_are_unsupported(category, data):
    with pytest.raises(UnsupportedMediaType) as caught:
        accept(upload(data), category)
    assert caught.value.code == "unsupported_media_type"


def test_a_blob_gets_a_server_built_key_and_keeps_size_and_hash():
    user_id = uuid4()
    blob = Blob.create(user_id, "image", upload(PNG, "secret plans.png"), NOW)
    assert blob.key == f"{user_id}/image/{blob.id}" and "secret" not in blob.key
    assert blob.filename == "secret plans.png"
    assert (blob.size, blob.sha256, blob.created_at) == (len(PNG), hashlib.sha256(PNG).hexdigest(), NOW)


def test_only_admins_download_anyones_files():
    user = User.register(email="a@example.com", email_verified=True, name=None, now=NOW)
    assert not downloads_any(user)
    user.role = "admin"
    assert downloads_any(user)


def test_the_sweep_plan_compares_keys_both_ways_and_never_names_backups():
    plan = sweep_plan({"u/image/a", "u/image/orphan", "backups/x.dump"}, {"u/image/a", "u/tracks/lost", "backups/y"})
    assert plan.objects_without_rows == ["u/image/orphan"]
    assert plan.rows_without_objects == ["u/tracks/lost"]
    assert protected("backups/anything") and not protected("u/backups/x")
