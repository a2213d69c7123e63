"""The fake platform's OAuth token endpoint: the password, code and refresh grants."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from mailru_sdk.oauth import CODE_TOKEN_URL, TOKEN_URL
from mailru_sdk.testing.world import World

__all__ = ["DEFAULT_TOKEN_URLS", "answer_token", "issue_tokens"]

#: The OAuth token endpoints the SDK uses by default (password/refresh, and the code grant).
DEFAULT_TOKEN_URLS = (TOKEN_URL, CODE_TOKEN_URL)


def issue_tokens(world: World, uid: str) -> dict[str, Any]:
    """Create a fresh access and refresh token for ``uid``; returns the token response."""
    access, refresh = secrets.token_hex(16), secrets.token_hex(16)
    with world._lock:
        world.tokens[access] = uid
        world.refresh_tokens[refresh] = uid
    return {
        "access_token": access,
        "refresh_token": refresh,
        "expires_in": world.expires_in,
        "token_type": "bearer",
        "x_mailru_vid": uid,
    }


def answer_token(world: World, form: Mapping[str, str]) -> tuple[int, Any]:
    """Record and answer one token request (a POST form); returns the HTTP status and JSON body.

    Grants: ``password`` (``username``, ``password``), ``authorization_code``
    (``code``, ``redirect_uri``; a code works once) and ``refresh_token``
    (a refresh token works once). The client is the app id and either key.
    """
    with world._lock:
        world.token_requests.append(dict(form))
        app = world.apps.get(form.get("client_id", ""))
    secret = form.get("client_secret", "")
    # clients disagree on the password grant's client_secret: accept either key
    if app is None or not secret or secret not in (app.secret_key, app.private_key):
        return 400, _oauth_error("invalid_client", "invalid client id or secret")
    grant = form.get("grant_type")
    uid: str | None
    if grant == "password":
        with world._lock:
            account = world.accounts.get(form.get("username", ""))
        uid = account[1] if account is not None and account[0] == form.get("password") else None
        if uid is None:
            return 400, _oauth_error("invalid_grant", "invalid login or password")
    elif grant == "authorization_code":
        code = form.get("code", "")
        with world._lock:
            entry = world.codes.get(code)
            if entry is None or entry[1] != form.get("redirect_uri"):
                return 400, _oauth_error("invalid_grant", "invalid code or redirect_uri")
            del world.codes[code]  # a code works once
        uid = entry[0]
    elif grant == "refresh_token":
        with world._lock:
            uid = world.refresh_tokens.pop(form.get("refresh_token", ""), None)
        if uid is None:
            return 400, _oauth_error("invalid_grant", "invalid refresh token")
    else:
        return 400, _oauth_error("unsupported_grant_type", f"grant {grant!r}")
    return 200, issue_tokens(world, uid)


def _oauth_error(error: str, description: str) -> dict[str, str]:
    return {"error": error, "error_description": description}
