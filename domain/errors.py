"""Errors the core raises; `entrypoints.http.errors` maps each to a status and a code."""
from __future__ import annotations


class DomainError(Exception):
    """Base of every error the core raises on purpose."""

    code = "error"

    def __init__(self, message: str = "", **details) -> None:
        super().__init__(message or self.__class__.__doc__ or self.code)
        self.message = message or (self.__class__.__doc__ or self.code).strip()
        self.details = details


class NotFound(DomainError):
    """Not found."""

    code = "not_found"


class Conflict(DomainError):
    """The request conflicts with the current state."""

    code = "conflict"


class Forbidden(DomainError):
    """Not allowed."""

    code = "forbidden"


class InvalidInput(DomainError):
    """Invalid input."""

    code = "validation_error"

    def __init__(self, field: str, message: str) -> None:
        super().__init__("Invalid input", fields={field: [message]})


class LoginFailed(DomainError):
    """The login could not be completed."""

    code = "login_failed"


class EmailUnverified(LoginFailed):
    """The identity provider has not verified this email address."""

    code = "email_unverified"


class AccountNotLinked(LoginFailed):
    """This email belongs to an account that signs in with another provider; sign in there and link."""

    code = "account_not_linked"


class InsufficientFunds(Conflict):
    """Not enough points for this."""

    code = "insufficient_funds"


class UnsupportedMediaType(DomainError):
    """The file's bytes are not of a type this category accepts."""

    code = "unsupported_media_type"
