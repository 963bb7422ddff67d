"""People: ADMIN_EMAILS grants, profile updates, terms and age."""
from datetime import date, datetime, timezone

import pytest

from domain.errors import InvalidInput
from domain.users import User, age_on

T0 = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)
ADMINS = frozenset({"boss@example.com"})


def user(email="Boss@Example.com", verified=True, **fields):
    person = User.register(email=email, email_verified=verified, name="Ada", now=T0)
    for key, value in fields.items():
        setattr(person, key, value)
    return person


def test_a_registered_user_has_a_lowercased_email_and_the_defaults():
    person = user()
    assert person.email == "boss@example.com"
    assert (person.role, person.timezone, person.day_start_hour, person.age_verified) == ("user", "UTC", 0, False)


def test_a_listed_verified_email_is_granted_admin():
    person = user()
    person.apply_admin_emails(ADMINS)
    assert person.is_admin
    assert person.role_source == "admin_emails"


def test_an_unverified_email_never_grants_admin():
    person = user(verified=False)
    person.apply_admin_emails(ADMINS)
    assert not person.is_admin
    assert person.role_source is None


def test_an_unlisted_email_is_not_granted_admin():
    person = user(email="someone@example.com")
    person.apply_admin_emails(ADMINS)
    assert person.role == "user"


def test_leaving_the_list_demotes_an_admin_granted_by_it():
    person = user()
    person.apply_admin_emails(ADMINS)
    person.apply_admin_emails(frozenset())
    assert person.role == "user"
    assert person.role_source is None


def test_leaving_the_list_keeps_a_manual_admin():
    person = user(role="admin", role_source="manual")
    person.apply_admin_emails(frozenset())
    assert person.is_admin
    assert person.role_source == "manual"


def test_a_manual_admin_on_the_list_stays_a_manual_admin():
    person = user(role="admin", role_source=None)
    person.apply_admin_emails(ADMINS)
    person.apply_admin_emails(frozenset())
    assert person.is_admin


def test_a_profile_update_changes_only_the_given_fields():
    person = user()
    person.update_profile({"timezone": "Europe/Berlin", "day_start_hour": 4})
    assert (person.name, person.timezone, person.day_start_hour) == ("Ada", "Europe/Berlin", 4)


def test_settings_and_name_are_updated():
    person = user()
    person.update_profile({"name": "Grace", "settings": {"theme": "dark"}})
    assert (person.name, person.settings) == ("Grace", {"theme": "dark"})


def test_fields_outside_the_profile_are_ignored():
    person = user()
    person.update_profile({"role": "admin", "email": "x@example.com", "age_verified": True})
    assert (person.role, person.email, person.age_verified) == ("user", "boss@example.com", False)


@pytest.mark.parametrize("zone", ["UTC", "America/Argentina/Buenos_Aires", "Asia/Kathmandu"])
def test_an_iana_timezone_is_accepted(zone):
    person = user()
    person.update_profile({"timezone": zone})
    assert person.timezone == zone


@pytest.mark.parametrize("zone", ["Mars/Olympus", "../etc/passwd", "/etc/localtime", "+02:00", "", None, 2])
def test_anything_but_an_iana_timezone_is_refused(zone):
    with pytest.raises(InvalidInput) as refused:
        user().update_profile({"timezone": zone})
    assert "timezone" in refused.value.details["fields"]


@pytest.mark.parametrize("hour", [0, 23])
def test_the_day_may_start_at_any_hour_from_0_to_23(hour):
    person = user()
    person.update_profile({"day_start_hour": hour})
    assert person.day_start_hour == hour


@pytest.mark.parametrize("hour", [-1, 24])
def test_a_day_start_hour_outside_0_to_23_is_refused(hour):
    with pytest.raises(InvalidInput) as refused:
        user().update_profile({"day_start_hour": hour})
    assert "day_start_hour" in refused.value.details["fields"]


def test_a_bad_timezone_leaves_the_name_unchanged():
    person = user()
    with pytest.raises(InvalidInput):
        person.update_profile({"name": "Grace", "timezone": "Mars/Olympus"})
    assert person.name == "Ada"


def test_a_bad_day_start_hour_leaves_the_timezone_unchanged():
    person = user()
    with pytest.raises(InvalidInput):
        person.update_profile({"timezone": "Europe/Berlin", "day_start_hour": 30})
    assert person.timezone == "UTC"


def test_accepting_the_terms_records_the_version_and_the_time():
    person = user()
    person.accept_tos("2026-01", T0)
    assert (person.tos_version, person.tos_accepted_at) == ("2026-01", T0)


def test_the_thirteenth_birthday_verifies_the_age():
    person = user()
    person.verify_age(date(2013, 1, 15), today=date(2026, 1, 15))
    assert person.age_verified
    assert person.birthdate == date(2013, 1, 15)


def test_the_day_before_the_thirteenth_birthday_does_not_verify_the_age():
    person = user()
    person.verify_age(date(2013, 1, 16), today=date(2026, 1, 15))
    assert not person.age_verified
    assert person.birthdate == date(2013, 1, 16)


def test_a_birthdate_in_the_future_is_refused_and_not_recorded():
    person = user()
    with pytest.raises(InvalidInput) as refused:
        person.verify_age(date(2026, 1, 16), today=date(2026, 1, 15))
    assert "birthdate" in refused.value.details["fields"]
    assert person.birthdate is None


def test_a_leap_day_child_turns_a_year_older_on_the_first_of_march_in_common_years():
    assert age_on(date(2012, 2, 29), date(2025, 2, 28)) == 12
    assert age_on(date(2012, 2, 29), date(2025, 3, 1)) == 13


def test_a_leap_day_child_has_a_birthday_in_leap_years():
    assert age_on(date(2012, 2, 29), date(2028, 2, 28)) == 15
    assert age_on(date(2012, 2, 29), date(2028, 2, 29)) == 16


def test_a_leap_day_child_is_verified_from_the_first_of_march_of_the_thirteenth_year():
    person = user()
    person.verify_age(date(2012, 2, 29), today=date(2025, 2, 28))
    assert not person.age_verified
    person.verify_age(date(2012, 2, 29), today=date(2025, 3, 1))
    assert person.age_verified
