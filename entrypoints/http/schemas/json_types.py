"""Field types for JSON bodies that take only what their OpenAPI type says."""
from __future__ import annotations

from marshmallow import fields


class JsonBoolean(fields.Boolean):
    """JSON true or false only: not "yes", "true", 1 or 0 (1 and 0 equal True and False in a set,
    so marshmallow's truthy/falsy sets cannot tell them apart)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value
