"""OAuth tokens as the SDK holds, stores and hands them out, and how they are read from fields."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TypedDict

__all__ = ["OAuthTokens", "tokens_from_fields"]


class OAuthTokens(TypedDict):
    """The tokens an OAuth session holds, as handed to ``token_updater``.

    Plain JSON types only, so an app can store it as is (a web session, a
    database row) and give it back to :meth:`~mailru_sdk.oauth.OAuthSession.load_tokens`.
    """

    access_token: str
    """Sent to the REST API as ``session_key``."""
    refresh_token: str
    """Obtains a new access token (``""`` if the endpoint issued none)."""
    expires_in: int | None
    """Lifetime of the access token in seconds, as the endpoint said (``None``: not said)."""
    expires_at: float | None
    """``time.time()`` at which the access token expires (``None``: unknown)."""
    uid: str
    """The user's id (``x_mailru_vid``), needed by the client-server circuit (``""``: not said)."""


def tokens_from_fields(fields: Mapping[str, object]) -> OAuthTokens:
    """Read the tokens from the fields of a token response or an implicit-grant redirect.

    Raises:
        ValueError: naming the field that is missing or malformed (never its value).
    """
    access_token = fields.get("access_token")
    if not isinstance(access_token, str) or not access_token:
        raise ValueError("no access_token")
    refresh_token = fields.get("refresh_token", "")
    if not isinstance(refresh_token, str):
        raise ValueError("refresh_token is not a string")
    expires_in = _seconds(fields.get("expires_in"))
    uid = fields.get("x_mailru_vid", "")
    if isinstance(uid, int) and not isinstance(uid, bool):
        uid = str(uid)
    if not isinstance(uid, str) or (uid and not uid.isdigit()):
        raise ValueError("x_mailru_vid is not a numeric user id")
    return {
        "access_token": access_token,
        "refresh_token": refresh_token,
        "expires_in": expires_in,
        "expires_at": None if expires_in is None else time.time() + expires_in,
        "uid": uid,
    }


def _seconds(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None
