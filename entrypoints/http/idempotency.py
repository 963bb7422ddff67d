"""`Idempotency-Key` on routes marked `@idempotent` (awards and spends, DESIGN §6).

Before the handler: the key is claimed for (user, key). A retry within 24 h gets the first
response back (`Idempotent-Replayed: true`) and runs nothing; a retry while the first is
still running gets 409; the same key on another request (method, path, body) gets 409.
After the handler: responses below 500 are stored; on a 5xx the key is released so that a
retry can run. The handler's own effects are idempotent by their ledger sources as well.
"""
from __future__ import annotations

import hashlib
import json
from typing import Callable

from flask import Flask, Response, g, request

from domain.idempotency import valid_key
from entrypoints.http.errors import ApiError
from ports.inbound import idempotency

HEADER = "Idempotency-Key"


def idempotent(view: Callable) -> Callable:
    """The route honours the Idempotency-Key header."""
    view.ignition_idempotent = True
    return view


def install_idempotency(app: Flask, uow_factory: Callable, clock) -> None:
    """Register after the security hooks: the claim needs the signed-in user."""

    @app.before_request
    def claim():
        g.idempotency_key = None
        key = request.headers.get(HEADER)
        view = app.view_functions.get(request.endpoint) if request.endpoint else None
        if key is None or not getattr(view, "ignition_idempotent", False) or g.get("principal") is None:
            return None
        if not valid_key(key):
            raise ApiError(400, "Idempotency-Key must be 1–255 printable ASCII characters.", "validation_error")
        fingerprint = hashlib.sha256(request.get_data()).hexdigest()
        earlier = idempotency.claim_key(uow_factory(), clock, user_id=g.principal.user.id, key=key,
                                        method=request.method, path=request.path, fingerprint=fingerprint)
        if earlier is None:
            g.idempotency_key = key
            return None
        if not earlier.matches(request.method, request.path, fingerprint):
            raise ApiError(409, "This Idempotency-Key was used for another request.", "conflict")
        if earlier.status is None:
            raise ApiError(409, "A request with this Idempotency-Key is still running.", "conflict",
                           headers={"Retry-After": "1"})
        return _replay(earlier.status, earlier.body)

    @app.after_request
    def store(response: Response):
        key = g.pop("idempotency_key", None)
        if key is None:
            return response
        user_id = g.principal.user.id
        if response.status_code >= 500:
            idempotency.release_key(uow_factory(), user_id=user_id, key=key)
        else:
            idempotency.store_response(uow_factory(), user_id=user_id, key=key, status=response.status_code,
                                       body=response.get_json(silent=True))
        return response


def _replay(status: int, body: object) -> Response:
    response = Response(json.dumps(body) if body is not None else "", status=status,
                        mimetype="application/json" if body is not None else None)
    response.headers["Idempotent-Replayed"] = "true"
    return response
