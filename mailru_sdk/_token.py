"""The OAuth token request: one POST form to a token endpoint, its answer turned into tokens.

Used by the OAuth sessions in :mod:`mailru_sdk.oauth` for every grant
(authorization code, password, refresh token). The request goes through the
session itself, so its mounted adapters, proxies, TLS settings and finite
timeout apply. Credentials travel in the form body only, never in the URL,
and never reach a log record or an exception text.

A token request is not a read: it is retried only when it provably never left
(the connection could not be opened), never after, because the code or the
refresh token it carries may already have been spent.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from typing import TypedDict

import requests

from mailru_sdk.errors import (
    APIError,
    OAuthError,
    RequestTimeoutError,
    TokenResponseError,
    TransportError,
)
from mailru_sdk.transport import (
    SECRET_PARAMS,
    RetryPolicy,
    Timeout,
    body_excerpt,
    logger,
    redact_text,
    request_never_sent,
    scrub_exception_chain,
)

__all__ = ["OAuthTokens", "request_tokens", "tokens_from_fields"]

#: The ``method`` that network errors of a token request carry.
TOKEN_REQUEST = "oauth/token"

_EXCERPT = 120
_MAX_FIELDS = 12


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


def request_tokens(
    session: requests.Session,
    url: str,
    form: Mapping[str, str],
    *,
    timeout: Timeout,
    policy: RetryPolicy,
    secrets: Iterable[str],
) -> OAuthTokens:
    """POST ``form`` to the token endpoint ``url`` through ``session``; return the tokens.

    Args:
        session: sends the request (adapters, proxies and ``verify`` apply).
        url: the token endpoint.
        form: the grant's fields (``grant_type``, ``client_id``, ``client_secret``...).
        timeout: the request's finite timeout.
        policy: its ``max_retries``, backoff and sleep apply to connect failures only.
        secrets: every value to keep out of exception texts and logs.

    Raises:
        OAuthError: a subclass per ``error`` string when the endpoint refuses the
            grant; :class:`~mailru_sdk.errors.TokenResponseError` when it answers
            without tokens (no ``access_token``, not JSON, an unexpected status).
        TransportError, RequestTimeoutError: when the request failed on the network.
    """
    secret_list = [s for s in (*secrets, *_secret_fields(form)) if s]
    grant = form.get("grant_type", "?")
    retry = 0
    while True:
        started = time.perf_counter()
        try:
            response = session.request(
                "POST",
                url,
                data=dict(form),
                headers={"Accept": "application/json"},
                timeout=timeout,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            never_sent = request_never_sent(exc)
            scrub_exception_chain(exc, secret_list)
            logger.debug(
                "token request grant_type=%s attempt=%d failed (%s) elapsed_ms=%.1f",
                grant,
                retry + 1,
                type(exc).__name__,
                (time.perf_counter() - started) * 1000,
            )
            delay = policy.delay(retry + 1, None) if never_sent else None
            if delay is None or retry >= policy.max_retries:
                raise _network_error(exc, grant, never_sent, secret_list) from exc
            retry += 1
            logger.info(
                "retrying the token request (%s grant) in %.2fs after %s: it never left "
                "(retry %d of %d)",
                grant,
                delay,
                type(exc).__name__,
                retry,
                policy.max_retries,
            )
            policy.sleep(delay)
            continue
        logger.debug(
            "token request grant_type=%s attempt=%d status=%d elapsed_ms=%.1f",
            grant,
            retry + 1,
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return _tokens_from_response(response, secret_list)


def _secret_fields(form: Mapping[str, str]) -> list[str]:
    return [value for name, value in form.items() if name in SECRET_PARAMS]


def _network_error(
    exc: requests.RequestException, grant: str, never_sent: bool, secrets: list[str]
) -> TransportError:
    detail = redact_text(str(exc), secrets)
    if isinstance(exc, requests.Timeout):
        phase = "connecting" if never_sent else "waiting for the answer"
        return RequestTimeoutError(
            f"timed out {phase} requesting an OAuth token ({grant} grant): {detail}",
            method=TOKEN_REQUEST,
            sent=not never_sent,
        )
    return TransportError(
        f"network failure requesting an OAuth token ({grant} grant, "
        f"{type(exc).__name__}): {detail}",
        method=TOKEN_REQUEST,
        sent=not never_sent,
    )


def _tokens_from_response(response: requests.Response, secrets: list[str]) -> OAuthTokens:
    status = response.status_code
    if 300 <= status < 400:
        location = redact_text(response.headers.get("Location", "?"), secrets)
        raise TokenResponseError(
            f"HTTP {status}: a redirect to {location} (redirects are not followed; "
            "check token_url)",
            status=status,
        )
    body = response.content
    try:
        data: object = json.loads(body) if body else None
    except ValueError:  # JSONDecodeError and UnicodeDecodeError
        raise TokenResponseError(_describe_non_json(response, secrets), status=status) from None
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
                f"{redact_text(api_error.msg[:_EXCERPT], secrets)})",
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


def _describe_non_json(response: requests.Response, secrets: list[str]) -> str:
    content_type = response.headers.get("Content-Type", "no content type")
    text = f"HTTP {response.status_code}: not JSON ({content_type}, {len(response.content)} bytes)"
    if content_type.startswith("text/html"):
        # an error page is worth showing; other formats (urlencoded, XML) might hold tokens
        text += f": {body_excerpt(response.content, secrets, _EXCERPT)!r}"
    return text
