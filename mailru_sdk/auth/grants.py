"""OAuth grants as small objects: what each one sends to the token endpoint.

An OAuth session holds one grant (``CodeGrant``, ``PasswordGrant``
or ``RefreshGrant``) and runs it on [`authorize()`][mailru_sdk.oauth.OAuthSession.authorize];
refreshes always use the refresh-token grant. A grant's secrets (the code,
the password, the refresh token) are never shown by its ``repr``, and are
redacted from the token request's errors as the form's secret fields.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar, Protocol

from mailru_sdk._validate import required_text

__all__ = ["CodeGrant", "Grant", "PasswordGrant", "RefreshGrant", "token_form"]


class Grant(Protocol):
    """What a session needs of a grant: its type and its own fields."""

    grant_type: ClassVar[str]

    def fields(self) -> dict[str, str]:
        """The grant's own fields of the token request form."""
        ...


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class CodeGrant:
    """The authorization-code grant of the web login flow; a code works once."""

    grant_type: ClassVar[str] = "authorization_code"
    code: str
    redirect_uri: str

    def __post_init__(self) -> None:
        required_text("code", self.code)
        required_text("redirect_uri", self.redirect_uri)

    def fields(self) -> dict[str, str]:
        """``code`` and ``redirect_uri`` (exactly the one the login started with)."""
        return {"code": self.code, "redirect_uri": self.redirect_uri}

    def __repr__(self) -> str:
        return f"CodeGrant(redirect_uri={self.redirect_uri!r})"


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class PasswordGrant:
    """The password grant: the user's email and password, and the privileges asked for."""

    grant_type: ClassVar[str] = "password"
    email: str
    password: str
    scope: str

    def __post_init__(self) -> None:
        required_text("email", self.email)
        required_text("password", self.password)

    def fields(self) -> dict[str, str]:
        """``username``, ``password`` and ``scope`` (space-separated)."""
        return {"username": self.email, "password": self.password, "scope": self.scope}

    def __repr__(self) -> str:
        return f"PasswordGrant(email={self.email!r}, scope={self.scope!r})"


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class RefreshGrant:
    """The refresh-token grant: a refresh token works once."""

    grant_type: ClassVar[str] = "refresh_token"
    refresh_token: str

    def __post_init__(self) -> None:
        required_text("refresh_token", self.refresh_token)

    def fields(self) -> dict[str, str]:
        """``refresh_token``."""
        return {"refresh_token": self.refresh_token}

    def __repr__(self) -> str:
        return "RefreshGrant()"


def token_form(grant: Grant, client_id: int, client_secret: str) -> dict[str, str]:
    """The whole form of a token request: the grant's type, the app's id and secret, its fields."""
    return {
        "grant_type": grant.grant_type,
        "client_id": str(client_id),
        "client_secret": client_secret,
        **grant.fields(),
    }
