"""In-memory admin console storage over the other fakes' tables, so that what an admin writes
is what the reward engine, the market and learn fakes read (as the shared Postgres tables are).

Content rows are kept as the areas' own domain objects; their key and timestamps, which not
every domain object carries, ride beside them in `tables["content_meta"]`.
"""
from __future__ import annotations

import copy
from dataclasses import fields, replace
from datetime import datetime, timezone

from domain.achievements import AchievementDefinition
from domain.admin import OPEN_FEEDBACK, Stats, UserDetail, UserSummary
from domain.admin_content import KINDS, ContentRow
from domain.learn import Lesson, Topic
from domain.market import MarketItem
from domain.quests import UniversalQuest
from ports.outbound.admin import AdminStats, AdminUserDirectory, ContentStore

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)  # rows put in the fake tables without a time
TABLES = {"quest": ("universal_quests", UniversalQuest), "achievement": ("achievement_definitions",
          AchievementDefinition), "market_item": ("market_items", MarketItem),
          "learn_topic": ("learn_topics", Topic), "learn_lesson": ("learn_lessons", Lesson)}


def _summary(user) -> UserSummary:
    return UserSummary(id=user.id, email=user.email, email_verified=user.email_verified, name=user.name,
                       role=user.role, disabled=user.disabled, created_at=user.created_at or EPOCH)


class InMemoryAdminUserDirectory(AdminUserDirectory):
    def __init__(self, tables: dict) -> None:
        self.tables = tables

    def _live(self):
        return [u for u in self.tables["users"].values() if u.id not in self.tables["deleted_users"]]

    def search(self, request, *, q=None, role=None):
        needle = q.lower() if q else None
        rows = sorted((_summary(u) for u in self._live() if role in (None, u.role) and (
            needle is None or any(needle in (text or "").lower() for text in (u.email, u.name)))),
            key=lambda u: (u.created_at, u.id), reverse=True)
        if request.after is not None:
            rows = [u for u in rows if (u.created_at, u.id) < tuple(request.after)]
        return rows[:request.limit + 1]

    def detail(self, user_id, now):
        user = next((u for u in self._live() if u.id == user_id), None)
        if user is None:
            return None
        wallet = self.tables["wallets"].get(user_id)
        sessions = [s for s in self.tables["sessions"].values() if s.user_id == user_id]
        providers = sorted({provider for (provider, _), (owner, _) in self.tables["accounts"].items()
                            if owner == user_id})
        return UserDetail(**vars(_summary(user)), role_source=user.role_source,
                          balance=wallet.balance if wallet else 0, xp=wallet.xp if wallet else 0,
                          providers=tuple(providers), sessions_active=sum(1 for s in sessions if s.alive(now)),
                          last_active_at=max((s.last_active_at for s in sessions), default=None))

    def lock(self, user_id):
        return any(u.id == user_id for u in self._live())

    def set_access(self, user_id, *, role, role_source, disabled):
        user = self.tables["users"][user_id]
        user.role, user.role_source, user.disabled = role, role_source, disabled

    def end_sessions(self, user_id):
        ended = [sid for sid, s in self.tables["sessions"].items() if s.user_id == user_id]
        for sid in ended:
            del self.tables["sessions"][sid]
        return len(ended)


