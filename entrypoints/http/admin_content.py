"""/api/v1/admin: content (universal quests, catalog market items, achievements, learn topics
and lessons) and feedback triage. Admins only; every write leaves one audit entry, committed
with the change. Lists are newest first by (created_at, id); the display order of the app is
each row's `sort_order` / `position`.

Deleting is allowed, seeded rows too, but takes history with it (see each DELETE); to retire
a row keep it and PATCH `active` / `published` to false. `ignition db seed` re-creates a
deleted seeded row and resets the seeded fields of an edited one, but never touches `active`.
"""
from __future__ import annotations

from dataclasses import dataclass

from dependency_injector.wiring import Provide, inject
from marshmallow import Schema

from entrypoints.http.api import Blueprint
from entrypoints.http.config import WebConfig
from entrypoints.http.context import current_actor
from entrypoints.http.paging import PageQuery, page_body, page_request
from entrypoints.http.schemas.admin import (
    AchievementIn, AchievementListOut, AchievementOut, AchievementPatchIn, AdminFeedbackListOut, AdminFeedbackOut,
    AdminFeedbackQuery, AdminFeedbackTriageIn, AdminLessonListQuery, LessonIn, LessonListOut, LessonOut,
    LessonPatchIn, MarketItemIn, MarketItemListOut, MarketItemOut, MarketItemPatchIn, QuestIn, QuestListOut,
    QuestOut, QuestPatchIn, TopicIn, TopicListOut, TopicOut, TopicPatchIn)
from entrypoints.http.security import client_ip
from ports.inbound import admin_content as content
from ports.outbound.clock import Clock
from ports.outbound.unit_of_work import UnitOfWork

bp = Blueprint("admin_content", __name__, url_prefix="/api/v1/admin", description="Administration: content")
UOW, CLOCK, WEB = Provide["uow"], Provide["clock"], Provide["web"]


@dataclass(frozen=True)
class ContentRoutes:
    """One kind of content as five routes: GET (list) and POST on `path`, GET, PATCH and DELETE
    on `path/<uuid:id_name>`; their endpoints are list_<noun>s, create_<noun>, get_<noun>,
    update_<noun> and delete_<noun>, documented by the docs given here."""

    kind: str  # a key of domain.admin_content.KINDS
    path: str
    id_name: str
    noun: str
    schemas: tuple[type[Schema], ...]  # (create, patch, output, list output), as schemas.admin builds them
    list_doc: str
    delete_doc: str
    create_doc: str | None = None
    update_doc: str | None = None
    list_query: type[Schema] = PageQuery
    list_filters: tuple[str, ...] = ()  # fields of list_query passed on to list_content
    write_conflicts: tuple[int, ...] = ()  # 409 where a create or patch can break a uniqueness rule


CONTENT = (
    ContentRoutes(
        "quest", "/quests", "quest_id", "quest", (QuestIn, QuestPatchIn, QuestOut, QuestListOut),
        list_doc="Universal quests, active or not, newest first.",
        delete_doc="""Delete a universal quest and, by cascade, every user's progress on it (points and XP
    already earned stay in the ledger). Prefer PATCH `{"active": false}`."""),
    ContentRoutes(
        "market_item", "/market/items", "item_id", "market_item",
        (MarketItemIn, MarketItemPatchIn, MarketItemOut, MarketItemListOut),
        list_doc="Catalog items, active or not, newest first (users' personal rewards are not listed).",
        update_doc="A new price applies to later purchases; earlier ones keep the price paid.",
        delete_doc="""Delete a catalog item; purchases of it stay, with their name and price, detached from it.
    Prefer PATCH `{"active": false}`."""),
    ContentRoutes(
        "achievement", "/achievements", "achievement_id", "achievement",
        (AchievementIn, AchievementPatchIn, AchievementOut, AchievementListOut),
        list_doc="Achievement definitions, active or not, newest first.",
        create_doc="Users who already meet the condition unlock it with their next event of that metric.",
        delete_doc="""Delete a definition and, by cascade, every user's unlock of it (rewards already paid stay
    in the ledger). Prefer PATCH `{"active": false}`."""),
    ContentRoutes(
        "learn_topic", "/learn/topics", "topic_id", "topic", (TopicIn, TopicPatchIn, TopicOut, TopicListOut),
        list_doc="Topics, published or not, newest first.",
        delete_doc="""Delete a topic with all its lessons and every user's progress on them (rewards already
    paid stay in the ledger). Prefer PATCH `{"published": false}`."""),
    ContentRoutes(
        "learn_lesson", "/learn/lessons", "lesson_id", "lesson", (LessonIn, LessonPatchIn, LessonOut, LessonListOut),
        list_doc="Lessons, published or not, newest first; `topic_id` narrows to one topic.",
        list_query=AdminLessonListQuery, list_filters=("topic_id",), write_conflicts=(409,),
        delete_doc="""Delete a lesson and every user's progress on it (rewards already paid stay in the ledger).
    Prefer PATCH `{"published": false}`."""),
)


