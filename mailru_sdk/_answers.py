"""Every answer the SDK reads, mapped to a result or an exception: one mapper for all endpoints.

An answer from the REST API, the public data or the OAuth token endpoint goes
through the same steps (``read_answer()``):

1. a redirect is an [`HTTPStatusError`][mailru_sdk.errors.HTTPStatusError] (redirects are
   not followed; its ``Location`` is redacted);
2. the body is decoded as JSON, as ``Response.json()`` would; a body that is
   not JSON is an ``HTTPStatusError`` under an error status, else a
   [`ResponseDecodeError`][mailru_sdk.errors.ResponseDecodeError] (an API answer) or a
   [`TokenResponseError`][mailru_sdk.errors.TokenResponseError] (a token answer);
3. an error body is the endpoint's own error: the platform's
   ``{"error": {"error_code": …}}`` an [`APIError`][mailru_sdk.errors.APIError]
   subclass (its message redacted), the OAuth ``{"error": "…"}`` an
   [`OAuthError`][mailru_sdk.errors.OAuthError] subclass;
4. any other error status is an ``HTTPStatusError`` (retryable for 429 and
   5xx), whichever endpoint sent it;
5. what is left is the result: the JSON value, or the tokens.

Excerpts of bodies in messages are redacted before they are cut.
"""

from __future__ import annotations

import codecs
import functools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from mailru_sdk._redact import body_excerpt, redact_text
from mailru_sdk._retry import parse_retry_after
from mailru_sdk.auth.tokens import tokens_from_fields
from mailru_sdk.errors import (
    APIError,
    EmptyResponseError,
    HTTPStatusError,
    MailRuError,
    OAuthError,
    ResponseDecodeError,
    TokenResponseError,
)

__all__ = ["AnswerKind", "Outcome", "decode_json", "read_answer"]

AnswerKind = Literal["api", "tokens"]
"""``"api"``: the REST API or the public data; ``"tokens"``: the OAuth token endpoint."""

_EXCERPT = 200
_TOKEN_EXCERPT = 120
_MAX_FIELDS = 12
# a token answer's field name as OAuth endpoints spell them (access_token, x_mailru_vid...)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,39}")
_RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})


class Outcome:
    """What one try produced: a result, or an error and whether to retry it."""

    __slots__ = ("cause", "error", "result", "retry_after", "retryable", "sent", "status")

    def __init__(
        self,
        *,
        status: int | None = None,
        result: Any = None,
        error: MailRuError | None = None,
        cause: BaseException | None = None,
        retryable: bool = False,
        retry_after: float | None = None,
        sent: bool = True,
    ) -> None:
        self.status = status
        self.result = result
        self.error = error
        self.cause = cause
        self.retryable = retryable
        self.retry_after = retry_after
        self.sent = sent


def read_answer(
    kind: AnswerKind,
    name: str,
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    secrets: Callable[[], Sequence[str]],
) -> Outcome:
    """The outcome of an answer that arrived (see the module docstring for the steps).

    ``secrets`` gives the values to redact; it is called only for a failure.
    """
    if 300 <= status < 400:
        return _status_failure(name, status, headers, body, secrets())
    try:
        data = decode_json(body, headers) if body else None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, too deep
        if status >= 300:
            return _status_failure(name, status, headers, body, secrets())
        error = _not_json(kind, name, status, headers, body, secrets(), exc)
        # the decoder's exception is the cause of an API answer's error; a token answer's
        # is not kept (its text could quote the new tokens)
        return Outcome(status=status, error=error, cause=exc if kind == "api" else None)
    if kind == "api":
        refused = _api_error(name, status, headers, data, secrets)
    else:
        refused = _oauth_error(status, data, secrets)
    if refused is not None:
        return refused
    if status >= 300:
        return _status_failure(name, status, headers, body, secrets())
    if kind == "api":
        if data is None:
            return Outcome(
                status=status,
                error=EmptyResponseError(
                    f"the answer to {name} is empty (HTTP {status})",
                    status=status,
                    body_excerpt="",
                    method=name,
                ),
            )
        return Outcome(status=status, result=data)
    return _tokens(status, data, secrets)


def _api_error(
    name: str,
    status: int,
    headers: Mapping[str, str],
    data: object,
    secrets: Callable[[], Sequence[str]],
) -> Outcome | None:
    # a platform error body, whatever the HTTP status; its message redacted (a server
    # that echoes the request must not put the token or the signature in an exception)
    api_error = APIError.from_body(data, name)
    if api_error is None:
        return None
    message = redact_text(api_error.msg, secrets())
    if message != api_error.msg:
        api_error = APIError.from_code(api_error.code, message, name)
        data = _with_error_msg(data, message)
    return Outcome(
        status=status,
        result=data,
        error=api_error,
        retryable=api_error.retryable,
        retry_after=parse_retry_after(headers.get("Retry-After")),
    )


