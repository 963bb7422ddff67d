"""/api/v1/blobs over HTTP on real Postgres and the filesystem store: upload, download, list,
delete, owner-or-admin, and every way an upload is refused."""
from __future__ import annotations

import hashlib
import os
from urllib.parse import quote

import pytest

from tests.e2e.conftest import dev_login
from tests.e2e.ownership.files import PNG, created, send, upload_blob

PDF = b"%PDF-1.7\n" + b"1 0 obj <<>> endobj\n" * 50


def blob_dir(app) -> str:
    return app.extensions["ignition.container"].settings().blob_dir


def stored_files(app) -> list[str]:
    root = blob_dir(app)
    return sorted(os.path.relpath(os.path.join(folder, name), root) for folder, _, names in os.walk(root)
                  for name in names if not name.endswith(".meta"))


def test_an_image_uploads_downloads_lists_and_deletes(client, csrf, db, dev_app):
    reply = upload_blob(client, csrf, PNG, "image", "Holiday photo.png")
    assert reply.status_code == 201, reply.json
    blob = reply.json
    assert set(blob) == {"id", "category", "content_type", "size", "filename", "created_at"}
    assert (blob["category"], blob["content_type"], blob["size"], blob["filename"]) == \
        ("image", "image/png", len(PNG), "Holiday photo.png")
    user_id = client.get("/api/v1/me").json["id"]
    row = db.execute("SELECT storage_key, sha256, size_bytes FROM blobs WHERE id = %s", (blob["id"],)).fetchone()
    assert row == (f"{user_id}/image/{blob['id']}", hashlib.sha256(PNG).hexdigest(), len(PNG))
    assert stored_files(dev_app) == [row[0]]

    got = client.get(f"/api/v1/blobs/{blob['id']}")
    assert got.status_code == 200 and got.data == PNG
    assert got.headers["Content-Type"] == "image/png"
    assert got.headers["Content-Length"] == str(len(PNG))
    assert got.headers["Content-Disposition"] == \
        "attachment; filename=\"Holiday photo.png\"; filename*=UTF-8''Holiday%20photo.png"
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in got.headers["Cache-Control"]

    listed = client.get("/api/v1/blobs").json
    assert listed == {"items": [blob], "next_cursor": None}
    assert client.delete(f"/api/v1/blobs/{blob['id']}", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert stored_files(dev_app) == []
    assert db.execute("SELECT count(*) FROM blobs").fetchone() == (0,)
    assert client.get(f"/api/v1/blobs/{blob['id']}").status_code == 404
    assert client.delete(f"/api/v1/blobs/{blob['id']}", headers={"X-CSRF-Token": csrf}).status_code == 404


def test_the_type_comes_from_the_bytes_not_from_the_name(client, csrf):
    reply = upload_blob(client, csrf, PNG, "image", "report.pdf")
    assert reply.status_code == 201 and reply.json["content_type"] == "image/png"
    text = upload_blob(client, csrf, "Shopping list:\n- milk\n".encode(), "document", "list.exe")
    assert text.status_code == 201 and text.json["content_type"] == "text/plain"
    assert upload_blob(client, csrf, PDF, "document", "paper.pdf").json["content_type"] == "application/pdf"


def test_a_unicode_or_odd_name_is_reduced_to_a_safe_one(client, csrf):
    blob = upload_blob(client, csrf, PNG, "image", "Ünïcodé; x?.png").json
    assert blob["filename"] == "Unicode_ x_.png"
    got = client.get(f"/api/v1/blobs/{blob['id']}")
    assert got.headers["Content-Disposition"] == \
        f"attachment; filename=\"Unicode_ x_.png\"; filename*=UTF-8''{quote('Unicode_ x_.png')}"
    nameless = upload_blob(client, csrf, PNG, "image", "").json
    assert nameless["filename"] == "file.png"


@pytest.mark.parametrize("category, data", [
    ("image", PDF), ("image", b"<html><script>alert(1)</script></html>"), ("document", b"MZ\x90\x00" + b"\x00" * 60),
    ("audio", PNG), ("document", b"\x00\x01\x02\x03binary"),
])
def test_bytes_of_a_type_the_category_does_not_accept_are_415(client, csrf, db, dev_app, category, data):
    reply = upload_blob(client, csrf, data, category, "innocent.png")
    assert reply.status_code == 415, reply.json
    assert reply.json["code"] == "unsupported_media_type"
    assert db.execute("SELECT count(*) FROM blobs").fetchone() == (0,) and stored_files(dev_app) == []


def test_an_empty_file_is_400_on_file(client, csrf, dev_app):
    reply = upload_blob(client, csrf, b"", "image", "empty.png")
    assert reply.status_code == 400 and reply.json["details"] == {"file": ["The file is empty."]}
    assert stored_files(dev_app) == []


def test_missing_or_wrong_fields_are_400_naming_them(client, csrf):
    no_file = send(client, csrf, "/api/v1/blobs", ("category", "image"))
    assert no_file.status_code == 400 and list(no_file.json["details"]) == ["file"]
    no_category = send(client, csrf, "/api/v1/blobs", ("file", PNG, "pic.png"))
    assert no_category.status_code == 400 and list(no_category.json["details"]) == ["category"]
    nothing = send(client, csrf, "/api/v1/blobs")
    assert set(nothing.json["details"]) == {"file", "category"}
    video = send(client, csrf, "/api/v1/blobs", ("category", "video"), ("file", PNG, "pic.png"))
    assert video.status_code == 400 and list(video.json["details"]) == ["category"]
    extra = send(client, csrf, "/api/v1/blobs", ("category", "image"), ("owner", "someone"), ("file", PNG, "a.png"))
    assert extra.status_code == 400 and list(extra.json["details"]) == ["owner"]
    twice = send(client, csrf, "/api/v1/blobs", ("category", "image"), ("file", PNG, "a.png"), ("file", PNG, "b.png"))
    assert twice.status_code == 400 and list(twice.json["details"]) == ["file"]
    elsewhere = send(client, csrf, "/api/v1/blobs", ("category", "image"), ("upload", PNG, "a.png"))
    assert elsewhere.status_code == 400 and list(elsewhere.json["details"]) == ["upload"]


@pytest.mark.parametrize("name", ["../x.png", "a/b.png", "C:\\x.png", "..", "/etc/passwd", "c:x.png"])
def test_path_like_filenames_are_400_on_file(client, csrf, dev_app, name):
    reply = upload_blob(client, csrf, PNG, "image", name)
    assert reply.status_code == 400 and list(reply.json["details"]) == ["file"], reply.json
    assert stored_files(dev_app) == []


def test_bodies_that_are_not_multipart_are_refused(client, csrf):
    as_json = client.post("/api/v1/blobs", json={"category": "image"}, headers={"X-CSRF-Token": csrf})
    assert as_json.status_code == 415
    as_text = client.post("/api/v1/blobs", data="hello", content_type="text/plain", headers={"X-CSRF-Token": csrf})
    assert as_text.status_code == 415
    garbage = client.post("/api/v1/blobs", data=b"--x\r\nnonsense", content_type="multipart/form-data; boundary=x",
                          headers={"X-CSRF-Token": csrf})
    assert garbage.status_code == 400 and list(garbage.json["details"]) == ["file"]
    no_boundary = client.post("/api/v1/blobs", data=b"abc", content_type="multipart/form-data",
                              headers={"X-CSRF-Token": csrf})
    assert no_boundary.status_code == 400


def test_without_a_session_or_csrf_token_nothing_is_stored(dev_app):
    client = dev_app.test_client()
    assert upload_blob(client, "", PNG).status_code == 401
    dev_login(client)
    assert upload_blob(client, "wrong", PNG).status_code == 403
    assert stored_files(dev_app) == []


def test_other_users_get_404_and_admins_may_only_download(make_app):
    app = make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", PUBLIC_URL="http://127.0.0.1:8000",
                   ADMIN_EMAILS="root@example.com")
    owner, stranger, admin = app.test_client(), app.test_client(), app.test_client()
    owner_csrf = dev_login(owner)
    stranger_csrf, admin_csrf = dev_login(stranger, "eve@example.com"), dev_login(admin, "root@example.com")
    blob_id = created(upload_blob(owner, owner_csrf, PNG))
    assert stranger.get(f"/api/v1/blobs/{blob_id}").status_code == 404
    assert stranger.delete(f"/api/v1/blobs/{blob_id}", headers={"X-CSRF-Token": stranger_csrf}).status_code == 404
    assert stranger.get("/api/v1/blobs").json["items"] == []
    download = admin.get(f"/api/v1/blobs/{blob_id}")
    assert download.status_code == 200 and download.data == PNG
    assert admin.delete(f"/api/v1/blobs/{blob_id}", headers={"X-CSRF-Token": admin_csrf}).status_code == 404
    assert admin.get("/api/v1/blobs").json["items"] == []
    assert owner.get(f"/api/v1/blobs/{blob_id}").status_code == 200


