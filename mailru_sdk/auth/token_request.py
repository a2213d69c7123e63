"""The OAuth token request: one POST form to a token endpoint, its answer turned into tokens.

Used by the OAuth sessions in :mod:`mailru_sdk.oauth` for every grant
(authorization code, password, refresh token). The request goes through the
session's pipeline (:mod:`mailru_sdk._pipeline`), as API calls do, so its
mounted adapters, proxies, TLS settings, finite timeout and deadline apply.
Credentials travel in the form body only, never in the URL, and never reach
a log record or an exception text.

A token request is not a read: it is retried only when it provably never left
(the connection could not be opened), never after, because the code or the
refresh token it carries may already have been spent.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from mailru_sdk._pipeline import Exchange, Outcome, decode_json
from mailru_sdk._redact import SECRET_PARAMS, body_excerpt, redact_text, url_passwords
from mailru_sdk.auth.tokens import OAuthTokens, tokens_from_fields
from mailru_sdk.errors import APIError, OAuthError, TokenResponseError

if TYPE_CHECKING:
    from mailru_sdk.sessions import PublicSession

__all__ = ["TOKEN_REQUEST", "TokenRequest", "request_tokens"]

#: The ``method`` that network errors of a token request carry.
TOKEN_REQUEST = "oauth/token"

_EXCERPT = 120
_MAX_FIELDS = 12


def request_tokens(
    session: PublicSession,
    url: str,
    form: Mapping[str, str],
    *,
    secrets: Iterable[str],
    deadline: float | None = None,
) -> OAuthTokens:
    """POST ``form`` to the token endpoint ``url`` through ``session``; return the tokens.

    The request goes through the session's pipeline like an API call: its
    adapters, proxies, ``verify``, timeout, deadline and rate limit apply. It
    is retried only when a try provably never left.

    Args:
        session: sends the request.
        url: the token endpoint.
        form: the grant's fields (``grant_type``, ``client_id``, ``client_secret``...).
        secrets: every value to keep out of exception texts and logs.
        deadline: seconds for the request in all, instead of the session's.

    Raises:
        OAuthError: a subclass per ``error`` string when the endpoint refuses the
            grant; :class:`~mailru_sdk.errors.TokenResponseError` when it answers
            without tokens (no ``access_token``, not JSON, an unexpected status).
        TransportError: the request failed on the network (its subclasses
            ``RequestTimeoutError`` and ``DeadlineExceededError`` for timeouts).
    """
    exchange = TokenRequest(session, url, form, secrets)
    tokens: OAuthTokens = session._run(exchange, None, None, deadline)
    return tokens


class TokenRequest(Exchange):
    """One token request: a POST form, its answer read into :class:`OAuthTokens`."""

    name = TOKEN_REQUEST
    idempotent = False  # a code or a refresh token may already be spent

    def __init__(
        self, session: PublicSession, url: str, form: Mapping[str, str], secrets: Iterable[str]
    ) -> None:
        self.session = session
        self.url = url
        self.body = urllib.parse.urlencode(form)
        self.grant = form.get("grant_type", "?")
        self.secret_list = [
            s
            for s in (
                *secrets,
                *_secret_fields(form),
                *session._url_secrets(),
                *url_passwords(url),  # user:password@ in token_url
            )
            if s
        ]

    def build(self) -> tuple[str, str, str, str, object, Mapping[str, str] | None]:
        # session.params go in the query, as requests sends them with any request
        query = urllib.parse.urlencode(self.session._session_params())
        return "POST", self.url, "", query, self.body, _HEADERS

    def interpret(self, status: int, headers: Any, body: bytes) -> Outcome:
        try:
            tokens = _tokens_from_answer(status, headers, body, self.secret_list)
        except OAuthError as exc:
            return Outcome(status=status, error=exc)
        return Outcome(status=status, result=tokens)

    def secrets(self) -> list[str]:
        return self.secret_list

    def log_details(self) -> object:
        return f"grant_type={self.grant}"


_HEADERS = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}


def _secret_fields(form: Mapping[str, str]) -> list[str]:
    return [value for name, value in form.items() if name in SECRET_PARAMS]


def _tokens_from_answer(
    status: int, headers: Mapping[str, str], body: bytes, secrets: list[str]
) -> OAuthTokens:
    if 300 <= status < 400:
        location = redact_text(headers.get("Location") or "?", secrets)
        raise TokenResponseError(
            f"HTTP {status}: a redirect to {location} (redirects are not followed; "
            "check token_url)",
            status=status,
        )
    try:
        data: object = decode_json(body, headers) if body else None
    except ValueError:  # JSONDecodeError, UnicodeDecodeError, too deep
        raise TokenResponseError(
            _describe_non_json(status, headers, body, secrets), status=status
        ) from None
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, str) and error:
            description = data.get("error_description")
            raise OAuthError.from_response(
                redact_text(error, secrets),
                redact_text(description if isinstance(description, str) else "", secrets),
            )
        api_error = APIError.from_body(data, TOKEN_REQUEST)
        if api_error is not None:
            raise TokenResponseError(
                f"HTTP {status}: a platform error body instead of tokens "
                f"(error_code {api_error.code}: "
                f"{redact_text(api_error.msg, secrets)[:_EXCERPT]})",
                status=status,
            )
        if 200 <= status < 300:
            try:
                return tokens_from_fields(data)
            except ValueError as exc:
                names = ", ".join(sorted(str(name)[:40] for name in data)[:_MAX_FIELDS])
                raise TokenResponseError(
                    f"HTTP {status}: a token response with {exc} (fields: {names or 'none'})",
                    status=status,
                ) from None
        raise TokenResponseError(f"HTTP {status} without an OAuth error body", status=status)
    if data is None:
        raise TokenResponseError(f"HTTP {status}: an empty body", status=status)
    raise TokenResponseError(
        f"HTTP {status}: a JSON {type(data).__name__} instead of an object", status=status
    )


def _describe_non_json(
    status: int, headers: Mapping[str, str], body: bytes, secrets: list[str]
) -> str:
    content_type = headers.get("Content-Type") or "no content type"
    text = f"HTTP {status}: not JSON ({content_type}, {len(body)} bytes)"
    if content_type.startswith("text/html"):
        # an error page is worth showing; other formats (urlencoded, XML) might hold tokens
        text += f": {body_excerpt(body, secrets, _EXCERPT)!r}"
    return text
