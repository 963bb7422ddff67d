"""An S3-protocol server on loopback for the R2 adapter: moto's standalone server, one per session."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import boto3
import pytest

ACCESS_KEY, SECRET_KEY = "test-access-key", "test-secret-key"


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    admin: Any  # a plain boto3 client (us-east-1), for creating buckets

    def new_bucket(self) -> str:
        """A fresh, empty bucket, so that tests never see each other's objects."""
        name = f"ignition-{uuid.uuid4().hex[:16]}"
        self.admin.create_bucket(Bucket=name)
        return name

    def env(self, bucket: str) -> dict[str, str]:
        """The settings of an app that stores its files in `bucket`."""
        return {"BLOB_STORE": "r2", "R2_ENDPOINT_URL": self.endpoint_url, "R2_ACCESS_KEY_ID": ACCESS_KEY,
                "R2_SECRET_ACCESS_KEY": SECRET_KEY, "R2_BUCKET": bucket}


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server on 127.0.0.1 and a port of its own choosing; stopped at the end."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    admin = boto3.session.Session().client("s3", endpoint_url=endpoint, region_name="us-east-1",
                                           aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)
    try:
        yield S3Server(endpoint, admin)
    finally:
        server.stop()
