"""The signed-in person's own profile, terms and age; and the readiness report."""
from datetime import date, datetime, timezone
from uuid import uuid4

import pytest

from domain.errors import InvalidInput, NotFound
from domain.users import User
from ports.inbound import health, me
from ports.outbound.health import HealthProbe

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def ada(uow):
    user = User.register(email="ada@example.com", email_verified=True, name="Ada", now=NOW)
    uow.tables["users"][user.id] = user
    return user.id


def test_a_profile_update_is_committed(uow, ada):
    returned = me.update_profile(uow, user_id=ada, changes={"timezone": "Europe/Berlin", "day_start_hour": 5})
    assert uow.committed
    assert (returned.timezone, returned.day_start_hour) == ("Europe/Berlin", 5)
    assert (uow.tables["users"][ada].timezone, uow.tables["users"][ada].day_start_hour) == ("Europe/Berlin", 5)


def test_a_bad_profile_update_writes_nothing(uow, ada):
    with pytest.raises(InvalidInput):
        me.update_profile(uow, user_id=ada, changes={"name": "Grace", "timezone": "Mars/Olympus"})
    assert not uow.committed
    assert uow.tables["users"][ada].name == "Ada"


def test_accepting_the_terms_is_committed_with_the_clock_time(uow, clock, ada):
    me.accept_tos(uow, clock, user_id=ada, version="2026-01")
    assert uow.committed
    stored = uow.tables["users"][ada]
    assert (stored.tos_version, stored.tos_accepted_at) == ("2026-01", NOW)


def test_age_is_verified_on_the_clocks_date(uow, clock, ada):
    returned = me.verify_age(uow, clock, user_id=ada, birthdate=date(2013, 1, 15))
    assert uow.committed and returned.age_verified and uow.tables["users"][ada].age_verified


def test_a_twelve_year_old_is_recorded_but_not_verified(uow, clock, ada):
    me.verify_age(uow, clock, user_id=ada, birthdate=date(2013, 1, 16))
    stored = uow.tables["users"][ada]
    assert (stored.birthdate, stored.age_verified) == (date(2013, 1, 16), False)


def test_a_birthdate_after_the_clocks_date_is_refused(uow, clock, ada):
    with pytest.raises(InvalidInput):
        me.verify_age(uow, clock, user_id=ada, birthdate=date(2026, 1, 16))
    assert uow.tables["users"][ada].birthdate is None


@pytest.mark.parametrize("call", [
    lambda uow, clock, uid: me.update_profile(uow, user_id=uid, changes={"name": "X"}),
    lambda uow, clock, uid: me.accept_tos(uow, clock, user_id=uid, version="1"),
    lambda uow, clock, uid: me.verify_age(uow, clock, user_id=uid, birthdate=date(2000, 1, 1)),
], ids=["update_profile", "accept_tos", "verify_age"])
def test_an_unknown_user_is_not_found(uow, clock, ada, call):
    with pytest.raises(NotFound):
        call(uow, clock, uuid4())
    assert not uow.committed


class Probe(HealthProbe):
    def __init__(self, name, error=None):
        self.name, self.error = name, error

    def check(self):
        if self.error:
            raise self.error


def test_health_is_ok_when_every_probe_answers():
    assert health.check_health([Probe("database"), Probe("blob_store")]) == (
        True, {"database": "ok", "blob_store": "ok"})


def test_a_raising_probe_is_reported_down_without_raising():
    ok, checks = health.check_health([Probe("database", TimeoutError("5s")), Probe("blob_store")])
    assert not ok
    assert checks == {"database": "down", "blob_store": "ok"}
