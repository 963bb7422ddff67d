"""Schemas of /api/v1/blobs and /api/v1/tracks: upload fields, what a file or track shows, analyses."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from domain.files import CATEGORIES
from domain.tracks import (LOUDNESS_RANGE, MAX_ANALYZER_VERSION, MAX_BPM, MAX_DURATION_SECONDS, MAX_KEY, MAX_TITLE,
                           MAX_WAVEFORM)
from entrypoints.http.paging import PageQuery, page_list_schema



class Number(fields.Float):
    """A JSON number (a string of digits is a wrong type here, not a number)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, (str, bool)):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class BlobUploadIn(Schema):
    """The fields beside the multipart `file` part."""

    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))


class TrackUploadIn(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=MAX_TITLE))


class TrackPatchIn(TrackUploadIn):
    """A new title (the only thing a track lets change)."""


def multipart_body(schema: type[Schema], description: str) -> dict:
    """The OpenAPI requestBody of an upload: the schema's text fields plus the binary `file`."""
    properties = {"file": {"type": "string", "format": "binary", "description": description}}
    for name, field in schema._declared_fields.items():
        choices = getattr(field.validate, "choices", None) if field.validate else None
        properties[name] = {"type": "string", **({"enum": list(choices)} if choices else {})}
    return {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file", *schema._declared_fields], "properties": properties}}}}


class BlobListQuery(PageQuery):
    category = fields.String(load_default=None, validate=validate.OneOf(CATEGORIES))


class BlobOut(Schema):
    id = fields.UUID(required=True)
    category = fields.String(required=True, metadata={"enum": list(CATEGORIES)})
    content_type = fields.String(required=True, metadata={"description": "Sniffed from the bytes"})
    size = fields.Integer(required=True, metadata={"description": "Bytes"})
    filename = fields.String(required=True, metadata={"description": "The sent name reduced to safe characters"})
    created_at = fields.AwareDateTime(required=True)


class TrackOut(Schema):
    id = fields.UUID(required=True)
    title = fields.String(required=True)
    content_type = fields.String(required=True, metadata={"description": "Sniffed from the bytes"})
    size = fields.Integer(required=True, metadata={"description": "Bytes"})
    filename = fields.String(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


class TrackAnalysisIn(Schema):
    """A whole analysis; PUT replaces the stored one."""

    bpm = Number(required=True, validate=validate.Range(min=0, max=MAX_BPM, min_inclusive=False))
    key = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=MAX_KEY),
                        metadata={"description": "The musical key, e.g. A minor"})
    loudness_lufs = Number(load_default=None, allow_none=True, validate=validate.Range(*LOUDNESS_RANGE))
    duration_seconds = Number(required=True, validate=validate.Range(min=0, max=MAX_DURATION_SECONDS))
    waveform = fields.List(Number(validate=validate.Range(min=0, max=1)), required=True,
                           validate=validate.Length(max=MAX_WAVEFORM), metadata={"description": "Peaks, 0..1"})
    analyzer_version = fields.String(required=True, validate=validate.Length(min=1, max=MAX_ANALYZER_VERSION))


class TrackAnalysisOut(Schema):
    bpm = fields.Float(required=True)
    key = fields.String(required=True, allow_none=True)
    loudness_lufs = fields.Float(required=True, allow_none=True)
    duration_seconds = fields.Float(required=True)
    waveform = fields.List(fields.Float(), required=True)
    analyzer_version = fields.String(required=True)
    updated_at = fields.AwareDateTime(required=True)


BINARY = {"type": "string", "format": "binary"}  # documents a byte response (returned as a Response)


def binary_content(content_types) -> dict:
    """The OpenAPI `content` of a byte response that comes in any of these types (the sniffed one)."""
    return {content_type: {"schema": BINARY} for content_type in sorted(content_types)}


BlobListOut = page_list_schema(BlobOut, "BlobList")
TrackListOut = page_list_schema(TrackOut, "TrackList")
