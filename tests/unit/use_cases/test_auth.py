"""Login, sessions and logout on fakes: a FakeUnitOfWork, a FixedClock and fake providers."""
from dataclasses import replace
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from adapters.memory.clock import FixedClock
from adapters.memory.identity_provider import FakeIdentityProvider
from domain.errors import AccountNotLinked, EmailUnverified, LoginFailed, NotFound
from domain.identity import Identity, digest
from ports.inbound import auth

CALLBACK = "https://app.example/auth/callback"
CLIENT = auth.Client(user_agent="Firefox", ip="203.0.113.9")
ADA = Identity("google", "g-ada", "Ada@Example.com", True, "Ada")
ADA_MS = Identity("microsoft", "m-ada", "ada@example.com", False, "Ada", {"oid": "o", "tid": "t"})
BOB = Identity("google", "g-bob", "bob@example.com", True, "Bob")


@pytest.fixture
def clock():
    return FixedClock()


@pytest.fixture
def google():
    return FakeIdentityProvider("google", ADA)


@pytest.fixture
def microsoft():
    return FakeIdentityProvider("microsoft", ADA_MS)


def begin(uow, clock, provider, *, redirect_to="/today", browser="browser-1", link_user_id=None):
    url = auth.begin_login(uow, clock, provider, redirect_uri=CALLBACK, redirect_to=redirect_to,
                           browser_binding=browser, link_user_id=link_user_id)
    return parse_qs(urlsplit(url).query)["state"][0]


def finish(uow, clock, provider, state, *, code=None, browser="browser-1", admin_emails=frozenset(),
           replaced_token=None):
    return auth.finish_login(uow, clock, provider, redirect_uri=CALLBACK, code=code or provider.code_for(state),
                             state=state, browser_binding=browser, admin_emails=admin_emails, client=CLIENT,
                             replaced_token=replaced_token)


def login(uow, clock, provider, identity=None, **options):
    if identity is not None:
        provider.next_identity = identity
    return finish(uow, clock, provider, begin(uow, clock, provider), **options)


def stored(uow):
    """Everything but pending logins, as the tables hold it after the last commit."""
    return {name: dict(rows) for name, rows in uow.tables.items() if name != "logins" and rows}


def test_a_first_login_creates_the_user_and_the_account(uow, clock, google):
    signed_in = login(uow, clock, google)
    user = uow.tables["users"][signed_in.user.id]
    assert (user.email, user.email_verified, user.name) == ("ada@example.com", True, "Ada")
    assert uow.tables["accounts"][("google", "g-ada")][0] == user.id
    assert uow.tables["sessions"][signed_in.session.id].token_hash == digest(signed_in.token)
    assert uow.committed


def test_a_second_login_reaches_the_same_user_even_when_the_email_changed(uow, clock, google):
    first = login(uow, clock, google)
    second = login(uow, clock, google, replace(ADA, email="ada@new.example"))
    assert second.user.id == first.user.id
    assert len(uow.tables["users"]) == 1


def test_a_new_identity_with_another_users_verified_email_is_not_linked(uow, clock, google):
    login(uow, clock, google)
    before = stored(uow)
    with pytest.raises(AccountNotLinked):
        login(uow, clock, google, replace(ADA, subject="g-other"))
    assert stored(uow) == before


def test_a_microsoft_login_stores_its_email_unverified(uow, clock, microsoft):
    signed_in = login(uow, clock, microsoft)
    user = uow.tables["users"][signed_in.user.id]
    assert (user.email, user.email_verified) == ("ada@example.com", False)
    assert uow.tables["accounts"][("microsoft", "m-ada")][0] == user.id


def test_a_microsoft_login_never_claims_a_verified_email(uow, clock, google, microsoft):
    ada = login(uow, clock, google).user
    stranger = login(uow, clock, microsoft).user
    assert stranger.id != ada.id
    assert uow.users.get_by_verified_email("ada@example.com").id == ada.id


def test_a_microsoft_login_never_blocks_a_verified_email(uow, clock, google, microsoft):
    first = login(uow, clock, microsoft).user
    ada = login(uow, clock, google).user
    assert ada.id != first.id
    assert uow.users.get_by_verified_email("ada@example.com").id == ada.id


def test_an_unverified_email_never_grants_admin(uow, clock, microsoft):
    signed_in = login(uow, clock, microsoft, admin_emails=frozenset({"ada@example.com"}))
    assert uow.tables["users"][signed_in.user.id].role == "user"


def test_a_google_login_with_an_unverified_email_is_refused(uow, clock, google):
    with pytest.raises(EmailUnverified):
        login(uow, clock, google, replace(ADA, email_verified=False))
    assert stored(uow) == {}


def test_a_replayed_state_is_refused(uow, clock, google):
    state = begin(uow, clock, google)
    finish(uow, clock, google, state)
    with pytest.raises(LoginFailed, match="state"):
        finish(uow, clock, google, state, code="any")
    assert len(uow.tables["sessions"]) == 1


