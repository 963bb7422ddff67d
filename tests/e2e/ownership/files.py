"""Id-taking routes of blobs and tracks — and the multipart helpers the files suites share."""
from __future__ import annotations

import random

from tests.e2e.ownership import Resource

_bytes = random.Random(5).randbytes
PNG = b"\x89PNG\r\n\x1a\n" + _bytes(4000)
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + _bytes(20_000)
ANALYSIS = {"bpm": 128, "key": "A minor", "loudness_lufs": -8.5, "duration_seconds": 200.5,
            "waveform": [0.1, 0.9, 0.4], "analyzer_version": "essentia-2.1"}


def multipart(*parts: tuple, boundary: str = "ignition-test-boundary") -> tuple[bytes, str]:
    """A multipart/form-data body from (name, value) and (name, bytes, filename) parts, in this order."""
    body = b""
    for part in parts:
        name, value, *filename = part
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename[0]}"' if filename else "")
        content_type = b"Content-Type: application/octet-stream\r\n" if filename else b""
        data = value if isinstance(value, bytes) else value.encode()
        body += (f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode() + content_type + b"\r\n"
                 + data + b"\r\n")
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def send(client, csrf: str, path: str, *parts: tuple, **kwargs):
    body, content_type = multipart(*parts)
    return client.post(path, data=body, content_type=content_type, headers={"X-CSRF-Token": csrf}, **kwargs)


def upload_blob(client, csrf: str, data: bytes = PNG, category: str = "image", filename: str = "pic.png"):
    return send(client, csrf, "/api/v1/blobs", ("category", category), ("file", data, filename))


def upload_track(client, csrf: str, data: bytes = MP3, title: str = "Warm-up", filename: str = "song.mp3"):
    return send(client, csrf, "/api/v1/tracks", ("title", title), ("file", data, filename))


def created(reply) -> str:
    assert reply.status_code == 201, (reply.status_code, reply.get_json())
    return reply.get_json()["id"]


def _blob(client, csrf):
    return {"blob_id": created(upload_blob(client, csrf))}


def _track(client, csrf):
    return {"track_id": created(upload_track(client, csrf))}


def _analysed_track(client, csrf):
    ids = _track(client, csrf)
    reply = client.put(f"/api/v1/tracks/{ids['track_id']}/analysis", json=ANALYSIS, headers={"X-CSRF-Token": csrf})
    assert reply.status_code == 200, reply.get_json()
    return ids


RESOURCES = [
    Resource("/api/v1/blobs/<uuid:blob_id>", _blob, read="/api/v1/blobs"),
    Resource("/api/v1/tracks/<uuid:track_id>", _track, {"PATCH": {"title": "Stolen"}}),
    Resource("/api/v1/tracks/<uuid:track_id>/stream", _track, read="/api/v1/tracks/{track_id}"),
    Resource("/api/v1/tracks/<uuid:track_id>/analysis", _analysed_track, {"PUT": {**ANALYSIS, "bpm": 60}}),
]
