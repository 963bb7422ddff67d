"""Login, sessions and logout: what the HTTP layer may ask of the core about who someone is."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID, uuid4

from domain.errors import AccountNotLinked, LoginFailed, NotFound
from domain.identity import (LOGIN_TRANSACTION_TTL, Identity, LoginTransaction, digest, pkce_challenge,
                             random_secret, safe_redirect)
from domain.sessions import Session
from domain.users import User
from ports.outbound.clock import Clock
from ports.outbound.identity_provider import IdentityProvider
from ports.outbound.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Principal:
    """Who is calling: the live session and its user (role read fresh on every request)."""

    user: User
    session: Session


@dataclass(frozen=True)
class SignedIn:
    user: User
    session: Session
    token: str
    redirect_to: str = "/today"


@dataclass(frozen=True)
class Client:
    """What the request tells about the browser; kept on the session for the session list."""

    user_agent: str | None
    ip: str | None


def begin_login(uow: UnitOfWork, clock: Clock, provider: IdentityProvider, *, redirect_uri: str,
                redirect_to: str | None, browser_binding: str, link_user_id: UUID | None = None) -> str:
    """Start an authorization-code login (or a link) and return the provider's URL."""
    now = clock.now()
    state, verifier, nonce = random_secret(), random_secret() + random_secret(), random_secret()
    transaction = LoginTransaction(
        id=uuid4(), provider=provider.name, state_hash=digest(state), code_verifier=verifier, nonce=nonce,
        redirect_to=safe_redirect(redirect_to), browser_hash=digest(browser_binding), created_at=now,
        expires_at=now + LOGIN_TRANSACTION_TTL, link_user_id=link_user_id)
    with uow:
        uow.logins.add(transaction)
        uow.commit()
    return provider.authorization_url(redirect_uri=redirect_uri, state=state, nonce=nonce,
                                      code_challenge=pkce_challenge(verifier))


def finish_login(uow: UnitOfWork, clock: Clock, provider: IdentityProvider, *, redirect_uri: str, code: str,
                 state: str, browser_binding: str, admin_emails: frozenset[str], client: Client,
                 replaced_token: str | None) -> SignedIn:
    """Complete the login: the state is spent first, so a replay fails even if this one does."""
    with uow:
        transaction = uow.logins.take(digest(state))
        uow.commit()
    if transaction is None or not transaction.matches(provider.name, browser_binding, clock.now()):
        raise LoginFailed("The login state is missing, expired, already used or not from this browser.")
    identity = provider.identity(redirect_uri=redirect_uri, code=code, code_verifier=transaction.code_verifier,
                                 nonce=transaction.nonce)
    identity.check_allowed()
    with uow:
        user = _user_for(uow, clock, identity, transaction.link_user_id)
        user.apply_admin_emails(admin_emails)
        uow.users.save(user)
        signed_in = _open_session(uow, clock, user, client, replaced_token, transaction.redirect_to)
        uow.commit()
    return signed_in


def discard_login(uow: UnitOfWork, *, state: str) -> None:
    """Spend a pending login that the provider refused, so its state can never be used."""
    with uow:
        uow.logins.take(digest(state))
        uow.commit()


def dev_login(uow: UnitOfWork, clock: Clock, *, email: str, name: str | None, admin_emails: frozenset[str],
              client: Client, replaced_token: str | None) -> SignedIn:
    """Development only: sign in as the verified owner of `email`, creating them if needed."""
    with uow:
        user = uow.users.get_by_verified_email(email.lower())
        if user is None:
            user = User.register(email=email, email_verified=True, name=name, now=clock.now())
            uow.users.add(user)
        user.apply_admin_emails(admin_emails)
        uow.users.save(user)
        signed_in = _open_session(uow, clock, user, client, replaced_token, "/today")
        uow.commit()
    return signed_in


def authenticate(uow: UnitOfWork, clock: Clock, token: str) -> Principal | None:
    """The caller behind a session cookie, or None; slides the idle expiry now and then."""
    now = clock.now()
    with uow.read_only():
        found = uow.sessions.find_live(digest(token), now)
        if found is None:
            return None
        session, user = found
        if session.needs_touch(now):
            session.touch(now)
            uow.sessions.touch(session)
    return Principal(user=user, session=session)


def logout(uow: UnitOfWork, token: str) -> None:
    """Revoke the session behind this cookie on the server."""
    with uow:
        uow.sessions.delete_by_hash(digest(token))
        uow.commit()


def list_sessions(uow: UnitOfWork, clock: Clock, *, user_id: UUID) -> list[Session]:
    """The user's live sessions, newest first."""
    with uow.read_only():
        return uow.sessions.list_live(user_id, clock.now())


def revoke_session(uow: UnitOfWork, *, user_id: UUID, session_id: UUID) -> None:
    """Revoke one of the user's own sessions; anyone else's is not found."""
    with uow:
        if not uow.sessions.delete_owned(session_id, user_id):
            raise NotFound("Session not found.")
        uow.commit()


def _user_for(uow: UnitOfWork, clock: Clock, identity: Identity, link_user_id: UUID | None) -> User:
    """The account's user; a new link or a new user — never a match by email."""
    owner_id = uow.accounts.find_user_id(identity.provider, identity.subject)
    if owner_id is not None:
        if link_user_id is not None and owner_id != link_user_id:
            raise AccountNotLinked("This identity already belongs to another account.")
        owner = uow.users.get(owner_id, lock=True)
        if owner is None:  # flagged for deletion, rows not yet gone
            raise LoginFailed("This account is being deleted.")
        return owner
    email = identity.verified_email
    holder = uow.users.get_by_verified_email(email) if email else None
    if link_user_id is not None:
        if holder is not None and holder.id != link_user_id:
            raise AccountNotLinked("This email is verified on another account.")
        user = uow.users.get(link_user_id, lock=True)
        if user is None:
            raise LoginFailed("The account to link no longer exists.")
    elif holder is not None:
        raise AccountNotLinked()
    else:
        user = User.register(email=identity.email, email_verified=identity.email_verified, name=identity.name,
                             now=clock.now())
        uow.users.add(user)
    uow.accounts.add(user.id, identity)
    return user


def _open_session(uow: UnitOfWork, clock: Clock, user: User, client: Client, replaced_token: str | None,
                  redirect_to: str) -> SignedIn:
    """Rotate: the session cookie sent along (if any) is revoked, a new one is made."""
    if user.disabled:
        raise LoginFailed("This account is disabled.")
    if replaced_token:
        uow.sessions.delete_by_hash(digest(replaced_token))
    session, token = Session.start(user.id, clock.now(), user_agent=client.user_agent, ip=client.ip)
    uow.sessions.add(session)
    return SignedIn(user=user, session=session, token=token, redirect_to=redirect_to)