def test_a_state_is_spent_even_when_the_provider_refused_its_first_use(uow, clock, google):
    state = begin(uow, clock, google)
    with pytest.raises(LoginFailed, match="refused the code"):
        finish(uow, clock, google, state, code="forged")
    with pytest.raises(LoginFailed, match="state"):
        finish(uow, clock, google, state)  # the right code, still valid at the provider
    assert uow.tables["sessions"] == {}


def test_a_discarded_state_cannot_be_used(uow, clock, google):
    state = begin(uow, clock, google)
    auth.discard_login(uow, state=state)
    with pytest.raises(LoginFailed, match="state"):
        finish(uow, clock, google, state)


def test_a_state_from_another_browser_is_refused(uow, clock, google):
    state = begin(uow, clock, google, browser="browser-1")
    with pytest.raises(LoginFailed, match="state"):
        finish(uow, clock, google, state, browser="browser-2")
    assert uow.tables["sessions"] == {}


def test_a_state_older_than_ten_minutes_is_refused(uow, clock, google):
    state = begin(uow, clock, google)
    clock.advance(timedelta(minutes=10, seconds=1))
    with pytest.raises(LoginFailed, match="state"):
        finish(uow, clock, google, state)


def test_a_state_nine_minutes_old_is_accepted(uow, clock, google):
    state = begin(uow, clock, google)
    clock.advance(timedelta(minutes=9))
    assert finish(uow, clock, google, state).user.email == "ada@example.com"


def test_a_state_for_the_other_provider_is_refused(uow, clock, google, microsoft):
    state = begin(uow, clock, microsoft)
    with pytest.raises(LoginFailed, match="state"):
        finish(uow, clock, google, state, code=microsoft.code_for(state))
    assert uow.tables["sessions"] == {}


def test_a_wrong_pkce_verifier_is_refused(uow, clock, google):
    state = begin(uow, clock, google)
    uow.tables["logins"][digest(state)].code_verifier = "tampered-" * 6
    with pytest.raises(LoginFailed, match="PKCE"):
        finish(uow, clock, google, state)
    assert stored(uow) == {}


def test_a_wrong_nonce_is_refused(uow, clock, google):
    state = begin(uow, clock, google)
    uow.tables["logins"][digest(state)].nonce = "another"
    with pytest.raises(LoginFailed, match="nonce"):
        finish(uow, clock, google, state)
    assert uow.tables["sessions"] == {}


@pytest.mark.parametrize(("asked", "sent_to"), [("/focus?mode=break", "/focus?mode=break"),
                                                ("//evil.example", "/today"), (None, "/today")])
def test_the_login_ends_on_a_same_site_path(uow, clock, google, asked, sent_to):
    state = begin(uow, clock, google, redirect_to=asked)
    assert finish(uow, clock, google, state).redirect_to == sent_to


def test_a_link_adds_the_new_identity_to_the_signed_in_user(uow, clock, google, microsoft):
    ada = login(uow, clock, google).user
    microsoft.next_identity = replace(ADA_MS, email="ada@work.example")
    linked = finish(uow, clock, microsoft, begin(uow, clock, microsoft, link_user_id=ada.id))
    assert linked.user.id == ada.id
    assert uow.tables["accounts"][("microsoft", "m-ada")][0] == ada.id
    assert login(uow, clock, microsoft).user.id == ada.id
    assert len(uow.tables["users"]) == 1


def test_linking_an_identity_owned_by_someone_else_is_refused(uow, clock, google, microsoft):
    ada = login(uow, clock, google).user
    stranger = login(uow, clock, microsoft).user
    before = stored(uow)
    with pytest.raises(AccountNotLinked):
        finish(uow, clock, microsoft, begin(uow, clock, microsoft, link_user_id=ada.id))
    assert stored(uow) == before
    assert uow.tables["accounts"][("microsoft", "m-ada")][0] == stranger.id


def test_linking_an_identity_whose_verified_email_is_someone_elses_is_refused(uow, clock, google):
    ada = login(uow, clock, google).user
    login(uow, clock, google, BOB)
    google.next_identity = replace(BOB, subject="g-bob-2")
    with pytest.raises(AccountNotLinked):
        finish(uow, clock, google, begin(uow, clock, google, link_user_id=ada.id))
    assert ("google", "g-bob-2") not in uow.tables["accounts"]


def test_a_login_revokes_the_session_it_replaces(uow, clock, google):
    first = login(uow, clock, google)
    second = login(uow, clock, google, replaced_token=first.token)
    assert list(uow.tables["sessions"]) == [second.session.id]
    assert second.session.id != first.session.id
    assert auth.authenticate(uow, clock, first.token) is None


