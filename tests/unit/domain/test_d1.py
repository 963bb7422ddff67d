"""Converting D1 (SQLite) values to the kinds of the Postgres columns, and the reasons for rejects."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import pytest

from domain import d1

ID = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b"


def reason_of(kind, value):
    with pytest.raises(d1.Rejected) as caught:
        d1.convert(kind, value)
    return caught.value.reason


def test_a_uuid_text_becomes_its_canonical_text():
    assert d1.convert(d1.UUID_KIND, ID) == ID
    assert d1.convert(d1.UUID_KIND, ID.upper()) == ID
    assert d1.convert(d1.UUID_KIND, "{" + ID.replace("-", "") + "}") == ID


@pytest.mark.parametrize("value", ["not-a-uuid", "", 12345, "3f2b8c1e-9a4d-4e6f-8b7a"])
def test_anything_else_is_an_invalid_uuid(value):
    assert reason_of(d1.UUID_KIND, value) == d1.INVALID_UUID


@pytest.mark.parametrize("value, expected", [(1, True), (0, False), ("1", True), ("0", False),
                                             ("true", True), ("FALSE", False), (True, True)])
def test_booleans_come_as_0_1_or_words(value, expected):
    assert d1.convert(d1.BOOLEAN, value) is expected


@pytest.mark.parametrize("value", [2, -1, "yes please", "", 0.5])
def test_other_booleans_are_rejected(value):
    assert reason_of(d1.BOOLEAN, value) == d1.INVALID_BOOLEAN


def test_sqlite_datetime_now_text_is_read_as_utc():
    assert d1.convert(d1.TIMESTAMPTZ, "2024-03-05 14:07:09") == datetime(2024, 3, 5, 14, 7, 9, tzinfo=timezone.utc)
    assert d1.convert(d1.TIMESTAMPTZ, "2024-03-05 14:07:09.123") == datetime(
        2024, 3, 5, 14, 7, 9, 123000, tzinfo=timezone.utc)


def test_iso_datetimes_keep_their_offset_and_z_means_utc():
    assert d1.convert(d1.TIMESTAMPTZ, "2024-03-05T14:07:09.5Z") == datetime(
        2024, 3, 5, 14, 7, 9, 500000, tzinfo=timezone.utc)
    moment = d1.convert(d1.TIMESTAMPTZ, "2024-03-05T16:07:09+02:00")
    assert moment == datetime(2024, 3, 5, 14, 7, 9, tzinfo=timezone.utc)
    assert moment.utcoffset() == timedelta(0)


def test_epoch_seconds_and_milliseconds_are_both_understood():
    expected = datetime(2024, 3, 5, 14, 7, 9, tzinfo=timezone.utc)
    assert d1.convert(d1.TIMESTAMPTZ, int(expected.timestamp())) == expected
    assert d1.convert(d1.TIMESTAMPTZ, int(expected.timestamp()) * 1000) == expected
    assert d1.convert(d1.TIMESTAMPTZ, str(int(expected.timestamp()))) == expected
    assert d1.convert(d1.TIMESTAMPTZ, str(int(expected.timestamp()) * 1000)) == expected  # TEXT affinity


@pytest.mark.parametrize("value", ["yesterday", "2024-02-30 10:00:00", "2024-13-01T00:00:00Z", "", 1e30,
                                   float("nan"), True, "99999-01-01"])
def test_other_datetimes_are_unparseable(value):
    assert reason_of(d1.TIMESTAMPTZ, value) == d1.UNPARSEABLE_DATE


def test_dates_are_iso_days():
    assert d1.convert(d1.DATE, "2024-02-29") == date(2024, 2, 29)
    assert d1.convert(d1.DATE, "0001-01-01") == date(1, 1, 1)
    assert reason_of(d1.DATE, "2026-02-30") == d1.UNPARSEABLE_DATE
    assert reason_of(d1.DATE, "5 March") == d1.UNPARSEABLE_DATE


def test_json_text_becomes_its_value():
    assert d1.convert(d1.JSONB, '{"a": [1, 2, {"b": null}]}') == {"a": [1, 2, {"b": None}]}
    assert d1.convert(d1.JSONB, "[]") == []


@pytest.mark.parametrize("value", ["{not json", "", "NaN", '{"a": "\\u0000"}', b"{}"])
def test_broken_json_is_rejected(value):
    assert reason_of(d1.JSONB, value) == d1.BROKEN_JSON


def test_arrays_come_as_json_array_text():
    assert d1.convert(d1.TEXT_ARRAY, '["a", "b"]') == ["a", "b"]
    assert d1.convert(d1.SMALLINT_ARRAY, "[1, 3, 5]") == [1, 3, 5]
    assert reason_of(d1.TEXT_ARRAY, '{"a": 1}') == d1.NOT_AN_ARRAY
    assert reason_of(d1.TEXT_ARRAY, "[1]") == d1.NOT_AN_ARRAY
    assert reason_of(d1.SMALLINT_ARRAY, "[70000]") == d1.OUT_OF_RANGE
    assert reason_of(d1.TEXT_ARRAY, "a,b") == d1.BROKEN_JSON


def test_integers_are_checked_against_their_column_range():
    assert d1.convert(d1.SMALLINT, 32767) == 32767
    assert d1.convert(d1.INTEGER, "42") == 42
    assert d1.convert(d1.BIGINT, 7.0) == 7
    assert reason_of(d1.SMALLINT, 32768) == d1.OUT_OF_RANGE
    assert reason_of(d1.INTEGER, 2 ** 31) == d1.OUT_OF_RANGE
    assert reason_of(d1.BIGINT, 2 ** 63) == d1.OUT_OF_RANGE
    assert reason_of(d1.INTEGER, "many") == d1.NOT_A_NUMBER
    assert reason_of(d1.INTEGER, 1.5) == d1.NOT_A_NUMBER


def test_floats_and_numerics():
    assert d1.convert(d1.FLOAT, "1.5") == 1.5
    assert d1.convert(d1.NUMERIC, 82.5) == Decimal("82.5")
    assert reason_of(d1.FLOAT, "heavy") == d1.NOT_A_NUMBER
    assert reason_of(d1.NUMERIC, "inf") == d1.NOT_A_NUMBER
    assert reason_of(d1.NUMERIC, 1e20) == d1.OUT_OF_RANGE


def test_text_refuses_nul_characters_and_keeps_numbers_as_text():
    assert d1.convert(d1.TEXT, 12) == "12"
    assert d1.convert(d1.CITEXT, "A@Example.com") == "A@Example.com"
    assert reason_of(d1.TEXT, "a\x00b") == d1.INVALID_TEXT


def test_inet_addresses():
    assert d1.convert(d1.INET, "192.168.0.1") == "192.168.0.1"
    assert d1.convert(d1.INET, "::1") == "::1"
    assert reason_of(d1.INET, "999.1.1.1") == d1.INVALID_INET


def test_null_stays_null_whatever_the_kind():
    assert all(d1.convert(kind, None) is None for kind in d1.KINDS)


def test_an_unknown_kind_rejects_its_values():
    assert reason_of("bytea", "x") == d1.UNSUPPORTED_TYPE


def test_authjs_users_map_email_verified_from_a_timestamp_and_drop_the_old_role():
    users = d1.table_map("users")
    assert users.columns["emailVerified"] == "email_verified"
    assert "role" in users.dropped
    assert d1.derive("not_null", "2024-01-01 00:00:00") is True
    assert d1.derive("not_null", None) is False


def test_authjs_accounts_keep_the_provider_sub_but_not_the_tokens():
    accounts = d1.table_map("accounts")
    assert accounts.columns == {"userId": "user_id", "providerAccountId": "provider_account_id"}
    assert {"access_token", "refresh_token", "id_token"} <= accounts.dropped
    assert d1.derive("provider", "microsoft-entra-id") == "microsoft"
    assert d1.derive("provider", "azure-ad") == "microsoft"
    assert d1.derive("provider", "google") == "google"
    with pytest.raises(d1.Rejected) as caught:
        d1.derive("provider", "github")
    assert caught.value.reason == d1.UNKNOWN_PROVIDER


def test_old_sessions_and_verification_tokens_are_skipped():
    assert {"sessions", "verification_tokens"} <= d1.SKIPPED_TABLES
    assert d1.table_map("goals").target == "goals"


def test_a_negative_wallet_is_rejected():
    d1.check_wallet(0)
    with pytest.raises(d1.Rejected) as caught:
        d1.check_wallet(-1)
    assert caught.value.reason == d1.NEGATIVE_BALANCE


def test_the_opening_ledger_row_tops_up_the_imported_ledger_to_the_balance():
    user = UUID(ID)
    row = d1.opening_ledger_row(user, balance=120, xp=40, ledger_delta=100, ledger_xp=0)
    assert (row["delta"], row["balance_after"], row["xp_delta"]) == (20, 120, 40)
    assert (row["source_type"], row["source_id"]) == d1.OPENING_SOURCE
    assert row["id"] == d1.opening_ledger_row(user, 1, 1, 0, 0)["id"]  # the same on every run


def test_the_canonical_form_is_the_same_for_equal_values_from_either_side():
    assert d1.canonical(Decimal("82.50")) == d1.canonical(Decimal("82.5")) == "82.5"
    assert d1.canonical(datetime(2024, 1, 1, 2, tzinfo=timezone(timedelta(hours=2)))) == \
        d1.canonical(datetime(2024, 1, 1, tzinfo=timezone.utc))
    assert d1.canonical({"b": 1, "a": [True]}) == d1.canonical({"a": [True], "b": 1})
    assert d1.row_digest([1, "a"]) != d1.row_digest(["a", 1])