class InMemoryContentStore(ContentStore):
    def __init__(self, tables: dict) -> None:
        self.tables = tables
        self.meta: dict = tables["content_meta"]  # id → (key, created_at, updated_at)

    def _rows(self, kind) -> dict:
        return self.tables[TABLES[kind][0]]

    def _row(self, kind, obj) -> ContentRow:
        key, created, updated = self.meta.get(obj.id, (getattr(obj, "key", None),
                                                       getattr(obj, "created_at", None) or EPOCH, None))
        values = {name: copy.deepcopy(getattr(obj, name)) for name in KINDS[kind].fields}
        return ContentRow(kind=kind, id=obj.id, values=values, key=key, created_at=created,
                          updated_at=updated or created)

    def _visible(self, kind, obj) -> bool:
        return kind != "market_item" or obj.user_id is None

    def page(self, kind, request, *, topic_id=None):
        rows = sorted((self._row(kind, o) for o in self._rows(kind).values() if self._visible(kind, o)
                       and topic_id in (None, getattr(o, "topic_id", None))),
                      key=lambda r: (r.created_at, r.id), reverse=True)
        if request.after is not None:
            rows = [r for r in rows if (r.created_at, r.id) < tuple(request.after)]
        return rows[:request.limit + 1]

    def get(self, kind, row_id, *, lock=False):
        obj = self._rows(kind).get(row_id)
        return self._row(kind, obj) if obj is not None and self._visible(kind, obj) else None

    def add(self, row):
        if row.id in self._rows(row.kind):
            raise ValueError("duplicate content id")
        self._write(row)

    def save(self, row):
        if self.get(row.kind, row.id) is None:
            raise ValueError("no such content row")
        self._write(row)

    def _write(self, row):
        cls = TABLES[row.kind][1]
        names = {f.name for f in fields(cls)}
        args = {k: copy.deepcopy(v) for k, v in row.values.items() if k in names}
        args.update({k: v for k, v in (("key", row.key), ("created_at", row.created_at)) if k in names})
        self._rows(row.kind)[row.id] = cls(id=row.id, **args)
        self.meta[row.id] = (row.key, row.created_at, row.updated_at)

    def delete(self, kind, row_id):
        if self.get(kind, row_id) is None:
            return {}
        history = getattr(self, f"_history_of_{kind}")(row_id)
        del self._rows(kind)[row_id]
        self.meta.pop(row_id, None)
        return history

    def _drop(self, table: str, match) -> int:
        gone = [key for key, row in self.tables[table].items() if match(key, row)]
        for key in gone:
            del self.tables[table][key]
        return len(gone)

    def _history_of_quest(self, quest_id):
        return {"user_quest_progress": self._drop("quest_progress", lambda key, _: key[1] == quest_id)}

    def _history_of_achievement(self, achievement_id):
        return {"user_achievements": self._drop("user_achievements", lambda key, _: key[1] == achievement_id)}

    def _history_of_market_item(self, item_id):
        purchases = self.tables["user_purchases"]
        detached = [pid for pid, p in purchases.items() if p.item_id == item_id]
        for pid in detached:
            purchases[pid] = replace(purchases[pid], item_id=None)
        return {"user_purchases_detached": len(detached)}

    def _history_of_learn_lesson(self, lesson_id):
        return {"user_lesson_progress": self._drop("lesson_progress", lambda key, _: key[1] == lesson_id)}

    def _history_of_learn_topic(self, topic_id):
        lessons = [lid for lid, lesson in self.tables["learn_lessons"].items() if lesson.topic_id == topic_id]
        progress = sum(self._history_of_learn_lesson(lid)["user_lesson_progress"] for lid in lessons)
        for lid in lessons:
            del self.tables["learn_lessons"][lid]
            self.meta.pop(lid, None)
        return {"learn_lessons": len(lessons), "user_lesson_progress": progress}


class InMemoryAdminStats(AdminStats):
    def __init__(self, tables: dict) -> None:
        self.tables = tables

    def collect(self, since):
        t = self.tables
        users = [u for u in t["users"].values() if u.id not in t["deleted_users"]]
        return Stats(
            users_total=len(users),
            users_new_7d=sum(1 for u in users if u.created_at and u.created_at >= since),
            users_active_7d=len({s.user_id for s in t["sessions"].values() if s.last_active_at >= since}),
            focus_sessions_completed_7d=sum(1 for s in t["focus_sessions"].values() if s.mode == "focus"
                                            and s.status == "completed" and s.completed_at >= since),
            points_in_circulation=sum(w.balance for w in t["wallets"].values()),
            purchases_7d=sum(1 for p in t["user_purchases"].values() if p.created_at >= since),
            feedback_open=sum(1 for f in t["feedback"].values() if f.status in OPEN_FEEDBACK))