def test_a_disabled_user_cannot_log_in(uow, clock, google):
    ada = login(uow, clock, google).user
    uow.tables["users"][ada.id].disabled = True
    with pytest.raises(LoginFailed, match="disabled"):
        login(uow, clock, google)
    assert len(uow.tables["sessions"]) == 1


def test_admin_emails_grant_admin_at_login_and_demote_when_removed(uow, clock, google):
    ada = login(uow, clock, google, admin_emails=frozenset({"ada@example.com"})).user
    assert ada.is_admin and uow.tables["users"][ada.id].is_admin
    login(uow, clock, google)
    assert uow.tables["users"][ada.id].role == "user"


def test_authenticate_returns_the_principal_of_a_live_token(uow, clock, google):
    signed_in = login(uow, clock, google)
    principal = auth.authenticate(uow, clock, signed_in.token)
    assert (principal.user.id, principal.session.id) == (signed_in.user.id, signed_in.session.id)


def test_authenticate_knows_no_unknown_token(uow, clock, google):
    login(uow, clock, google)
    assert auth.authenticate(uow, clock, "not-a-token") is None


def test_authenticate_refuses_a_token_idle_for_fourteen_days(uow, clock, google):
    token = login(uow, clock, google).token
    clock.advance(timedelta(days=14))
    assert auth.authenticate(uow, clock, token) is None


def test_authenticate_refuses_the_token_of_a_disabled_user(uow, clock, google):
    signed_in = login(uow, clock, google)
    uow.tables["users"][signed_in.user.id].disabled = True
    assert auth.authenticate(uow, clock, signed_in.token) is None


def test_authenticate_slides_the_expiry_only_after_five_minutes(uow, clock, google):
    signed_in = login(uow, clock, google)
    started = clock.now()
    clock.advance(timedelta(minutes=4))
    auth.authenticate(uow, clock, signed_in.token)
    assert uow.tables["sessions"][signed_in.session.id].expires_at == started + timedelta(days=14)
    clock.advance(timedelta(minutes=1))
    auth.authenticate(uow, clock, signed_in.token)
    session = uow.tables["sessions"][signed_in.session.id]
    assert session.last_active_at == started + timedelta(minutes=5)
    assert session.expires_at == started + timedelta(days=14, minutes=5)


def test_a_used_session_outlives_fourteen_days(uow, clock, google):
    token = login(uow, clock, google).token
    clock.advance(timedelta(days=10))
    auth.authenticate(uow, clock, token)
    clock.advance(timedelta(days=10))
    assert auth.authenticate(uow, clock, token) is not None


def test_logout_revokes_the_session(uow, clock, google):
    signed_in = login(uow, clock, google)
    uow.committed = False
    auth.logout(uow, signed_in.token)
    assert uow.committed and uow.tables["sessions"] == {}
    assert auth.authenticate(uow, clock, signed_in.token) is None


def test_a_user_revokes_one_of_their_own_sessions(uow, clock, google):
    first, second = login(uow, clock, google), login(uow, clock, google)
    uow.committed = False
    auth.revoke_session(uow, user_id=first.user.id, session_id=first.session.id)
    assert uow.committed and list(uow.tables["sessions"]) == [second.session.id]


def test_revoking_someone_elses_session_is_not_found_and_deletes_nothing(uow, clock, google):
    ada = login(uow, clock, google)
    bob = login(uow, clock, google, BOB)
    with pytest.raises(NotFound):
        auth.revoke_session(uow, user_id=bob.user.id, session_id=ada.session.id)
    assert set(uow.tables["sessions"]) == {ada.session.id, bob.session.id}


def test_sessions_are_listed_newest_first(uow, clock, google):
    made = []
    for _ in range(3):
        made.append(login(uow, clock, google))
        clock.advance(timedelta(minutes=1))
    login(uow, clock, google, BOB)
    listed = auth.list_sessions(uow, clock, user_id=made[0].user.id)
    assert [s.id for s in listed] == [m.session.id for m in reversed(made)]


def test_expired_sessions_are_left_out_of_the_list(uow, clock, google):
    old = login(uow, clock, google)
    clock.advance(timedelta(days=10))
    recent = login(uow, clock, google)
    clock.advance(timedelta(days=5))
    assert [s.id for s in auth.list_sessions(uow, clock, user_id=old.user.id)] == [recent.session.id]


def test_dev_login_creates_the_user_then_reuses_them_by_email(uow, clock):
    first = auth.dev_login(uow, clock, email="Dev@Example.com", name="Dev", admin_emails=frozenset(),
                           client=CLIENT, replaced_token=None)
    assert uow.committed and uow.tables["users"][first.user.id].email_verified
    again = auth.dev_login(uow, clock, email="dev@example.com", name=None, admin_emails=frozenset(),
                           client=CLIENT, replaced_token=first.token)
    assert again.user.id == first.user.id
    assert len(uow.tables["users"]) == 1
    assert list(uow.tables["sessions"]) == [again.session.id]
