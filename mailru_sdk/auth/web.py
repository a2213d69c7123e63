"""The web login flow: the login URL, the callback's check, the implicit grant's redirect.

Also the platform's OAuth endpoints and privilege names, which the sessions
in [`mailru_sdk.oauth`][mailru_sdk.oauth] use as defaults.
"""

from __future__ import annotations

import hmac
import secrets
import urllib.parse
from collections.abc import Iterable, Mapping
from typing import Literal

from mailru_sdk._validate import check_app_id, check_http_url, required_text
from mailru_sdk.auth.tokens import OAuthTokens, tokens_from_fields
from mailru_sdk.errors import MismatchingStateError, OAuthError

__all__ = [
    "AUTHORIZE_URL",
    "CODE_TOKEN_URL",
    "PRIVILEGES",
    "STANDALONE_REDIRECT_URI",
    "TOKEN_URL",
    "authorization_url",
    "parse_authorization_response",
    "parse_implicit_redirect",
    "scope_string",
]

#: Where the user logs in and grants the app access.
AUTHORIZE_URL = "https://connect.mail.ru/oauth/authorize"
#: Token endpoint of the authorization-code grant.
CODE_TOKEN_URL = "https://connect.mail.ru/oauth/token"
#: Token endpoint of the password and refresh-token grants.
TOKEN_URL = "https://appsmail.ru/oauth/token"
#: The redirect URI of standalone apps (implicit grant): tokens arrive in its fragment.
STANDALONE_REDIRECT_URI = "http://connect.mail.ru/oauth/success.html"
#: Every privilege the platform is known to have; an empty password-grant scope asks for all.
PRIVILEGES: tuple[str, ...] = (
    "photos",
    "guestbook",
    "stream",
    "messages",
    "events",
    "widget",
    "notifications",
)


def scope_string(scope: str | Iterable[str]) -> str:
    """Privilege names as the platform wants them: space-separated, no duplicates.

    Accepts a space- or comma-separated string or an iterable of names.
    """
    names = scope.replace(",", " ").split() if isinstance(scope, str) else list(scope)
    for name in names:
        if not isinstance(name, str) or not name or any(c.isspace() or c == "," for c in name):
            raise ValueError(f"scope must be privilege names like 'photos', got {name!r}")
    return " ".join(dict.fromkeys(names))


def authorization_url(
    app_id: int,
    redirect_uri: str,
    scope: str | Iterable[str] = (),
    state: str | None = None,
    display: str | None = None,
    *,
    response_type: Literal["code", "token"] = "code",
    authorize_url: str = AUTHORIZE_URL,
) -> tuple[str, str]:
    """The login URL to redirect the user to, and the ``state`` it carries.

    Store the state (e.g. in the web session) and check it in the callback
    with [`parse_authorization_response()`][mailru_sdk.auth.web.parse_authorization_response], as
    requests-oauthlib does.

    Args:
        app_id: the application's id (``client_id``).
        redirect_uri: your callback; the code exchange must repeat it exactly.
        scope: privileges to ask for (names, see ``PRIVILEGES``); empty asks
            for none beyond the basic profile (unlike the password grant,
            where empty means all).
        state: the anti-forgery value; ``None`` makes a fresh unguessable one.
        display: the login page variant, e.g. ``"popup"`` or ``"mobile"``.
        response_type: ``"code"`` for web apps; ``"token"`` for the implicit
            grant of standalone apps (see
            [`parse_implicit_redirect()`][mailru_sdk.auth.web.parse_implicit_redirect]).
        authorize_url: the authorization endpoint.

    Returns:
        ``(url, state)``.
    """
    app_id = check_app_id(app_id)
    if response_type not in ("code", "token"):
        raise ValueError(f"response_type must be 'code' or 'token', got {response_type!r}")
    if state is None:
        state = secrets.token_urlsafe(32)
    elif not isinstance(state, str) or not state:
        raise ValueError("state must be a non-empty str (or None for a fresh one)")
    query = {
        "client_id": str(app_id),
        "response_type": response_type,
        "redirect_uri": required_text("redirect_uri", redirect_uri),
    }
    names = scope_string(scope)
    if names:
        query["scope"] = names
    query["state"] = state
    if display is not None:
        query["display"] = required_text("display", display)
    url = check_http_url("authorize_url", authorize_url)
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    return url + separator + urllib.parse.urlencode(query, quote_via=urllib.parse.quote), state


def parse_authorization_response(callback: str | Mapping[str, str], state: str) -> str:
    """Check the login callback and return its authorization code.

    Args:
        callback: the callback's full URL, or its query parameters (Flask's
            ``request.args``, Django's ``request.GET``).
        state: the value [`authorization_url()`][mailru_sdk.auth.web.authorization_url] returned
            for this login.

    Raises:
        OAuthError: the callback carries ``error`` (e.g. ``access_denied`` when
            the user declined), or no code.
        MismatchingStateError: its ``state`` is missing or not ``state``.
    """
    params = _query(callback) if isinstance(callback, str) else callback
    _raise_oauth_error(params)
    returned = params.get("state")
    if not isinstance(returned, str) or not _same(returned, state):
        raise MismatchingStateError(
            "mismatching_state",
            "the state returned to the callback is not the one this login started with",
        )
    code = params.get("code")
    if not isinstance(code, str) or not code:
        raise OAuthError("invalid_request", "the callback carries no code")
    return code


def parse_implicit_redirect(url: str, state: str | None = None) -> OAuthTokens:
    """Read the tokens from a standalone app's redirect (implicit grant).

    The app opens [`authorization_url()`][mailru_sdk.auth.web.authorization_url] with
    ``response_type="token"`` and ``STANDALONE_REDIRECT_URI`` in a browser view and intercepts the
    redirect to ``…/oauth/success.html#access_token=…&x_mailru_vid=…``. Pass
    that URL here; then ``ClientSession(app_id, private_key,
    tokens["access_token"], tokens["uid"])`` calls the API.

    Args:
        url: the redirect URL, fragment included.
        state: when given, the redirect's ``state`` must equal it.

    Raises:
        OAuthError: the redirect carries ``error``, or no usable tokens.
        MismatchingStateError: ``state`` was given and does not match.
    """
    parts = urllib.parse.urlsplit(url)
    fragment = dict(urllib.parse.parse_qsl(parts.fragment, keep_blank_values=True))
    _raise_oauth_error(fragment)
    _raise_oauth_error(_query(url))
    returned = fragment.get("state")
    if state is not None and (returned is None or not _same(returned, state)):
        raise MismatchingStateError(
            "mismatching_state", "the state in the redirect is not the one the login started with"
        )
    try:
        tokens = tokens_from_fields(fragment)
    except ValueError as exc:
        raise OAuthError("invalid_request", f"the redirect carries {exc}") from None
    if not tokens["uid"]:
        raise OAuthError("invalid_request", "the redirect carries no x_mailru_vid (user id)")
    return tokens


def _query(url: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query, keep_blank_values=True))


def _raise_oauth_error(params: Mapping[str, str]) -> None:
    error = params.get("error")
    if isinstance(error, str) and error:
        description = params.get("error_description")
        raise OAuthError.from_response(error, description if isinstance(description, str) else "")


def _same(returned: str, expected: str) -> bool:
    # an empty expected state means the login did not start here: never a match
    return bool(expected) and hmac.compare_digest(returned.encode(), expected.encode())
