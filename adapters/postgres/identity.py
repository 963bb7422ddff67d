"""Postgres repositories of people, accounts, sessions and pending logins."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from adapters.postgres.driver import compile_sql, fetch_one
from adapters.postgres.schema import accounts, oauth_states, sessions, user_settings, users
from domain.identity import LoginTransaction
from domain.sessions import Session
from domain.users import User
from ports.outbound.unit_of_work import (AccountRepository, LoginTransactionRepository, SessionRepository,
                                         UserRepository)

_USER_COLUMNS = [users.c.id, users.c.email, users.c.email_verified, users.c.name, users.c.role,
                 users.c.role_source, users.c.timezone, users.c.day_start_hour, users.c.tos_version,
                 users.c.tos_accepted_at, users.c.birthdate, users.c.age_verified, users.c.disabled,
                 users.c.created_at, sa.func.coalesce(user_settings.c.settings, sa.text("'{}'::jsonb")).label("settings"),
                 user_settings.c.vacation_from, user_settings.c.vacation_to]
_USER_FROM = users.outerjoin(user_settings, user_settings.c.user_id == users.c.id)
_ACTIVE = users.c.deleted_at.is_(None)
_SESSION_COLUMNS = [sessions.c.id.label("session_id"), sessions.c.user_id, sessions.c.token_hash,
                    sessions.c.created_at.label("session_created_at"), sessions.c.expires_at,
                    sessions.c.last_active_at, sessions.c.user_agent, sessions.c.ip]

GET_USER = sa.select(*_USER_COLUMNS).select_from(_USER_FROM).where(users.c.id == sa.bindparam("id"), _ACTIVE)
LOCK_USER = GET_USER.with_for_update(of=users)
GET_USER_BY_EMAIL = sa.select(*_USER_COLUMNS).select_from(_USER_FROM).where(
    users.c.email == sa.bindparam("email"), users.c.email_verified.is_(True), _ACTIVE)
FIND_LIVE_SESSION = (
    sa.select(*_SESSION_COLUMNS, *_USER_COLUMNS)
    .select_from(sessions.join(users, users.c.id == sessions.c.user_id)
                 .outerjoin(user_settings, user_settings.c.user_id == users.c.id))
    .where(sessions.c.token_hash == sa.bindparam("token_hash"), sessions.c.expires_at > sa.bindparam("now"),
           users.c.disabled.is_(False), _ACTIVE))
FIND_LIVE_SESSION_SQL = compile_sql(FIND_LIVE_SESSION)  # run on the driver: adapters/postgres/driver.py
TOUCH_SESSION = (sessions.update().where(sessions.c.id == sa.bindparam("sid"))
                 .values(last_active_at=sa.bindparam("last_active_at"), expires_at=sa.bindparam("expires_at")))


def _user(m) -> User:
    return User(id=m["id"], email=m["email"], email_verified=m["email_verified"], name=m["name"], role=m["role"],
                role_source=m["role_source"], timezone=m["timezone"], day_start_hour=m["day_start_hour"],
                tos_version=m["tos_version"], tos_accepted_at=m["tos_accepted_at"], birthdate=m["birthdate"],
                age_verified=m["age_verified"], disabled=m["disabled"], settings=dict(m["settings"]),
                created_at=m["created_at"], vacation_from=m["vacation_from"], vacation_to=m["vacation_to"])


def _session(m) -> Session:
    return Session(id=m["session_id"], user_id=m["user_id"], token_hash=bytes(m["token_hash"]),
                   created_at=m["session_created_at"], expires_at=m["expires_at"],
                   last_active_at=m["last_active_at"], user_agent=m["user_agent"],
                   ip=str(m["ip"]) if m["ip"] is not None else None)


class PgUserRepository(UserRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def get(self, user_id, *, lock=False):
        row = self.connection.execute(LOCK_USER if lock else GET_USER, {"id": user_id}).first()
        return _user(row._mapping) if row else None

    def get_by_verified_email(self, email):
        row = self.connection.execute(GET_USER_BY_EMAIL, {"email": email}).first()
        return _user(row._mapping) if row else None

    def add(self, user):
        self.connection.execute(users.insert().values(id=user.id, email=user.email, email_verified=user.email_verified,
                                                      created_at=user.created_at or sa.func.now(), **_profile(user)))
        self.connection.execute(user_settings.insert().values(user_id=user.id, settings=user.settings))

    def save(self, user):
        self.connection.execute(users.update().where(users.c.id == user.id).values(**_profile(user)))
        vacation = {"vacation_from": user.vacation_from, "vacation_to": user.vacation_to}
        self.connection.execute(insert(user_settings).values(user_id=user.id, settings=user.settings, **vacation)
                                .on_conflict_do_update(index_elements=[user_settings.c.user_id],
                                                       set_={"settings": user.settings, **vacation,
                                                             "updated_at": sa.func.now()}))


def _profile(user: User) -> dict:
    """The columns a user's own actions and admins may change."""
    return {"name": user.name, "role": user.role, "role_source": user.role_source, "timezone": user.timezone,
            "day_start_hour": user.day_start_hour, "tos_version": user.tos_version,
            "tos_accepted_at": user.tos_accepted_at, "birthdate": user.birthdate, "age_verified": user.age_verified,
            "disabled": user.disabled}


