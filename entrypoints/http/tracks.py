"""/api/v1/tracks: audio reference tracks — upload, list, read, rename, delete, stream with
byte ranges, and their analysis."""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import request

from domain.files import ALLOWED, limit_bytes
from entrypoints.http.api import Blueprint
from entrypoints.http.context import current_user
from entrypoints.http.paging import PageQuery, page_body, page_request
from entrypoints.http.schemas.files import (TrackAnalysisIn, TrackAnalysisOut, TrackListOut, TrackOut, TrackPatchIn,
                                            TrackUploadIn, binary_content, multipart_body)
from entrypoints.http.security import accepts_multipart
from entrypoints.http.streaming import track_response
from entrypoints.http.uploads import receive
from ports.inbound import tracks
from ports.outbound.blob_store import BlobStore
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("tracks", __name__, url_prefix="/api/v1", description="Audio reference tracks")


@bp.post("/tracks")
@bp.doc(requestBody=multipart_body(TrackUploadIn, "mp3, wav, ogg, flac or m4a, recognised by its bytes"))
@bp.response(201, TrackOut)
@bp.errors(400, 413, 415)
@accepts_multipart
@inject
def upload(uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"],
           store: BlobStore = Provide["blob_store"], settings=Provide["settings"]):
    with receive(TrackUploadIn(), limit_bytes("audio", settings.blob_max_mb)) as (body, received):
        return tracks.upload_track(uow, store, clock, user=current_user(), title=body["title"], upload=received)


@bp.get("/tracks")
@bp.arguments(PageQuery, location="query")
@bp.response(200, TrackListOut)
@bp.errors(400)
@inject
def list_tracks(query: dict, uow: UnitOfWork = Provide["uow"]):
    return page_body(tracks.list_tracks(uow, user=current_user(), request=page_request(query)))


@bp.get("/tracks/<uuid:track_id>")
@bp.response(200, TrackOut)
@bp.errors(404)
@inject
def get(track_id, uow: UnitOfWork = Provide["uow"]):
    return tracks.get_track(uow, user=current_user(), track_id=track_id)


@bp.patch("/tracks/<uuid:track_id>")
@bp.arguments(TrackPatchIn)
@bp.response(200, TrackOut)
@bp.errors(400, 404, 415)
@inject
def rename(body: dict, track_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    return tracks.rename_track(uow, clock, user=current_user(), track_id=track_id, title=body["title"])


@bp.delete("/tracks/<uuid:track_id>")
@bp.response(204)
@bp.errors(404)
@inject
def delete(track_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"],
           store: BlobStore = Provide["blob_store"]):
    tracks.delete_track(uow, store, clock, user=current_user(), track_id=track_id)


@bp.get("/tracks/<uuid:track_id>/stream")
@bp.response(200, description="The whole file (no Range, several ranges, or garbage)")
@bp.alt_response(206, description="One range: Content-Range, Content-Length of the slice")
@bp.doc(responses={status: {"content": binary_content(ALLOWED["audio"])} for status in (200, 206)})
@bp.alt_response(302, description="TRACKS_PRESIGNED_REDIRECT=1 and the store gives a presigned URL")
@bp.errors(404, 416)
@inject
def stream(track_id, uow: UnitOfWork = Provide["uow"], store: BlobStore = Provide["blob_store"],
           settings=Provide["settings"]):
    found = tracks.open_track_stream(
        uow, store, user=current_user(), track_id=track_id, range_header=request.headers.get("Range"),
        if_range=request.headers.get("If-Range"), body=request.method != "HEAD",
        redirect=settings.tracks_presigned_redirect)
    return track_response(found)


@bp.get("/tracks/<uuid:track_id>/analysis")
@bp.response(200, TrackAnalysisOut)
@bp.errors(404)
@inject
def get_analysis(track_id, uow: UnitOfWork = Provide["uow"]):
    return tracks.get_analysis(uow, user=current_user(), track_id=track_id)


@bp.put("/tracks/<uuid:track_id>/analysis")
@bp.arguments(TrackAnalysisIn)
@bp.response(200, TrackAnalysisOut)
@bp.errors(400, 404, 415)
@inject
def put_analysis(body: dict, track_id, uow: UnitOfWork = Provide["uow"], clock: Clock = Provide["clock"]):
    return tracks.put_analysis(uow, clock, user=current_user(), track_id=track_id, values=body)
