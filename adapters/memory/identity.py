"""In-memory repositories of people, accounts, sessions and pending logins."""
from __future__ import annotations

import copy
from dataclasses import replace
from datetime import datetime
from uuid import UUID

from domain.identity import Identity, LoginTransaction
from domain.sessions import Session
from domain.users import User
from ports.outbound.unit_of_work import (AccountRepository, LoginTransactionRepository, SessionRepository,
                                         UserRepository)


class InMemoryUserRepository(UserRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict[UUID, User] = tables["users"]
        self.deleted: dict = tables["deleted_users"]  # flagged by the account deletion, rows not yet gone

    def get(self, user_id, *, lock=False):
        user = self.rows.get(user_id)
        return copy.deepcopy(user) if user and user_id not in self.deleted else None

    def get_by_verified_email(self, email):
        return next((copy.deepcopy(u) for u in self.rows.values() if u.id not in self.deleted
                     and u.email_verified and u.email and u.email.lower() == email.lower()), None)

    def add(self, user):
        if user.email_verified and any(u.email_verified and (u.email or "").lower() == (user.email or "").lower()
                                       for u in self.rows.values()):
            raise ValueError("duplicate verified email")
        self.rows[user.id] = copy.deepcopy(user)

    def save(self, user):
        self.rows[user.id] = copy.deepcopy(user)


class InMemoryAccountRepository(AccountRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict[tuple[str, str], tuple[UUID, Identity]] = tables["accounts"]

    def find_user_id(self, provider, subject):
        found = self.rows.get((provider, subject))
        return found[0] if found else None

    def add(self, user_id, identity):
        if (identity.provider, identity.subject) in self.rows:
            raise ValueError("duplicate account")
        self.rows[(identity.provider, identity.subject)] = (user_id, identity)


class InMemorySessionRepository(SessionRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict[UUID, Session] = tables["sessions"]
        self.users: dict[UUID, User] = tables["users"]

    def add(self, session):
        self.rows[session.id] = replace(session)

    def find_live(self, token_hash, now: datetime):
        for session in self.rows.values():
            user = self.users.get(session.user_id)
            if session.token_hash == token_hash and session.alive(now) and user and not user.disabled:
                return replace(session), copy.deepcopy(user)
        return None

    def touch(self, session):
        if session.id in self.rows:
            self.rows[session.id] = replace(self.rows[session.id], last_active_at=session.last_active_at,
                                            expires_at=session.expires_at)

    def delete_by_hash(self, token_hash):
        for sid in [s.id for s in self.rows.values() if s.token_hash == token_hash]:
            del self.rows[sid]

    def delete_owned(self, session_id, user_id):
        session = self.rows.get(session_id)
        if session is None or session.user_id != user_id:
            return False
        del self.rows[session_id]
        return True

    def list_live(self, user_id, now):
        live = [replace(s) for s in self.rows.values() if s.user_id == user_id and s.alive(now)]
        return sorted(live, key=lambda s: (s.created_at, s.id.bytes), reverse=True)


class InMemoryLoginTransactionRepository(LoginTransactionRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict[bytes, LoginTransaction] = tables["logins"]

    def add(self, transaction):
        self.rows[transaction.state_hash] = replace(transaction)

    def take(self, state_hash):
        return self.rows.pop(state_hash, None)