class PgAccountRepository(AccountRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def find_user_id(self, provider, subject):
        return self.connection.execute(
            sa.select(accounts.c.user_id).where(accounts.c.provider == provider,
                                                accounts.c.provider_account_id == subject)).scalar()

    def add(self, user_id, identity):
        self.connection.execute(accounts.insert().values(
            user_id=user_id, provider=identity.provider, provider_account_id=identity.subject,
            email=identity.email, email_verified=identity.email_verified,
            oid=identity.extra.get("oid"), tid=identity.extra.get("tid")))


class PgSessionRepository(SessionRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, session):
        self.connection.execute(sessions.insert().values(
            id=session.id, user_id=session.user_id, token_hash=session.token_hash, created_at=session.created_at,
            expires_at=session.expires_at, last_active_at=session.last_active_at,
            user_agent=session.user_agent, ip=session.ip))

    def find_live(self, token_hash, now):
        row = fetch_one(self.connection, *FIND_LIVE_SESSION_SQL, {"token_hash": token_hash, "now": now})
        return (_session(row), _user(row)) if row else None

    def touch(self, session):
        self.connection.execute(TOUCH_SESSION, {"sid": session.id, "last_active_at": session.last_active_at,
                                                "expires_at": session.expires_at})

    def delete_by_hash(self, token_hash):
        self.connection.execute(sessions.delete().where(sessions.c.token_hash == token_hash))

    def delete_owned(self, session_id, user_id):
        done = self.connection.execute(sessions.delete().where(sessions.c.id == session_id,
                                                               sessions.c.user_id == user_id))
        return done.rowcount == 1

    def list_live(self, user_id, now):
        rows = self.connection.execute(
            sa.select(*_SESSION_COLUMNS).where(sessions.c.user_id == user_id, sessions.c.expires_at > now)
            .order_by(sessions.c.created_at.desc(), sessions.c.id.desc()))
        return [_session(row._mapping) for row in rows]


class PgLoginTransactionRepository(LoginTransactionRepository):
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection

    def add(self, t):
        self.connection.execute(oauth_states.insert().values(
            id=t.id, state_hash=t.state_hash, provider=t.provider, code_verifier=t.code_verifier, nonce=t.nonce,
            redirect_to=t.redirect_to, browser_hash=t.browser_hash, link_user_id=t.link_user_id,
            created_at=t.created_at, expires_at=t.expires_at))

    def take(self, state_hash):
        row = self.connection.execute(
            oauth_states.delete().where(oauth_states.c.state_hash == state_hash).returning(*oauth_states.c)).first()
        if row is None:
            return None
        m = row._mapping
        return LoginTransaction(id=m["id"], provider=m["provider"], state_hash=bytes(m["state_hash"]),
                                code_verifier=m["code_verifier"], nonce=m["nonce"], redirect_to=m["redirect_to"],
                                browser_hash=bytes(m["browser_hash"]), created_at=m["created_at"],
                                expires_at=m["expires_at"], link_user_id=m["link_user_id"])
