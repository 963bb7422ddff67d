"""/api/v1/admin: content (universal quests, catalog market items, achievements, learn topics
and lessons) and feedback triage. Admins only; every write leaves one audit entry, committed
with the change. Lists are newest first by (created_at, id); the display order of the app is
each row's `sort_order` / `position`.

Deleting is allowed, seeded rows too, but takes history with it (see each DELETE); to retire
a row keep it and PATCH `active` / `published` to false. `ignition db seed` re-creates a
deleted seeded row and resets the seeded fields of an edited one, but never touches `active`.
"""
from __future__ import annotations

from dependency_injector.wiring import Provide, inject

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


def _create(kind, body, uow, clock, web):
    return content.create_content(uow, clock, actor=current_actor(client_ip(web)), kind=kind, values=body)


def _update(kind, body, row_id, uow, clock, web):
    return content.update_content(uow, clock, actor=current_actor(client_ip(web)), kind=kind, row_id=row_id,
                                  changes=body)


def _delete(kind, row_id, uow, clock, web):
    content.delete_content(uow, clock, actor=current_actor(client_ip(web)), kind=kind, row_id=row_id)
    return ""


def _list(kind, query, uow, **filters):
    return page_body(content.list_content(uow, kind=kind, request=page_request(query), **filters))


# Universal quests ------------------------------------------------------------------------
@bp.get("/quests")
@bp.arguments(PageQuery, location="query")
@bp.response(200, QuestListOut)
@bp.errors(400)
@inject
def list_quests(query: dict, uow: UnitOfWork = UOW):
    """Universal quests, active or not, newest first."""
    return _list("quest", query, uow)


