"""Keeping secrets out of what the SDK shows: messages, excerpts, log records, exception chains.

Every value to hide is given by the caller (the session's secrets registry,
plus a try's own signature); this module only knows how a secret can be
written (raw, %-encoded) and where requests and urllib3 keep copies of a URL
or a body (exception arguments, ``.request``, ``.response``, ``.url``).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import threading
import urllib.parse
from collections.abc import Iterable, Mapping

import requests
from requests.structures import CaseInsensitiveDict

__all__ = [
    "REDACTED",
    "SECRET_PARAMS",
    "TOKENS_KEPT",
    "QueryRedactingFilter",
    "Secrets",
    "body_excerpt",
    "redact_params",
    "redact_text",
    "redact_third_party_logs",
    "scrub_exception_chain",
    "url_passwords",
]

#: Parameter names whose values are never logged or shown.
SECRET_PARAMS = frozenset(
    {
        "sig",
        "session_key",
        "access_token",
        "refresh_token",
        "password",
        "private_key",
        "secret_key",
        "client_secret",
        "code",
    }
)

REDACTED = "***"

_SECRET_IN_QUERY = re.compile(r"\b(" + "|".join(sorted(SECRET_PARAMS)) + r")=[^&\s\"']*")


class QueryRedactingFilter(logging.Filter):
    """Masks secret query parameters (``session_key=***``, ``sig=***``) in a logger's records.

    ``urllib3`` logs every request line, query string included, at DEBUG. On the
    ``requests`` path (a mounted adapter, a proxy...) that line would carry the
    access token and the signature into any application that logs DEBUG.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the record's message and arguments; never drops a record."""
        if isinstance(record.msg, str):
            record.msg = _SECRET_IN_QUERY.sub(rf"\1={REDACTED}", record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                _SECRET_IN_QUERY.sub(rf"\1={REDACTED}", arg) if isinstance(arg, str) else arg
                for arg in record.args
            )
        return True


# urllib3 modules whose log records carry request URLs (request lines, retries, redirects)
_THIRD_PARTY_LOGGERS = (
    "urllib3.connectionpool",
    "urllib3.util.retry",
    "urllib3.poolmanager",
    "urllib3.connection",
    "urllib3.response",
)


def redact_third_party_logs() -> None:
    """Attach :class:`QueryRedactingFilter` to urllib3's loggers that log URLs (once)."""
    for name in _THIRD_PARTY_LOGGERS:
        target = logging.getLogger(name)
        if not any(isinstance(f, QueryRedactingFilter) for f in target.filters):
            target.addFilter(QueryRedactingFilter())


def redact_params(params: Mapping[str, str]) -> dict[str, str]:
    """A copy of ``params`` fit for a log line: secret values replaced by ``***``."""
    return {name: REDACTED if name in SECRET_PARAMS else value for name, value in params.items()}


@functools.lru_cache(maxsize=32)  # the session's few URLs, looked up for every failure
def url_passwords(url: str) -> tuple[str, ...]:
    """The password of ``user:password@`` in ``url``, as written and %-decoded; ``()`` if none."""
    password = urllib.parse.urlsplit(url).password
    return (password, urllib.parse.unquote(password)) if password else ()


def redact_text(text: str, secrets: Iterable[str]) -> str:
    """``text`` with each secret (raw and URL-encoded) replaced by ``***``."""
    for secret in secrets:
        if not secret:
            continue
        for form in {secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret)}:
            text = text.replace(form, REDACTED)
    return text


def body_excerpt(body: bytes, secrets: Iterable[str], limit: int = 200) -> str:
    """The start of a body (at most ``limit`` characters) for an error message, redacted."""
    # redacted before it is cut: a secret across the cut would keep its first half
    secret_list = [s for s in secrets if s]
    margin = 3 * max((len(s) for s in secret_list), default=0)  # a secret, %-encoded
    text = body[: limit * 4 + margin].decode("utf-8", errors="replace")
    return redact_text(text, secret_list)[:limit]


def scrub_exception_chain(exc: BaseException, secrets: Iterable[str]) -> None:
    """Redact ``secrets`` from the text of ``exc`` and every exception chained to it.

    ``requests`` and ``urllib3`` put the full URL, query string included, in
    their messages; the session's access token and the signature would then
    reach any log that prints the traceback.
    """
    secret_list = [s for s in secrets if s]
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.args = tuple(_scrub_arg(arg, secret_list, seen) for arg in current.args)
        _scrub_attributes(current, secret_list)
        if isinstance(current, OSError):
            # requests' exceptions are OSErrors: with two args, their text comes from
            # errno/strerror (and filename), not from args
            for attr in ("errno", "strerror", "filename", "filename2"):
                value = getattr(current, attr)
                if isinstance(value, str):
                    setattr(current, attr, redact_text(value, secret_list))
                elif isinstance(value, BaseException):
                    setattr(current, attr, _scrub_arg(value, secret_list, seen))
        current = current.__cause__ or current.__context__


