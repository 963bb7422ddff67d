"""An in-memory blob store for tests: dict of bytes, same contract as R2 and the filesystem."""
from __future__ import annotations

import hashlib

from ports.outbound.blob_store import BlobMissing, BlobStore, BlobStoreUnavailable, StoredObject

CHUNK = 64 * 1024


class InMemoryBlobStore(BlobStore):
    def __init__(self) -> None:
        self.objects: dict[str, tuple[bytes, str]] = {}
        self.fail = False  # tests set it to simulate an outage

    def _check(self) -> None:
        if self.fail:
            raise BlobStoreUnavailable("the in-memory store is set to fail")

    def put(self, key, data, *, size, content_type):
        self._check()
        parts, read = [], 0
        while read < size and (chunk := data.read(min(CHUNK, size - read))):
            parts.append(chunk)
            read += len(chunk)
        if read != size or data.read(1):
            raise ValueError(f"expected exactly {size} bytes, got {read if read != size else 'more'}")
        self.objects[key] = (b"".join(parts), content_type)
        return self._info(key)

    def open(self, key, start=0, end=None):
        if start < 0 or (end is not None and end < start):
            raise ValueError(f"not a byte range: {start}-{end}")
        self._check()
        if key not in self.objects:
            raise BlobMissing(key)
        body = self.objects[key][0]
        stop = len(body) if end is None else min(end + 1, len(body))
        return (body[i:min(i + CHUNK, stop)] for i in range(start, stop, CHUNK))

    def head(self, key):
        self._check()
        return self._info(key) if key in self.objects else None

    def delete(self, key):
        self._check()
        self.objects.pop(key, None)

    def list(self, prefix=""):
        """In key order; no content types, like R2's listing."""
        self._check()
        found = [self._info(k) for k in sorted(self.objects) if k.startswith(prefix)]
        return iter([StoredObject(key=f.key, size=f.size, etag=f.etag) for f in found])

    def presigned_url(self, key, *, expires_s, filename=None, content_type=None):
        return None

    def _info(self, key) -> StoredObject:
        body, content_type = self.objects[key]
        return StoredObject(key=key, size=len(body), etag=f'"{hashlib.md5(body).hexdigest()}"',
                            content_type=content_type)
