"""Response bodies through orjson: several times faster than the standard library's json,
and every response pays for serialization (PERFORMANCE.md).

Request bodies keep the standard library's parser: its errors feed the 400 answers the
API already gives (a lone surrogate in JSON text, for example), and requests are rarely large.
"""
from __future__ import annotations

import decimal
from typing import Any

import orjson
from flask.json.provider import DefaultJSONProvider

OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_UTC_Z


def _default(value: Any) -> Any:
    """What orjson does not know natively; anything else is a programming error (TypeError)."""
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class OrjsonProvider(DefaultJSONProvider):
    def dumps(self, obj: Any, **kwargs: Any) -> str:
        return self._encode(obj).decode()

    def response(self, *args: Any, **kwargs: Any):
        body = self._encode(self._prepare_response_obj(args, kwargs))
        return self._app.response_class(body, mimetype="application/json")

    def _encode(self, obj: Any) -> bytes:
        """orjson, or the standard library for what orjson refuses: integers beyond 64 bits,
        which a validation error may echo back from the input."""
        try:
            return orjson.dumps(obj, default=_default, option=OPTIONS)
        except orjson.JSONEncodeError:
            return super().dumps(obj).encode()