def _scrub_attributes(exc: BaseException, secrets: list[str]) -> None:
    # requests' exceptions keep the request (URL with the query, form body) and the
    # response as attributes, which a pickle or a debugger shows; urllib3's keep .url
    request = getattr(exc, "request", None)
    if request is not None and isinstance(getattr(request, "url", None), str):
        # a PreparedRequest, or a mock's wrapper of one (requests-mock's)
        exc.request = _redacted_request(request, secrets)  # type: ignore[attr-defined]
    response = getattr(exc, "response", None)
    if isinstance(response, requests.Response):
        if isinstance(response.url, str):
            response.url = redact_text(response.url, secrets)
        if isinstance(response.request, requests.PreparedRequest):
            response.request = _redacted_request(response.request, secrets)
    url = getattr(exc, "url", None)
    if isinstance(url, str):
        with contextlib.suppress(AttributeError):
            exc.url = redact_text(url, secrets)  # type: ignore[attr-defined]


def _redacted_request(request: object, secrets: list[str]) -> requests.PreparedRequest:
    """A ``PreparedRequest`` copy of ``request`` without the secrets in its URL and body."""
    copy = requests.PreparedRequest()
    copy.method = getattr(request, "method", None)
    copy.url = redact_text(getattr(request, "url", None) or "", secrets)
    headers = getattr(request, "headers", None)
    copy.headers = CaseInsensitiveDict(headers if isinstance(headers, Mapping) else {})
    for name in ("Authorization", "Proxy-Authorization", "Cookie"):
        copy.headers.pop(name, None)
    body = getattr(request, "body", None)
    if isinstance(body, bytes):
        copy.body = redact_text(body.decode("utf-8", errors="replace"), secrets).encode("utf-8")
    elif isinstance(body, str):
        copy.body = redact_text(body, secrets)
    else:  # a stream (an upload): its text parts are not kept
        copy.body = None
    return copy


def _scrub_arg(arg: object, secrets: list[str], seen: set[int]) -> object:
    if isinstance(arg, str):
        return redact_text(arg, secrets)
    if isinstance(getattr(arg, "url", None), str) and hasattr(arg, "method"):
        return _redacted_request(arg, secrets)  # a request given as an argument (requests-mock)
    if isinstance(arg, BaseException):
        # A nested exception (urllib3's MaxRetryError inside requests' ConnectionError):
        # replace it by its redacted text, and redact its own chain too.
        scrub_exception_chain(arg, secrets)
        seen.add(id(arg))
        return redact_text(str(arg), secrets)
    return arg


class Secrets:
    """The one registry of a session's secrets: every value the SDK must never show.

    Parts register what they hold when they get it: the app's keys and the
    passwords in its URLs (:meth:`add`, kept for the session's life), and each
    access and refresh token it receives (:meth:`add_token`: the latest
    :data:`TOKENS_KEPT` are kept, so an old token in a late error message is
    still hidden while the registry stays small over months of refreshes).
    Everything the SDK shows (exception texts and chains, excerpts, log
    records) is redacted from :meth:`values`, plus a try's own secret
    parameters (:meth:`with_params`: ``sig``, ``session_key``...).
    """

    __slots__ = ("_fixed", "_lock", "_tokens", "_values")

    def __init__(self, *values: str) -> None:
        self._lock = threading.Lock()
        self._fixed: tuple[str, ...] = ()
        self._tokens: tuple[str, ...] = ()
        self._values: tuple[str, ...] = ()
        self.add(*values)

    def add(self, *values: str) -> None:
        """Register ``values`` for the session's life (empty ones are ignored)."""
        new = [value for value in values if value and value not in self._fixed]
        if new:
            with self._lock:  # tuples swapped whole: readers never take the lock
                self._fixed = tuple(dict.fromkeys((*self._fixed, *new)))
                self._values = tuple(dict.fromkeys((*self._fixed, *self._tokens)))

    def add_token(self, *tokens: str) -> None:
        """Register tokens; the oldest beyond the latest :data:`TOKENS_KEPT` are dropped."""
        new = [token for token in tokens if token and token not in self._tokens]
        if new:
            with self._lock:
                self._tokens = tuple(dict.fromkeys((*self._tokens, *new)))[-TOKENS_KEPT:]
                self._values = tuple(dict.fromkeys((*self._fixed, *self._tokens)))

    def add_url(self, url: str) -> None:
        """Register the password of ``user:password@`` in ``url``, if any."""
        self.add(*url_passwords(url))

    def values(self) -> tuple[str, ...]:
        """Every registered secret."""
        return self._values

    def with_params(self, params: Mapping[str, str]) -> list[str]:
        """:meth:`values`, and the values of ``params`` named in :data:`SECRET_PARAMS`."""
        return [
            *self._values,
            *(value for name, value in params.items() if name in SECRET_PARAMS and value),
        ]

    def __repr__(self) -> str:
        return f"<Secrets: {len(self._values)} registered>"


TOKENS_KEPT = 16
"""How many of a session's latest tokens (access and refresh) its :class:`Secrets` keeps."""
