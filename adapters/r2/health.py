"""Does R2 answer for our bucket? (HeadBucket, bounded by the client's timeouts.)"""
from __future__ import annotations

from adapters.r2.blob_store import R2BlobStore
from ports.outbound.health import HealthProbe


class BucketProbe(HealthProbe):
    name = "blob_store"

    def __init__(self, store: R2BlobStore) -> None:
        self.store = store

    def check(self) -> None:
        self.store.check()
