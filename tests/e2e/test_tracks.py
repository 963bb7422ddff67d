"""/api/v1/tracks over HTTP on real Postgres and the filesystem store: upload by the bytes'
type, list, read, rename, delete, analysis, and 404 for everyone but the owner."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import dev_login
from tests.e2e.ownership.files import ANALYSIS, MP3, PNG, created, send, upload_track

AUDIO = {
    "audio/mpeg": MP3,
    "audio/wav": b"RIFF\x24\x08\x00\x00WAVEfmt " + b"\x00" * 100,
    "audio/ogg": b"OggS\x00\x02" + b"\x00" * 100,
    "audio/flac": b"fLaC\x00\x00\x00\x22" + b"\x00" * 100,
    "audio/mp4": b"\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00" + b"\x00" * 100,
}


def headers(csrf):
    return {"X-CSRF-Token": csrf}


@pytest.mark.parametrize("content_type", sorted(AUDIO))
def test_each_audio_format_is_recognised_by_its_bytes(client, csrf, content_type):
    reply = upload_track(client, csrf, AUDIO[content_type], "Take one", "take.bin")
    assert reply.status_code == 201, reply.json
    assert set(reply.json) == {"id", "title", "content_type", "size", "filename", "created_at", "updated_at"}
    assert (reply.json["title"], reply.json["content_type"], reply.json["size"], reply.json["filename"]) == \
        ("Take one", content_type, len(AUDIO[content_type]), "take.bin")


@pytest.mark.parametrize("data", [PNG, b"%PDF-1.4 not a song", "just some text\n".encode(),
                                  b"RIFF\x24\x08\x00\x00WEBPVP8 " + b"\x00" * 40])
def test_anything_but_audio_is_415(client, csrf, db, data):
    reply = upload_track(client, csrf, data, "Not a song")
    assert reply.status_code == 415 and reply.json["code"] == "unsupported_media_type"
    assert db.execute("SELECT count(*) FROM reference_tracks").fetchone() == (0,)


@pytest.mark.parametrize("parts, field", [
    ((("file", MP3, "a.mp3"),), "title"),
    ((("title", "Song"),), "file"),
    ((("title", ""), ("file", MP3, "a.mp3")), "title"),
    ((("title", "   "), ("file", MP3, "a.mp3")), "title"),
    ((("title", "x" * 201), ("file", MP3, "a.mp3")), "title"),
    ((("title", "Song"), ("file", b"", "a.mp3")), "file"),
    ((("title", "Song"), ("file", MP3, "../../a.mp3")), "file"),
    ((("title", "Song"), ("category", "audio"), ("file", MP3, "a.mp3")), "category"),
])
def test_bad_uploads_are_400_naming_the_field(client, csrf, parts, field):
    reply = send(client, csrf, "/api/v1/tracks", *parts)
    assert reply.status_code == 400 and list(reply.json["details"]) == [field], reply.json


def test_a_track_is_read_renamed_and_deleted_with_its_object_and_analysis(client, csrf, db, dev_app):
    track = upload_track(client, csrf, MP3, "  Warm-up  ").json
    assert track["title"] == "Warm-up"
    path = f"/api/v1/tracks/{track['id']}"
    assert client.get(path).json == track
    renamed = client.patch(path, json={"title": "Cool-down"}, headers=headers(csrf))
    assert renamed.status_code == 200 and renamed.json["title"] == "Cool-down"
    assert renamed.json["updated_at"] >= track["updated_at"] and renamed.json["created_at"] == track["created_at"]
    assert client.get(path).json["title"] == "Cool-down"
    assert client.put(f"{path}/analysis", json=ANALYSIS, headers=headers(csrf)).status_code == 200
    key = db.execute("SELECT storage_key FROM reference_tracks WHERE id = %s", (track["id"],)).fetchone()[0]
    store = dev_app.extensions["ignition.container"].blob_store()
    assert store.head(key).size == len(MP3)
    assert client.delete(path, headers=headers(csrf)).status_code == 204
    assert store.head(key) is None
    assert db.execute("SELECT count(*) FROM track_analysis_cache").fetchone() == (0,)
    assert client.get(path).status_code == 404
    assert client.get(f"{path}/stream").status_code == 404


@pytest.mark.parametrize("body, field", [
    ({}, "title"), ({"title": ""}, "title"), ({"title": "   "}, "title"), ({"title": "x" * 201}, "title"),
    ({"title": 5}, "title"), ({"title": None}, "title"), ({"title": "ok", "size": 1}, "size"),
    ({"title": "bad\u0000"}, "title"),
])
def test_a_bad_rename_is_400_naming_the_field(client, csrf, body, field):
    track_id = created(upload_track(client, csrf))
    reply = client.patch(f"/api/v1/tracks/{track_id}", json=body, headers=headers(csrf))
    assert reply.status_code == 400 and field in reply.json["details"], reply.json


def test_the_analysis_is_404_until_put_and_put_replaces_it(client, csrf):
    track_id = created(upload_track(client, csrf))
    path = f"/api/v1/tracks/{track_id}/analysis"
    assert client.get(path).status_code == 404
    stored = client.put(path, json=ANALYSIS, headers=headers(csrf))
    assert stored.status_code == 200
    assert {k: v for k, v in stored.json.items() if k != "updated_at"} == {**ANALYSIS, "bpm": 128.0}
    assert client.get(path).json == stored.json
    minimal = {"bpm": 90.5, "duration_seconds": 0, "waveform": [], "analyzer_version": "v2"}
    replaced = client.put(path, json=minimal, headers=headers(csrf)).json
    assert (replaced["key"], replaced["loudness_lufs"], replaced["waveform"], replaced["bpm"]) == (None, None, [], 90.5)
    edges = {"bpm": 400, "key": "C", "loudness_lufs": 10, "duration_seconds": 86_400, "waveform": [0, 1] * 2048,
             "analyzer_version": "v" * 50}
    assert client.put(path, json=edges, headers=headers(csrf)).status_code == 200
    assert len(client.get(path).json["waveform"]) == 4096


BAD_ANALYSES = [
    ({"bpm": 0}, "bpm"), ({"bpm": -1}, "bpm"), ({"bpm": 400.01}, "bpm"), ({"bpm": "120"}, "bpm"),
    ({"bpm": True}, "bpm"), ({"bpm": None}, "bpm"), ({"bpm": 10**400}, "bpm"),
    ({"key": "k" * 21}, "key"), ({"key": ""}, "key"), ({"key": 7}, "key"),
    ({"loudness_lufs": -70.5}, "loudness_lufs"), ({"loudness_lufs": 10.5}, "loudness_lufs"),
    ({"duration_seconds": -0.1}, "duration_seconds"), ({"duration_seconds": 86_401}, "duration_seconds"),
    ({"waveform": [0.5] * 4097}, "waveform"), ({"waveform": [1.5]}, "waveform"), ({"waveform": [-0.1]}, "waveform"),
    ({"waveform": ["0.5"]}, "waveform"), ({"waveform": 0.5}, "waveform"), ({"waveform": None}, "waveform"),
    ({"analyzer_version": ""}, "analyzer_version"), ({"analyzer_version": "v" * 51}, "analyzer_version"),
    ({"tempo": 120}, "tempo"),
]


@pytest.mark.parametrize("change, field", BAD_ANALYSES)
def test_a_bad_analysis_is_400_naming_the_field(client, csrf, change, field):
    track_id = created(upload_track(client, csrf))
    reply = client.put(f"/api/v1/tracks/{track_id}/analysis", json={**ANALYSIS, **change}, headers=headers(csrf))
    assert reply.status_code == 400 and field in reply.json["details"], reply.json


@pytest.mark.parametrize("missing", ["bpm", "duration_seconds", "waveform", "analyzer_version"])
def test_an_analysis_without_a_required_value_is_400(client, csrf, missing):
    track_id = created(upload_track(client, csrf))
    body = {k: v for k, v in ANALYSIS.items() if k != missing}
    reply = client.put(f"/api/v1/tracks/{track_id}/analysis", json=body, headers=headers(csrf))
    assert reply.status_code == 400 and list(reply.json["details"]) == [missing]


def test_infinite_numbers_in_the_raw_json_are_400(client, csrf):
    track_id = created(upload_track(client, csrf))
    raw = '{"bpm": 1e999, "duration_seconds": 1, "waveform": [], "analyzer_version": "v"}'
    reply = client.put(f"/api/v1/tracks/{track_id}/analysis", data=raw, content_type="application/json",
                       headers=headers(csrf))
    assert reply.status_code == 400 and "bpm" in reply.json["details"]


def test_the_list_is_newest_first_and_pages_neither_repeat_nor_skip(client, csrf):
    ids = [created(upload_track(client, csrf, MP3, f"Track {n}")) for n in range(3)]
    first = client.get("/api/v1/tracks?limit=2").json
    assert [t["id"] for t in first["items"]] == [ids[2], ids[1]]
    newer = created(upload_track(client, csrf, MP3, "Newer"))
    second = client.get(f"/api/v1/tracks?limit=2&cursor={first['next_cursor']}").json
    assert [t["id"] for t in second["items"]] == [ids[0]] and second["next_cursor"] is None
    assert client.get("/api/v1/tracks?limit=1").json["items"][0]["id"] == newer
    for bad in ("limit=0", "limit=abc", "limit=99999999999999999999", "cursor=%00", "title=x"):
        assert client.get(f"/api/v1/tracks?{bad}").status_code == 400, bad


def test_strangers_get_404_everywhere_and_admins_only_stream(make_app):
    app = make_app(IGNITION_ENV="development", DEV_LOGIN="1", COOKIE_SECURE="0", PUBLIC_URL="http://127.0.0.1:8000",
                   ADMIN_EMAILS="root@example.com")
    owner, stranger, admin = app.test_client(), app.test_client(), app.test_client()
    owner_csrf = dev_login(owner)
    others = [(stranger, dev_login(stranger, "eve@example.com")), (admin, dev_login(admin, "root@example.com"))]
    track_id = created(upload_track(owner, owner_csrf))
    path = f"/api/v1/tracks/{track_id}"
    for client, csrf in others:
        assert client.get(path).status_code == 404
        assert client.patch(path, json={"title": "Mine"}, headers=headers(csrf)).status_code == 404
        assert client.delete(path, headers=headers(csrf)).status_code == 404
        assert client.get(f"{path}/analysis").status_code == 404
        assert client.put(f"{path}/analysis", json=ANALYSIS, headers=headers(csrf)).status_code == 404
        assert client.get("/api/v1/tracks").json["items"] == []
    assert stranger.get(f"{path}/stream").status_code == 404
    streamed = admin.get(f"{path}/stream", headers={"Range": "bytes=0-9"})
    assert streamed.status_code == 206 and streamed.data == MP3[:10]
    assert owner.get(path).json["title"] == "Warm-up"
    assert owner.get(f"{path}/analysis").status_code == 404


def test_ids_that_are_not_uuids_are_404(client, csrf):
    for path in ("/api/v1/tracks/1", "/api/v1/tracks/abc/stream", "/api/v1/tracks/00000000-0000/analysis"):
        assert client.get(path).status_code == 404
