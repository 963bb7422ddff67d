"""How much memory does a gunicorn worker gain while it streams a 200 MB track? (`make bench-stream`)

Starts, in a temporary folder, a private Postgres cluster and the service under gunicorn with
production settings (one sync worker, filesystem store) on 127.0.0.1; signs a user in through
a session row inserted straight into the database (production has no development login);
uploads a 200 MB track (an ID3 header, then random bytes) as multipart from a file on disk;
then streams it whole with a client that discards the bytes, while a thread samples the
worker's RSS from /proc. Prints the peak growth over the RSS just before the stream (target
< 30 MB) and the same for the upload; exits 1 when the stream misses the target. Bounded in
time (TIME_LIMIT_S); removes everything it made, whatever happens.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import requests

from harness import MB, Sampler, database, mb, rss_kb, run_bounded, service, signed_in

TRACK_BYTES = 200 * MB
TARGET_MB = 30
TIME_LIMIT_S = 600
BOUNDARY = "bench-stream-boundary"


def write_upload(path: Path) -> str:
    """A multipart body on disk: `title`, then `file` = 200 MB that sniff as MP3 (an ID3v2.4 tag, then noise)."""
    head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBench 200 MB\r\n"
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.mp3\"\r\n"
            "Content-Type: audio/mpeg\r\n\r\n").encode()
    with path.open("wb") as out:
        out.write(head)
        out.write(b"ID3\x04\x00\x00\x00\x00\x00\x00")
        left = TRACK_BYTES - 10
        while left:
            chunk = os.urandom(min(1024 * 1024, left))
            out.write(chunk)
            left -= len(chunk)
        out.write(f"\r\n--{BOUNDARY}--\r\n".encode())
    return f"multipart/form-data; boundary={BOUNDARY}"


def bench(root: Path) -> bool:
    body = root / "upload.body"
    content_type = write_upload(body)
    with database(root) as database_url, service(root, database_url) as (base, worker):
        session, headers = signed_in(base, database_url)
        session.get(base + "/api/v1/tracks", headers=headers, timeout=10).raise_for_status()

        before_upload = rss_kb(worker)
        started = time.monotonic()
        with Sampler(worker) as during_upload, body.open("rb") as data:
            reply = session.post(base + "/api/v1/tracks", data=data, timeout=300,
                                 headers={**headers, "Content-Type": content_type})
        upload_s = time.monotonic() - started
        if reply.status_code != 201:
            raise RuntimeError(f"upload answered {reply.status_code}: {reply.text[:500]}")
        track = reply.json()
        stream_url = f"{base}/api/v1/tracks/{track['id']}/stream"
        warm = session.get(stream_url, headers={**headers, "Range": "bytes=0-1048575"}, timeout=30)
        warm.raise_for_status()

        before_stream = rss_kb(worker)
        received, started = 0, time.monotonic()
        with Sampler(worker) as during_stream:
            with session.get(stream_url, headers=headers, stream=True, timeout=60) as streamed:
                streamed.raise_for_status()
                for chunk in streamed.iter_content(chunk_size=1024 * 1024):
                    received += len(chunk)
        stream_s = time.monotonic() - started
    if received != TRACK_BYTES or track["size"] != TRACK_BYTES:
        raise RuntimeError(f"streamed {received} bytes of {TRACK_BYTES}")
    growth = mb(during_stream.peak_kb - before_stream)
    print(f"track: {TRACK_BYTES / MB:.0f} MB ({track['content_type']})")
    print(f"upload: {upload_s:.1f} s, worker RSS {mb(before_upload):.1f} MB → peak {mb(during_upload.peak_kb):.1f} MB "
          f"(growth {mb(during_upload.peak_kb - before_upload):.1f} MB, {during_upload.samples} samples)")
    print(f"stream: {stream_s:.1f} s ({TRACK_BYTES / MB / stream_s:.0f} MB/s), worker RSS {mb(before_stream):.1f} MB "
          f"→ peak {mb(during_stream.peak_kb):.1f} MB ({during_stream.samples} samples)")
    print(f"peak RSS growth while streaming: {growth:.1f} MB (target < {TARGET_MB} MB): "
          f"{'ok' if growth < TARGET_MB else 'MISSED'}")
    return growth < TARGET_MB


def main() -> int:
    return run_bounded(bench, prefix="ignition-bench-stream-", limit_s=TIME_LIMIT_S)


if __name__ == "__main__":
    sys.exit(main())
