"""The OAuth token request: one POST form to a token endpoint, its answer turned into tokens.

Used for every grant (authorization code, password, refresh token): by
[`authorize()`][mailru_sdk.oauth.OAuthSession.authorize] and by the refresh
(``mailru_sdk.auth.refresh``). The request goes through the
session's pipeline (``mailru_sdk._pipeline``), as API calls do, so its
mounted adapters, proxies, TLS settings, finite timeout and deadline apply.
Credentials travel in the form body only, never in the URL, and never reach
a log record or an exception text.

A token request is not a read: it is retried only when it provably never left
(the connection could not be opened), never after, because the code or the
refresh token it carries may already have been spent. Its answer is read by
the one answer mapper (``mailru_sdk._answers``), as ``"tokens"``.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from typing import Any, NamedTuple

import requests

from mailru_sdk._answers import Outcome, read_answer
from mailru_sdk._http import SendSettings
from mailru_sdk._pipeline import Exchange, Request, run, session_params
from mailru_sdk._redact import Secrets
from mailru_sdk.auth.tokens import OAuthTokens
from mailru_sdk.options import CallSettings

__all__ = ["TOKEN_REQUEST", "TokenEndpoint", "TokenRequest"]

#: The ``method`` that errors of a token request carry.
TOKEN_REQUEST = "oauth/token"

_HEADERS = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}


class TokenRequest(Exchange):
    """One token request: a POST form, its answer read into
    [`OAuthTokens`][mailru_sdk.auth.tokens.OAuthTokens]."""

    name = TOKEN_REQUEST
    idempotent = False  # a code or a refresh token may already be spent

    def __init__(self, url: str, form: Mapping[str, str], query: str, secrets: Secrets) -> None:
        self.request = Request("POST", url, "", query, urllib.parse.urlencode(form), _HEADERS)
        self.grant = form.get("grant_type", "?")
        self.secret_list = secrets.with_params(form)

    def build(self) -> Request:
        return self.request

    def interpret(self, status: int, headers: Any, body: bytes) -> Outcome:
        return read_answer("tokens", self.name, status, headers, body, self.secrets)

    def secrets(self) -> list[str]:
        return self.secret_list

    def log_details(self) -> object:
        return f"grant_type={self.grant}"

    def endpoint(self) -> str:
        return self.request.base_url


class TokenEndpoint(NamedTuple):
    """How a session sends token requests: through its own pipeline, with its own settings."""

    session: requests.Session
    """Sends them (its adapters, proxies, ``verify``...)."""
    cache: dict[str, SendSettings]
    """The session's cached send settings."""
    secrets: Secrets
    """The session's secrets registry (the form's secrets are added per request)."""

    def request(self, url: str, form: Mapping[str, str], call: CallSettings) -> OAuthTokens:
        """POST ``form`` to the token endpoint ``url``; the tokens.

        ``session.params`` go in the query, as requests sends them with any
        request; the form's secret fields (``client_secret``, ``password``,
        ``code``, ``refresh_token``) are redacted from every error.

        Raises:
            OAuthError: a subclass per ``error`` string when the endpoint refuses
                the grant; [`TokenResponseError`][mailru_sdk.errors.TokenResponseError] when a
                2xx answer holds no tokens.
            HTTPStatusError: another HTTP status without an OAuth error body.
            TransportError: the request failed on the network (its subclasses
                ``RequestTimeoutError`` and ``DeadlineExceededError`` for timeouts).
        """
        self.secrets.add_url(url)  # user:password@ in a token_url (set any time)
        query = urllib.parse.urlencode(session_params(self.session))
        exchange = TokenRequest(url, form, query, self.secrets)
        tokens: OAuthTokens = run(self.session, self.cache, exchange, call)
        return tokens