def _oauth_error(status: int, data: object, secrets: Callable[[], Sequence[str]]) -> Outcome | None:
    if not isinstance(data, dict):
        return None
    error = data.get("error")
    if not isinstance(error, str) or not error:
        return None
    known = secrets()
    description = data.get("error_description")
    return Outcome(
        status=status,
        error=OAuthError.from_response(
            redact_text(error, known),
            redact_text(description if isinstance(description, str) else "", known),
        ),
    )


def _tokens(status: int, data: object, secrets: Callable[[], Sequence[str]]) -> Outcome:
    """A 2xx token answer without an OAuth error: the tokens, or why there are none."""
    if isinstance(data, dict):
        api_error = APIError.from_body(data, "oauth/token")
        if api_error is not None:
            message = redact_text(api_error.msg, secrets())[:_TOKEN_EXCERPT]
            problem = (
                f"a platform error body instead of tokens (error_code {api_error.code}: {message})"
            )
        else:
            try:
                return Outcome(status=status, result=tokens_from_fields(data))
            except ValueError as exc:
                # the field names only, redacted (in every encoding) before they are cut;
                # a name that is not an identifier (an echoed form, a token as a key) is
                # not shown at all: it may hold a secret no registry knows
                known = secrets()
                names = sorted(_field_name(redact_text(str(name), known)) for name in data)
                shown = ", ".join(names[:_MAX_FIELDS]) or "none"
                problem = f"a token response with {exc} (fields: {shown})"
    elif data is None:
        problem = "an empty body"
    else:
        problem = f"a JSON {type(data).__name__} instead of an object"
    return Outcome(
        status=status, error=TokenResponseError(f"HTTP {status}: {problem}", status=status)
    )


def _field_name(name: str) -> str:
    if _IDENTIFIER.fullmatch(name):
        return name
    return f"<a name of {len(name)} characters, not shown>"


def _not_json(
    kind: AnswerKind,
    name: str,
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    secrets: Sequence[str],
    exc: ValueError,
) -> MailRuError:
    content_type = headers.get("Content-Type") or "no content type"
    if kind == "tokens":
        text = f"HTTP {status}: not JSON ({content_type}, {len(body)} bytes)"
        if content_type.startswith("text/html"):
            # an error page is worth showing; other formats (urlencoded, XML) might hold
            # the new tokens, which no registry knows yet
            text += f": {body_excerpt(body, secrets, _TOKEN_EXCERPT)!r}"
        return TokenResponseError(text, status=status)
    return ResponseDecodeError(
        f"the answer to {name} is not JSON (HTTP {status}, {content_type}): {exc}",
        status=status,
        body_excerpt=body_excerpt(body, secrets, _EXCERPT),
        method=name,
    )


def _status_failure(
    name: str, status: int, headers: Mapping[str, str], body: bytes, secrets: Sequence[str]
) -> Outcome:
    if 300 <= status < 400:
        location = redact_text(headers.get("Location") or "?", secrets)
        excerpt = f"redirect to {location} (redirects are not followed; check the URL)"
    else:
        excerpt = body_excerpt(body, secrets, _EXCERPT)
    return Outcome(
        status=status,
        error=HTTPStatusError(status, excerpt, method=name),
        retryable=status in _RETRYABLE_STATUS,
        retry_after=parse_retry_after(headers.get("Retry-After")),
    )


def _with_error_msg(data: object, message: str) -> object:
    # the error body a pass_error caller gets back, with the redacted message
    assert isinstance(data, dict)
    error = dict(data["error"])
    error["error_msg"] = message
    return {**data, "error": error}


def decode_json(body: bytes, headers: Mapping[str, str]) -> object:
    """The JSON value of ``body``, as requests' ``Response.json()`` would decode it.

    A charset the ``Content-Type`` declares is used (``windows-1251``...);
    otherwise UTF-8, -16 or -32 is detected from the bytes, as JSON allows.

    Raises:
        ValueError: not JSON, not in its charset, or nested too deep to decode.
    """
    charset = _declared_charset(headers.get("Content-Type"))
    try:
        return json.loads(body.decode(charset) if charset is not None else body)
    except RecursionError:
        problem = "JSON nested too deep to decode"
    except ValueError as exc:
        # JSONDecodeError keeps the whole body (.doc): raised again outside this block, as
        # a plain ValueError, so that no exception chain carries the body (and its secrets)
        problem = str(exc)
    raise ValueError(problem)


@functools.lru_cache(maxsize=64)  # a server sends the same Content-Type every time
def _declared_charset(content_type: str | None) -> str | None:
    if not content_type or "charset" not in content_type.lower():
        return None
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
            try:
                codecs.lookup(charset)
            except LookupError:
                return None  # unknown to Python: detect from the bytes instead
            return charset
    return None
