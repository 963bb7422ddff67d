"""The in-memory view of a user's data: every fake table's rows that carry their user_id."""
from __future__ import annotations

import dataclasses

from ports.outbound.account_data import AccountData

LEFT_OUT = {"logins", "idempotency"}


def _owner(row) -> object:
    return getattr(row, "user_id", None)


class InMemoryAccountData(AccountData):
    def __init__(self, tables: dict) -> None:
        self.all = tables

    def tables(self):
        return ["users", *sorted(n for n in self.all if n not in LEFT_OUT | {"users"})]

    def rows(self, user_id, table):
        if table == "users":
            user = self.all["users"].get(user_id)
            return iter([dataclasses.asdict(user)] if user else [])
        return (dataclasses.asdict(row) for row in list(self.all[table].values())
                if dataclasses.is_dataclass(row) and _owner(row) == user_id)

    def storage_keys(self, user_id):
        return sorted(getattr(row, "storage_key") for name in ("blobs", "tracks")
                      for row in self.all[name].values() if _owner(row) == user_id and getattr(row, "storage_key", None))

    def mark_deleted(self, user_id, now):
        self.all["deleted_users"][user_id] = now
        for sid in [sid for sid, s in self.all["sessions"].items() if s.user_id == user_id]:
            del self.all["sessions"][sid]

    def purge(self, user_id):
        for name, rows in self.all.items():
            for key in [k for k, row in rows.items() if _owner(row) == user_id or k == user_id]:
                del rows[key]

    def pending_deletions(self):
        return [uid for uid in self.all["deleted_users"] if uid in self.all["users"]]
