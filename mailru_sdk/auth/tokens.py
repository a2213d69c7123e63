"""A user's tokens: as a session holds them (``TokenHolder``), stores and hands them out.

The token is the one piece of a session's state that changes while calls are
in flight (a refresh replaces it): it lives in one object, swapped whole
under one lock, so that a call signs with an access token and a uid of the
same moment and never sees half a refresh.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from typing import Any, NamedTuple, TypedDict

from mailru_sdk._fork import forget_at_fork
from mailru_sdk._redact import Secrets
from mailru_sdk._validate import check_secret, check_uid

__all__ = ["Held", "OAuthTokens", "TokenHolder", "checked_tokens", "tokens_from_fields"]


class OAuthTokens(TypedDict):
    """The tokens an OAuth session holds, as handed to ``token_updater``.

    Plain JSON types only, so an app can store it as is (a web session, a
    database row) and give it back to [`load_tokens()`][mailru_sdk.oauth.OAuthSession.load_tokens].
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


class Held(NamedTuple):
    """The tokens a session holds at one moment, and their version in a token store."""

    access_token: str
    refresh_token: str
    expires_in: int | None
    expires_at: float | None
    uid: str
    #: the store's version of these tokens (``None``: not from a store, or unknown)
    version: int | None = None

    def __repr__(self) -> str:
        return f"Held(uid={self.uid!r}, expires_at={self.expires_at!r}, version={self.version!r})"

    def tokens(self) -> OAuthTokens:
        """These tokens as [`OAuthTokens`][mailru_sdk.auth.tokens.OAuthTokens] (plain data, ready
        to store)."""
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_in": self.expires_in,
            "expires_at": self.expires_at,
            "uid": self.uid,
        }


class TokenHolder:
    """A session's current tokens: read without a lock, replaced whole under one.

    Every token it is given is registered with the session's ``Secrets``
    before anyone can read it.
    """

    __slots__ = ("__weakref__", "_held", "_lock", "_secrets")

    def __init__(self, secrets: Secrets, access_token: str = "", uid: str = "") -> None:
        self._secrets = secrets
        self._lock = threading.Lock()
        secrets.add_token(access_token)
        self._held = Held(access_token, "", None, None, uid)
        forget_at_fork(self)

    def _after_fork(self) -> None:
        self._lock = threading.Lock()  # the tokens stay: the child may go on with them

    @property
    def held(self) -> Held:
        """The tokens now (one consistent snapshot)."""
        return self._held

    def adopt(self, tokens: OAuthTokens, *, version: int | None = None, merge: bool = True) -> Held:
        """Hold ``tokens`` from now on; returns what is held afterwards.

        ``merge``: a token answer without a refresh token or uid keeps the ones
        held (``False``: hold exactly ``tokens``, as ``load_tokens()`` does).
        """
        self._secrets.add_token(tokens["access_token"], tokens["refresh_token"])
        with self._lock:
            old = self._held
            self._held = held = Held(
                tokens["access_token"],
                tokens["refresh_token"] or (old.refresh_token if merge else ""),
                tokens["expires_in"],
                tokens["expires_at"],
                tokens["uid"] or (old.uid if merge else ""),
                version,
            )
        return held

    def replace(self, **fields: Any) -> Held:
        """Change single fields (``access_token=``, ``uid=``, ``version=``...), the rest kept."""
        self._secrets.add_token(fields.get("access_token") or "", fields.get("refresh_token") or "")
        with self._lock:
            self._held = held = self._held._replace(**fields)
        return held


def checked_tokens(tokens: Mapping[str, Any]) -> OAuthTokens:
    """``tokens`` (e.g. kept in a web session) checked field by field, as
    [`OAuthTokens`][mailru_sdk.auth.tokens.OAuthTokens].

    Raises:
        ValueError / TypeError: a missing access token or a malformed field, named
            (never shown).
    """
    access_token = tokens.get("access_token")
    if not isinstance(access_token, str) or not access_token:
        raise ValueError("tokens must hold a non-empty access_token")
    expires_in = tokens.get("expires_in")
    expires_at = tokens.get("expires_at")
    if expires_in is not None and (isinstance(expires_in, bool) or not isinstance(expires_in, int)):
        raise TypeError("expires_in must be an int or None")
    if expires_at is not None and (
        isinstance(expires_at, bool) or not isinstance(expires_at, int | float)
    ):
        raise TypeError("expires_at must be a number or None")
    return {
        "access_token": access_token,
        "refresh_token": check_secret("refresh_token", tokens.get("refresh_token")),
        "expires_in": expires_in,
        "expires_at": None if expires_at is None else float(expires_at),
        "uid": check_uid(tokens.get("uid")),
    }
