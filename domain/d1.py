"""Moving off D1 (DESIGN §7): converting one SQLite value to the kind of its Postgres column.

`convert(kind, value)` answers the converted value or raises `Rejected(reason)`; the reasons
are the named constants below and end in the rejects file word for word. Also here: which
D1 tables and columns map to which target ones (the Auth.js tables are renamed), the
provider names, and the canonical text of a converted value that `d1 verify` checksums.
Standard library only.
"""
from __future__ import annotations

import hashlib
import ipaddress
import json
import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from uuid import UUID, uuid5

# Reject reasons, word for word in the rejects file.
INVALID_UUID = "invalid UUID"
INVALID_BOOLEAN = "invalid boolean"
UNPARSEABLE_DATE = "unparseable date"
BROKEN_JSON = "broken JSON"
NOT_AN_ARRAY = "not a JSON array"
NOT_A_NUMBER = "not a number"
OUT_OF_RANGE = "out of range"
INVALID_TEXT = "invalid text"
INVALID_INET = "invalid IP address"
MISSING_VALUE = "missing value"
DUPLICATE = "duplicate"
ORPHAN_FOREIGN_KEY = "orphan foreign key"
NEGATIVE_BALANCE = "negative balance"
UNKNOWN_PROVIDER = "unknown provider"
CHECK_VIOLATION = "check violation"
UNSUPPORTED_TYPE = "unsupported column type"

# Target column kinds (the Postgres adapter maps its types onto these).
UUID_KIND = "uuid"
BOOLEAN = "boolean"
TIMESTAMPTZ = "timestamptz"
DATE = "date"
JSONB = "jsonb"
TEXT_ARRAY = "text[]"
SMALLINT_ARRAY = "smallint[]"
SMALLINT = "smallint"
INTEGER = "integer"
BIGINT = "bigint"
FLOAT = "float"
NUMERIC = "numeric"
TEXT = "text"
CITEXT = "citext"
INET = "inet"

INTEGER_RANGES = {SMALLINT: 2 ** 15, INTEGER: 2 ** 31, BIGINT: 2 ** 63}
_ARRAY_ITEMS = {TEXT_ARRAY: TEXT, SMALLINT_ARRAY: SMALLINT}


class Rejected(ValueError):
    """A value (or a row) that cannot be imported; `reason` is one of the constants above."""

    def __init__(self, reason: str, column: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.column = column


# --- one value -------------------------------------------------------------------------

_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def to_uuid(value) -> str:
    """The canonical text of a UUID (lower case, hyphens): what Postgres prints, and cheap to COPY."""
    if isinstance(value, str):
        if _CANONICAL_UUID.fullmatch(value):
            return value
        try:
            return str(UUID(value.strip()))
        except ValueError:
            pass
    raise Rejected(INVALID_UUID)


_TRUE = {"1", "true", "t", "yes"}
_FALSE = {"0", "false", "f", "no"}


def to_boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, float) and value in (0.0, 1.0):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise Rejected(INVALID_BOOLEAN)


_SQLITE_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?$")
_EPOCH_MILLIS_ABOVE = 100_000_000_000  # ~ year 5138 in seconds, 1973 in milliseconds


def _from_epoch(number: float) -> datetime:
    if isinstance(number, float) and not math.isfinite(number):
        raise Rejected(UNPARSEABLE_DATE)
    seconds = number / 1000 if abs(number) >= _EPOCH_MILLIS_ABOVE else number
    try:
        return datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=seconds)
    except OverflowError:
        raise Rejected(UNPARSEABLE_DATE) from None


def to_timestamptz(value) -> datetime:
    """SQLite `datetime('now')` text (UTC), ISO 8601 with an offset or Z, epoch s or ms."""
    if isinstance(value, bool):
        raise Rejected(UNPARSEABLE_DATE)
    if isinstance(value, (int, float)):
        return _from_epoch(value)
    if not isinstance(value, str):
        raise Rejected(UNPARSEABLE_DATE)
    if value[4:5] == "-":  # the common forms first, in C (not "20240101…": that may be epoch digits)
        try:
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                return parsed.replace(tzinfo=timezone.utc)
            return parsed.astimezone(timezone.utc)
        except (ValueError, OverflowError):
            pass
    text = value.strip()
    match = _SQLITE_DATETIME.match(text)
    try:
        if match:
            year, month, day, hour, minute, second, fraction = match.groups()
            micro = int((fraction or "0").ljust(6, "0"))
            return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                            micro, tzinfo=timezone.utc)
        if re.fullmatch(r"-?\d+(\.\d+)?", text):
            return _from_epoch(float(text) if "." in text else int(text))
        parsed = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except (ValueError, OverflowError):
        raise Rejected(UNPARSEABLE_DATE) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    try:
        return parsed.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        raise Rejected(UNPARSEABLE_DATE) from None