def _named(name: str, doc: str | None):
    """Give a generated view the endpoint name and the docstring (the operation's summary and
    description in the OpenAPI document) a hand-written one would have had."""
    def rename(view):
        view.__name__ = view.__qualname__ = name
        view.__doc__ = doc
        return view
    return rename


def register(routes: ContentRoutes) -> None:
    """Add the five routes of one kind of content to `bp`."""
    kind, item_path = routes.kind, f"{routes.path}/<uuid:{routes.id_name}>"
    create_in, patch_in, out, list_out = routes.schemas

    @bp.get(routes.path)
    @bp.arguments(routes.list_query, location="query")
    @bp.response(200, list_out)
    @bp.errors(400)
    @_named(f"list_{routes.noun}s", routes.list_doc)
    @inject
    def list_rows(query: dict, uow: UnitOfWork = UOW):
        filters = {name: query[name] for name in routes.list_filters}
        return page_body(content.list_content(uow, kind=kind, request=page_request(query), **filters))

    @bp.post(routes.path)
    @bp.arguments(create_in)
    @bp.response(201, out)
    @bp.errors(400, 415, *routes.write_conflicts)
    @_named(f"create_{routes.noun}", routes.create_doc)
    @inject
    def create(body: dict, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
        return content.create_content(uow, clock, actor=current_actor(client_ip(web)), kind=kind, values=body)

    @bp.get(item_path)
    @bp.response(200, out)
    @bp.errors(404)
    @_named(f"get_{routes.noun}", None)
    @inject
    def get(uow: UnitOfWork = UOW, **path_args):
        return content.get_content(uow, kind=kind, row_id=path_args[routes.id_name])

    @bp.patch(item_path)
    @bp.arguments(patch_in)
    @bp.response(200, out)
    @bp.errors(400, 404, 415, *routes.write_conflicts)
    @_named(f"update_{routes.noun}", routes.update_doc)
    @inject
    def update(body: dict, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB, **path_args):
        return content.update_content(uow, clock, actor=current_actor(client_ip(web)), kind=kind,
                                      row_id=path_args[routes.id_name], changes=body)

    @bp.delete(item_path)
    @bp.response(204)
    @bp.errors(404, 409)
    @_named(f"delete_{routes.noun}", routes.delete_doc)
    @inject
    def delete(uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB, **path_args):
        content.delete_content(uow, clock, actor=current_actor(client_ip(web)), kind=kind,
                               row_id=path_args[routes.id_name])
        return ""


for _routes in CONTENT:
    register(_routes)


# Feedback triage -------------------------------------------------------------------------
@bp.get("/feedback")
@bp.arguments(AdminFeedbackQuery, location="query")
@bp.response(200, AdminFeedbackListOut)
@bp.errors(400)
@inject
def list_feedback(query: dict, uow: UnitOfWork = UOW):
    """Everyone's feedback, newest first (created_at, id); `status` narrows."""
    return page_body(content.list_feedback(uow, request=page_request(query), status=query["status"]))


@bp.patch("/feedback/<uuid:feedback_id>")
@bp.arguments(AdminFeedbackTriageIn)
@bp.response(200, AdminFeedbackOut)
@bp.errors(400, 404, 409, 415)
@inject
def triage_feedback(body: dict, feedback_id, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    """Set the status and/or the admin notes (null clears them)."""
    return content.triage_feedback(uow, clock, actor=current_actor(client_ip(web)), feedback_id=feedback_id,
                                   changes=body)