@bp.post("/quests")
@bp.arguments(QuestIn)
@bp.response(201, QuestOut)
@bp.errors(400, 415)
@inject
def create_quest(body: dict, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    return _create("quest", body, uow, clock, web)


@bp.get("/quests/<uuid:quest_id>")
@bp.response(200, QuestOut)
@bp.errors(404)
@inject
def get_quest(quest_id, uow: UnitOfWork = UOW):
    return content.get_content(uow, kind="quest", row_id=quest_id)


@bp.patch("/quests/<uuid:quest_id>")
@bp.arguments(QuestPatchIn)
@bp.response(200, QuestOut)
@bp.errors(400, 404, 415)
@inject
def update_quest(body: dict, quest_id, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    return _update("quest", body, quest_id, uow, clock, web)


@bp.delete("/quests/<uuid:quest_id>")
@bp.response(204)
@bp.errors(404, 409)
@inject
def delete_quest(quest_id, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    """Delete a universal quest and, by cascade, every user's progress on it (points and XP
    already earned stay in the ledger). Prefer PATCH `{"active": false}`."""
    return _delete("quest", quest_id, uow, clock, web)


# Market catalog --------------------------------------------------------------------------
@bp.get("/market/items")
@bp.arguments(PageQuery, location="query")
@bp.response(200, MarketItemListOut)
@bp.errors(400)
@inject
def list_market_items(query: dict, uow: UnitOfWork = UOW):
    """Catalog items, active or not, newest first (users' personal rewards are not listed)."""
    return _list("market_item", query, uow)


@bp.post("/market/items")
@bp.arguments(MarketItemIn)
@bp.response(201, MarketItemOut)
@bp.errors(400, 415)
@inject
def create_market_item(body: dict, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    return _create("market_item", body, uow, clock, web)


@bp.get("/market/items/<uuid:item_id>")
@bp.response(200, MarketItemOut)
@bp.errors(404)
@inject
def get_market_item(item_id, uow: UnitOfWork = UOW):
    return content.get_content(uow, kind="market_item", row_id=item_id)


@bp.patch("/market/items/<uuid:item_id>")
@bp.arguments(MarketItemPatchIn)
@bp.response(200, MarketItemOut)
@bp.errors(400, 404, 415)
@inject
def update_market_item(body: dict, item_id, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    """A new price applies to later purchases; earlier ones keep the price paid."""
    return _update("market_item", body, item_id, uow, clock, web)


@bp.delete("/market/items/<uuid:item_id>")
@bp.response(204)
@bp.errors(404, 409)
@inject
def delete_market_item(item_id, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    """Delete a catalog item; purchases of it stay, with their name and price, detached from it.
    Prefer PATCH `{"active": false}`."""
    return _delete("market_item", item_id, uow, clock, web)


# Achievements ----------------------------------------------------------------------------
@bp.get("/achievements")
@bp.arguments(PageQuery, location="query")
@bp.response(200, AchievementListOut)
@bp.errors(400)
@inject
def list_achievements(query: dict, uow: UnitOfWork = UOW):
    """Achievement definitions, active or not, newest first."""
    return _list("achievement", query, uow)


@bp.post("/achievements")
@bp.arguments(AchievementIn)
@bp.response(201, AchievementOut)
@bp.errors(400, 415)
@inject
def create_achievement(body: dict, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    """Users who already meet the condition unlock it with their next event of that metric."""
    return _create("achievement", body, uow, clock, web)


@bp.get("/achievements/<uuid:achievement_id>")
@bp.response(200, AchievementOut)
@bp.errors(404)
@inject
def get_achievement(achievement_id, uow: UnitOfWork = UOW):
    return content.get_content(uow, kind="achievement", row_id=achievement_id)


@bp.patch("/achievements/<uuid:achievement_id>")
@bp.arguments(AchievementPatchIn)
@bp.response(200, AchievementOut)
@bp.errors(400, 404, 415)
@inject
def update_achievement(body: dict, achievement_id, uow: UnitOfWork = UOW, clock: Clock = CLOCK,
                       web: WebConfig = WEB):
    return _update("achievement", body, achievement_id, uow, clock, web)


@bp.delete("/achievements/<uuid:achievement_id>")
@bp.response(204)
@bp.errors(404, 409)
@inject
def delete_achievement(achievement_id, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    """Delete a definition and, by cascade, every user's unlock of it (rewards already paid stay
    in the ledger). Prefer PATCH `{"active": false}`."""
    return _delete("achievement", achievement_id, uow, clock, web)


# Learn topics ----------------------------------------------------------------------------
@bp.get("/learn/topics")
@bp.arguments(PageQuery, location="query")
@bp.response(200, TopicListOut)
@bp.errors(400)
@inject
def list_topics(query: dict, uow: UnitOfWork = UOW):
    """Topics, published or not, newest first."""
    return _list("learn_topic", query, uow)


@bp.post("/learn/topics")
@bp.arguments(TopicIn)
@bp.response(201, TopicOut)
@bp.errors(400, 415)
@inject
def create_topic(body: dict, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    return _create("learn_topic", body, uow, clock, web)


@bp.get("/learn/topics/<uuid:topic_id>")
@bp.response(200, TopicOut)
@bp.errors(404)
@inject
def get_topic(topic_id, uow: UnitOfWork = UOW):
    return content.get_content(uow, kind="learn_topic", row_id=topic_id)


@bp.patch("/learn/topics/<uuid:topic_id>")
@bp.arguments(TopicPatchIn)
@bp.response(200, TopicOut)
@bp.errors(400, 404, 415)
@inject
def update_topic(body: dict, topic_id, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    return _update("learn_topic", body, topic_id, uow, clock, web)


@bp.delete("/learn/topics/<uuid:topic_id>")
@bp.response(204)
@bp.errors(404, 409)
@inject
def delete_topic(topic_id, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    """Delete a topic with all its lessons and every user's progress on them (rewards already
    paid stay in the ledger). Prefer PATCH `{"published": false}`."""
    return _delete("learn_topic", topic_id, uow, clock, web)


# Learn lessons ---------------------------------------------------------------------------
@bp.get("/learn/lessons")
@bp.arguments(AdminLessonListQuery, location="query")
@bp.response(200, LessonListOut)
@bp.errors(400)
@inject
def list_lessons(query: dict, uow: UnitOfWork = UOW):
    """Lessons, published or not, newest first; `topic_id` narrows to one topic."""
    return _list("learn_lesson", query, uow, topic_id=query["topic_id"])


@bp.post("/learn/lessons")
@bp.arguments(LessonIn)
@bp.response(201, LessonOut)
@bp.errors(400, 409, 415)
@inject
def create_lesson(body: dict, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    return _create("learn_lesson", body, uow, clock, web)


@bp.get("/learn/lessons/<uuid:lesson_id>")
@bp.response(200, LessonOut)
@bp.errors(404)
@inject
def get_lesson(lesson_id, uow: UnitOfWork = UOW):
    return content.get_content(uow, kind="learn_lesson", row_id=lesson_id)


@bp.patch("/learn/lessons/<uuid:lesson_id>")
@bp.arguments(LessonPatchIn)
@bp.response(200, LessonOut)
@bp.errors(400, 404, 409, 415)
@inject
def update_lesson(body: dict, lesson_id, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    return _update("learn_lesson", body, lesson_id, uow, clock, web)


@bp.delete("/learn/lessons/<uuid:lesson_id>")
@bp.response(204)
@bp.errors(404, 409)
@inject
def delete_lesson(lesson_id, uow: UnitOfWork = UOW, clock: Clock = CLOCK, web: WebConfig = WEB):
    """Delete a lesson and every user's progress on it (rewards already paid stay in the ledger).
    Prefer PATCH `{"published": false}`."""
    return _delete("learn_lesson", lesson_id, uow, clock, web)


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
