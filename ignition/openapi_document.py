"""The OpenAPI document the service serves at /api/v1/openapi.json, built without a database.

Building the app opens no connection, so the document can be read at test collection or by
`ignition openapi` (which the TypeScript client's type generator reads) on a machine with no
Postgres. The settings are a test environment's: the document does not depend on them.
"""
from __future__ import annotations

import json
import secrets

from ignition.app import create_app
from ignition.container import Container
from ignition.settings import Settings

UNREACHABLE_DATABASE = "postgresql://openapi@127.0.0.1:9/none"  # never connected to


def served_document() -> dict:
    """The document exactly as GET /api/v1/openapi.json answers it."""
    settings = Settings.from_env({"IGNITION_ENV": "test", "DATABASE_URL": UNREACHABLE_DATABASE,
                                  "AUTH_SECRET": secrets.token_urlsafe(48)})
    container = Container(settings=settings.validate())
    try:
        return create_app(container).test_client().get("/api/v1/openapi.json").get_json()
    finally:
        container.unwire()


def document_text() -> str:
    """Stable text of the document: sorted keys, two-space indent, a final newline."""
    return json.dumps(served_document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
