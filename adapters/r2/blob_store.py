"""The R2 blob store: Cloudflare R2 through boto3's S3 API (any S3-compatible server works).

Small objects go up in one PutObject; above PART_SIZE, `upload_fileobj` sends 8 MiB parts one
at a time, so an upload holds one part in memory. Reads are ranged GetObjects streamed in
CHUNK-sized pieces. Connection failures, timeouts and 5xx answers become BlobStoreUnavailable
(the app's 503); a missing key is BlobMissing or None, as the port says.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import BinaryIO, Iterator
from urllib.parse import quote

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionError, HTTPClientError, IncompleteReadError

from ports.outbound.blob_store import BlobMissing, BlobStore, BlobStoreUnavailable, StoredObject

CHUNK = 64 * 1024
PART_SIZE = 8 * 1024 * 1024
TRANSFER = TransferConfig(multipart_threshold=PART_SIZE, multipart_chunksize=PART_SIZE, use_threads=False)
UNREACHABLE = (ConnectionError, HTTPClientError, IncompleteReadError)  # refused, timed out, cut short
BUSY_CODES = {"SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout", "NoSuchBucket"}
MISSING_CODES = {"NoSuchKey", "404", "NotFound"}
MAX_PRESIGN_S = 7 * 24 * 3600
STORE_TIMEOUTS = {"connect_timeout": 2, "read_timeout": 10, "retries": {"max_attempts": 2, "mode": "standard"}}
# The health probe asks one quick question: a hung R2 is "down" in about a second, not after 3 × 10 s reads.
PROBE_TIMEOUTS = {"connect_timeout": 1, "read_timeout": 1, "retries": {"total_max_attempts": 1, "mode": "standard"}}


def make_client(endpoint_url: str, access_key_id: str, secret_access_key: str):
    """An S3 client for R2: region `auto`, path-style, short timeouts, checksums only when required."""
    return _client(endpoint_url, access_key_id, secret_access_key, STORE_TIMEOUTS)


def _client(endpoint_url: str, access_key_id: str, secret_access_key: str, timeouts: dict):
    config = Config(region_name="auto", signature_version="s3v4", s3={"addressing_style": "path"},
                    request_checksum_calculation="when_required", response_checksum_validation="when_required",
                    **timeouts)
    return boto3.session.Session().client("s3", endpoint_url=endpoint_url, aws_access_key_id=access_key_id,
                                          aws_secret_access_key=secret_access_key, config=config)


class R2BlobStore(BlobStore):
    def __init__(self, client, bucket: str, probe_client=None) -> None:
        self.client, self.bucket = client, bucket
        self.probe_client = probe_client or client

    @classmethod
    def connect(cls, *, endpoint_url: str, access_key_id: str, secret_access_key: str, bucket: str) -> "R2BlobStore":
        return cls(make_client(endpoint_url, access_key_id, secret_access_key), bucket,
                   _client(endpoint_url, access_key_id, secret_access_key, PROBE_TIMEOUTS))

    def put(self, key, data, *, size, content_type):
        body = _Exactly(data, size)
        if size <= PART_SIZE:  # one request, and its answer carries the ETag
            payload = body.read()
            with _translated(key):
                reply = self.client.put_object(Bucket=self.bucket, Key=key, Body=payload, ContentType=content_type)
            return StoredObject(key=key, size=size, etag=reply["ETag"], content_type=content_type)
        with _translated(key):
            self.client.upload_fileobj(body, self.bucket, key, ExtraArgs={"ContentType": content_type},
                                       Config=TRANSFER)
        stored = self.head(key)
        if stored is None:
            raise BlobStoreUnavailable(f"{key} is not there after its upload")
        return stored

    def open(self, key, start=0, end=None):
        if start < 0 or (end is not None and end < start):
            raise ValueError(f"not a byte range: {start}-{end}")  # S3 would ignore it and send everything
        ranged = {} if start == 0 and end is None else {"Range": f"bytes={start}-{'' if end is None else end}"}
        try:
            with _translated(key):
                reply = self.client.get_object(Bucket=self.bucket, Key=key, **ranged)
        except ClientError as error:
            if _code(error) == "InvalidRange":  # starts past the end: nothing to read
                return iter(())
            raise
        return _Chunks(reply["Body"], key)

    def head(self, key):
        try:
            with _translated(key):
                reply = self.client.head_object(Bucket=self.bucket, Key=key)
        except BlobMissing:
            return None
        return StoredObject(key=key, size=reply["ContentLength"], etag=reply["ETag"],
                            content_type=reply.get("ContentType"))

    def delete(self, key):
        try:
            with _translated(key):
                self.client.delete_object(Bucket=self.bucket, Key=key)
        except BlobMissing:
            pass

    def list(self, prefix=""):
        """In key order (S3's); a listing carries no content types."""
        return self._listing(prefix)

    def _listing(self, prefix: str) -> Iterator[StoredObject]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        with _translated(prefix):
            for page in pages:
                for item in page.get("Contents", ()):
                    yield StoredObject(key=item["Key"], size=item["Size"], etag=item["ETag"])

    def presigned_url(self, key, *, expires_s, filename=None, content_type=None):
        if not 1 <= expires_s <= MAX_PRESIGN_S:
            raise ValueError(f"expires_s must be 1..{MAX_PRESIGN_S}")
        params = {"Bucket": self.bucket, "Key": key}
        if filename:
            params["ResponseContentDisposition"] = content_disposition(filename)
        if content_type:
            params["ResponseContentType"] = content_type
        return self.client.generate_presigned_url("get_object", Params=params, ExpiresIn=expires_s)

    def check(self) -> None:
        """Raise unless the bucket answers within about a second (the health probe)."""
        with _translated(self.bucket):
            self.probe_client.head_bucket(Bucket=self.bucket)


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback name and the exact name in RFC 5987 form."""
    fallback = re.sub(r'[^A-Za-z0-9._ -]', "_", filename)[:200] or "download"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


@contextmanager
def _translated(key: str):
    """botocore's failures as the port's: missing → BlobMissing, unreachable or 5xx → BlobStoreUnavailable."""
    try:
        yield
    except ClientError as error:
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
        if _code(error) in BUSY_CODES or status >= 500:
            raise BlobStoreUnavailable(f"R2 answered {status} {_code(error)} for {key}") from error
        if _code(error) in MISSING_CODES:
            raise BlobMissing(key) from error
        raise
    except UNREACHABLE as error:
        raise BlobStoreUnavailable(f"R2 unreachable for {key}: {type(error).__name__}") from error


class _Exactly:
    """A read-only view of exactly `size` bytes of `data`; a stream of any other length raises ValueError."""

    def __init__(self, data: BinaryIO, size: int) -> None:
        self.data, self.size, self.remaining = data, size, size

    def read(self, amount: int | None = -1) -> bytes:
        wanted = self.remaining if amount is None or amount < 0 else min(amount, self.remaining)
        parts, got = [], 0
        while got < wanted and (chunk := self.data.read(wanted - got)):
            parts.append(chunk)
            got += len(chunk)
        self.remaining -= got
        if got < wanted:
            raise ValueError(f"expected exactly {self.size} bytes, got {self.size - self.remaining}")
        if self.remaining == 0 and wanted == got and self.data.read(1):
            raise ValueError(f"expected exactly {self.size} bytes, got more")
        return b"".join(parts)


class _Chunks:
    """A GetObject body as chunks; closes the HTTP response when done, failed or closed early."""

    def __init__(self, body, key: str) -> None:
        self.body, self.key, self.chunks = body, key, body.iter_chunks(CHUNK)

    def __iter__(self):
        return self

    def __next__(self) -> bytes:
        try:
            return next(self.chunks)
        except StopIteration:
            self.close()
            raise
        except UNREACHABLE as error:
            self.close()
            raise BlobStoreUnavailable(f"R2 stopped sending {self.key}: {type(error).__name__}") from error

    def close(self) -> None:
        self.body.close()