def test_ids_that_are_not_uuids_are_404(client, csrf):
    assert client.get("/api/v1/blobs/123").status_code == 404
    assert client.delete("/api/v1/blobs/..%2Fetc", headers={"X-CSRF-Token": csrf}).status_code == 404


def test_the_list_is_newest_first_by_category_and_pages_neither_repeat_nor_skip(client, csrf):
    ids = [created(upload_blob(client, csrf, PNG, "image", f"{n}.png")) for n in range(3)]
    pdf = created(upload_blob(client, csrf, PDF, "document", "doc.pdf"))
    first = client.get("/api/v1/blobs?limit=2").json
    assert [b["id"] for b in first["items"]] == [pdf, ids[2]] and first["next_cursor"]
    newer = created(upload_blob(client, csrf, PNG, "image", "new.png"))
    second = client.get(f"/api/v1/blobs?limit=2&cursor={first['next_cursor']}").json
    assert [b["id"] for b in second["items"]] == [ids[1], ids[0]]
    assert second["next_cursor"] is None
    images = client.get("/api/v1/blobs?category=image").json["items"]
    assert [b["id"] for b in images] == [newer, ids[2], ids[1], ids[0]]
    for bad in ("category=video", "limit=0", "limit=201", "cursor=nonsense", "colour=red"):
        reply = client.get(f"/api/v1/blobs?{bad}")
        assert reply.status_code == 400 and reply.json["code"] == "validation_error", bad


def test_health_still_answers_ok_with_the_blob_store(client):
    reply = client.get("/health")
    assert reply.status_code == 200 and reply.json["checks"]["blob_store"] == "ok"


def test_the_routes_are_in_the_openapi_document_with_their_errors(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path in ("/api/v1/blobs", "/api/v1/tracks"):
        upload = paths[path]["post"]
        assert {"201", "400", "413", "415"} <= set(upload["responses"])
        body = upload["requestBody"]["content"]["multipart/form-data"]["schema"]
        assert body["properties"]["file"]["format"] == "binary" and "file" in body["required"]
    assert {"200", "206", "404", "416"} <= set(paths["/api/v1/tracks/{track_id}/stream"]["get"]["responses"])
    assert {"get", "put"} <= set(paths["/api/v1/tracks/{track_id}/analysis"])
    assert {"get", "delete"} <= set(paths["/api/v1/blobs/{blob_id}"])
