"""/api/v1/blobs: uploaded images, audio and documents — upload, list, download, delete."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

from domain.files import ALLOWED, CATEGORIES, limit_bytes
from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.paging import page_body, page_request
from entrypoints.http.schemas.files import (BlobListOut, BlobListQuery, BlobOut, BlobUploadIn, binary_content,
                                            multipart_body)
from entrypoints.http.security import accepts_multipart
from entrypoints.http.streaming import download
from entrypoints.http.uploads import receive
from ports.inbound import files
from ports.outbound.blob_store import BlobStore
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("blobs", __name__, url_prefix="/api/v1", description="Uploaded files")


@bp.post("/blobs")
@bp.doc(requestBody=multipart_body(BlobUploadIn, "The file; its type is sniffed from its bytes"))
@bp.response(201, BlobOut)
@bp.errors(400, 413, 415)
@accepts_multipart
@inject
def upload(uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"],
           store: BlobStore = Provide["blob_store"], settings=Provide["settings"]):
    limits = {category: limit_bytes(category, settings.blob_max_mb) for category in CATEGORIES}
    with receive(BlobUploadIn(), limits, selector="category") as (body, received):
        return files.upload_blob(uow, store, clock, user=current_user(), category=body["category"], upload=received)


@bp.get("/blobs")
@bp.arguments(BlobListQuery, location="query")
@bp.response(200, BlobListOut)
@bp.errors(400)
@inject
def list_blobs(query: dict, uow: UnitOfWork = Provide["uow"]):
    page = files.list_blobs(uow, user=current_user(), request=page_request(query), category=query["category"])
    return page_body(page)


@bp.get("/blobs/<uuid:blob_id>")
@bp.response(200, description="The bytes, as an attachment, in the type sniffed at upload")
@bp.doc(responses={200: {"content": binary_content(set().union(*ALLOWED.values()))}})
@bp.errors(404)
@inject
def get(blob_id, uow: UnitOfWork = Provide["uow"], store: BlobStore = Provide["blob_store"]):
    found = files.open_blob(uow, store, user=current_user(), blob_id=blob_id)
    blob = found.blob
    return download(found.chunks, size=blob.size, content_type=blob.content_type, filename=blob.filename)


@bp.delete("/blobs/<uuid:blob_id>")
@bp.response(204)
@bp.errors(404)
@inject
def delete(blob_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"],
           store: BlobStore = Provide["blob_store"]):
    files.delete_blob(uow, store, clock, user=current_user(), blob_id=blob_id)