def to_date(value) -> date:
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
    raise Rejected(UNPARSEABLE_DATE)


def _reject_constant(name: str):
    raise ValueError(name)


def _check_json_text(item) -> None:
    """Postgres jsonb refuses \\u0000 in strings; refuse it here rather than abort the COPY."""
    if isinstance(item, str):
        if "\x00" in item:
            raise Rejected(BROKEN_JSON)
    elif isinstance(item, dict):
        for key, child in item.items():
            _check_json_text(key)
            _check_json_text(child)
    elif isinstance(item, list):
        for child in item:
            _check_json_text(child)


def to_json(value):
    if isinstance(value, bool) or value is None:
        raise Rejected(BROKEN_JSON)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise Rejected(BROKEN_JSON)
        return value
    if not isinstance(value, str):
        raise Rejected(BROKEN_JSON)
    try:
        parsed = json.loads(value, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise Rejected(BROKEN_JSON) from None
    _check_json_text(parsed)
    return parsed


def to_integer(value, kind: str = BIGINT) -> int:
    if isinstance(value, bool):
        raise Rejected(NOT_A_NUMBER)
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise Rejected(NOT_A_NUMBER)
        value = int(value)
    elif isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            raise Rejected(NOT_A_NUMBER) from None
    elif not isinstance(value, int):
        raise Rejected(NOT_A_NUMBER)
    limit = INTEGER_RANGES[kind]
    if not -limit <= value < limit:
        raise Rejected(OUT_OF_RANGE)
    return value


def to_float(value) -> float:
    if isinstance(value, bool):
        raise Rejected(NOT_A_NUMBER)
    try:
        number = float(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError, OverflowError):
        raise Rejected(NOT_A_NUMBER) from None
    if not math.isfinite(number):
        raise Rejected(NOT_A_NUMBER)
    return number


def to_numeric(value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise Rejected(NOT_A_NUMBER)
    try:
        number = Decimal(value.strip() if isinstance(value, str) else str(value))
    except InvalidOperation:
        raise Rejected(NOT_A_NUMBER) from None
    if not number.is_finite():
        raise Rejected(NOT_A_NUMBER)
    if abs(number) >= Decimal(10) ** 12:  # the widest numeric of the schema has 10 integer digits
        raise Rejected(OUT_OF_RANGE)
    return number


def to_text(value) -> str:
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            raise Rejected(INVALID_TEXT) from None
    if isinstance(value, bool):
        raise Rejected(INVALID_TEXT)
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str) or "\x00" in value:
        raise Rejected(INVALID_TEXT)
    return value


def to_inet(value) -> str:
    if isinstance(value, str):
        try:
            return str(ipaddress.ip_interface(value.strip()).ip if "/" not in value
                       else ipaddress.ip_interface(value.strip()))
        except ValueError:
            pass
    raise Rejected(INVALID_INET)


def to_array(value, kind: str) -> list:
    """A JSON array text (D1 had no arrays) → a list of the item kind."""
    parsed = to_json(value)
    if not isinstance(parsed, list):
        raise Rejected(NOT_AN_ARRAY)
    item_kind = _ARRAY_ITEMS[kind]
    if item_kind == TEXT:
        if not all(isinstance(item, str) for item in parsed):
            raise Rejected(NOT_AN_ARRAY)
        return [to_text(item) for item in parsed]
    return [to_integer(item, item_kind) for item in parsed]


_CONVERTERS = {
    UUID_KIND: to_uuid, BOOLEAN: to_boolean, TIMESTAMPTZ: to_timestamptz, DATE: to_date, JSONB: to_json,
    SMALLINT: lambda value: to_integer(value, SMALLINT), INTEGER: lambda value: to_integer(value, INTEGER),
    BIGINT: lambda value: to_integer(value, BIGINT), FLOAT: to_float, NUMERIC: to_numeric, TEXT: to_text,
    CITEXT: to_text, INET: to_inet,
    TEXT_ARRAY: lambda value: to_array(value, TEXT_ARRAY),
    SMALLINT_ARRAY: lambda value: to_array(value, SMALLINT_ARRAY),
}
KINDS = frozenset(_CONVERTERS)


def converter(kind: str):
    """The function converting one non-NULL SQLite value to `kind` (raises Rejected)."""
    try:
        return _CONVERTERS[kind]
    except KeyError:
        def unsupported(value):
            raise Rejected(UNSUPPORTED_TYPE)
        return unsupported


def convert(kind: str, value):
    """One SQLite value → the target kind; NULL stays None (NOT NULL is checked per row)."""
    return None if value is None else converter(kind)(value)


# --- tables and columns ----------------------------------------------------------------

@dataclass(frozen=True)
class TableMap:
    """How one D1 table lands in the target: renamed columns, derived ones, dropped ones."""

    target: str
    columns: dict[str, str]  # D1 column → target column; others keep their name
    dropped: frozenset[str] = frozenset()  # D1 columns deliberately not carried over
    derived: tuple[tuple[str, str], ...] = ()  # (target column, rule name)


MICROSOFT = "microsoft"
PROVIDERS = {"google": "google", "microsoft-entra-id": MICROSOFT, "azure-ad": MICROSOFT, "microsoft": MICROSOFT}

AUTH_TOKEN_COLUMNS = frozenset({"type", "refresh_token", "access_token", "expires_at", "token_type", "scope",
                                "id_token", "session_state", "oauth_token", "oauth_token_secret"})

TABLE_MAPS = {
    # Auth.js D1 adapter: camelCase columns; emailVerified was a timestamp → verified = not null.
    # The old role came from an e-mail allow-list: it is not carried over, role stays 'user'.
    "users": TableMap("users", {"emailVerified": "email_verified"}, frozenset({"role", "role_source"}),
                      (("email_verified", "not_null"),)),
    # Tokens are not carried over (people log in again; the provider `sub` keeps them linked).
    "accounts": TableMap("accounts", {"userId": "user_id", "providerAccountId": "provider_account_id"},
                         AUTH_TOKEN_COLUMNS, (("provider", "provider"),)),
}
SKIPPED_TABLES = frozenset({"sessions", "verification_tokens", "oauth_states", "idempotency_keys",
                            "d1_migrations", "_cf_KV", "sqlite_sequence"})


def table_map(d1_table: str) -> TableMap:
    return TABLE_MAPS.get(d1_table) or TableMap(d1_table, {})


def derive(rule: str, value):
    """The derived target value of a renamed column (before kind conversion)."""
    if rule == "not_null":
        return value is not None
    if rule == "provider":
        if value is None:
            return None
        try:
            return PROVIDERS[str(value).strip().lower()]
        except KeyError:
            raise Rejected(UNKNOWN_PROVIDER) from None
    raise ValueError(rule)


# --- wallets ---------------------------------------------------------------------------

OPENING_SOURCE = ("d1_import", "opening")
OPENING_REASON = "opening balance (D1 import)"
_OPENING_NAMESPACE = UUID("5d1c0a1e-1a7e-4c0d-9d1e-0d1e0d1e0d1e")


def check_wallet(balance: int) -> None:
    if balance < 0:
        raise Rejected(NEGATIVE_BALANCE, "balance")


def opening_ledger_row(user_id: UUID | str, balance: int, xp: int, ledger_delta: int, ledger_xp: int) -> dict:
    """The ledger row that makes a migrated wallet's ledger sum to its balance (and its xp).

    `ledger_delta`/`ledger_xp` are the sums of the user's ledger rows imported from D1, if any.
    The id is derived from the user's, so a re-run (or `verify`) computes the same row.
    """
    return {"id": str(uuid5(_OPENING_NAMESPACE, str(user_id))), "user_id": str(user_id),
            "delta": balance - ledger_delta, "balance_after": balance, "xp_delta": xp - ledger_xp,
            "reason": OPENING_REASON, "source_type": OPENING_SOURCE[0], "source_id": OPENING_SOURCE[1]}


# --- canonical form (for checksums) ---------------------------------------------------

def canonical(value) -> str:
    """One converted value as text, the same whether it came from the dump or from Postgres."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat(timespec="microseconds")
    if isinstance(value, Decimal):
        normal = value.normalize()
        return format(normal, "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), default=canonical)
    return str(value)


def row_digest(values) -> int:
    """An order-independent checksum term of one row (sum them mod 2**64 per table)."""
    text = "\x1f".join(canonical(value) for value in values)
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
