"""Timeouts, the retry policy, and redaction of secrets from logs and exceptions.

Nothing here does I/O by itself: the session's call loop asks this module how
long a timeout is, whether and when to retry, and how to make an exception or
a parameter dump safe to show.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import logging
import math
import random
import re
import time
import urllib.parse
from collections.abc import Callable, Iterable, Mapping

import requests
from requests.structures import CaseInsensitiveDict

__all__ = [
    "DEFAULT_TIMEOUT",
    "SECRET_PARAMS",
    "QueryRedactingFilter",
    "RetryPolicy",
    "Timeout",
    "body_excerpt",
    "logger",
    "parse_retry_after",
    "positive_seconds",
    "redact_params",
    "redact_text",
    "redact_third_party_logs",
    "request_never_sent",
    "scrub_exception_chain",
    "url_passwords",
    "validate_deadline",
    "validate_timeout",
]

logger = logging.getLogger("mailru_sdk")

Timeout = float | tuple[float, float]
"""Seconds: one number for both phases, or ``(connect, read)``."""

DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 30.0)
"""Connect within 5 s, then wait at most 30 s between bytes of the answer."""

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


def validate_timeout(timeout: object) -> Timeout:
    """Return ``timeout`` if it is a finite positive number or a pair of them.

    Raises:
        TypeError / ValueError: saying what is wrong; ``None`` (wait forever) is refused.
    """
    if isinstance(timeout, tuple):
        if len(timeout) != 2:
            raise ValueError(f"timeout must be a number or a (connect, read) pair, got {timeout!r}")
        connect, read = timeout
        return (
            positive_seconds("connect timeout", connect),
            positive_seconds("read timeout", read),
        )
    return positive_seconds("timeout", timeout)


def validate_deadline(deadline: object) -> float | None:
    """Return ``deadline`` as seconds if it is a finite positive number; ``None`` stays ``None``.

    Raises:
        TypeError / ValueError: saying what is wrong.
    """
    return None if deadline is None else positive_seconds("deadline", deadline)


def positive_seconds(what: str, value: object) -> float:
    """``value`` as a float if it is a finite number of seconds above 0.

    Raises:
        TypeError / ValueError: naming ``what``.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(
            f"{what} must be a number of seconds, got {type(value).__name__}"
            + ("; waiting forever is not allowed, give a finite timeout" if value is None else "")
        )
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{what} must be a finite number of seconds above 0, got {value!r}")
    return float(value)


def _sleep(seconds: float) -> None:
    # looked up at call time so tests can patch time.sleep
    time.sleep(seconds)


class RetryPolicy:
    """When and how long to wait before retrying a transient failure.

    Delays grow exponentially from ``backoff_base`` up to ``backoff_cap``, with
    jitter (each delay is drawn between half and all of its step). A server's
    ``Retry-After`` is honoured; one longer than ``max_retry_after`` ends the
    retries instead of blocking the caller that long. Immutable: change a
    session's policy by assigning a new one.
    """

    __slots__ = ("backoff_base", "backoff_cap", "max_retries", "max_retry_after", "sleep")

    max_retries: int
    backoff_base: float
    backoff_cap: float
    max_retry_after: float
    sleep: Callable[[float], None]

    def __init__(
        self,
        max_retries: int = 2,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        max_retry_after: float = 30.0,
        sleep: Callable[[float], None] = _sleep,
    ) -> None:
        if isinstance(max_retries, bool) or not isinstance(max_retries, int):
            raise TypeError(f"max_retries must be an int, got {type(max_retries).__name__}")
        if max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, got {max_retries}")
        for name, value in (
            ("max_retries", max_retries),
            ("backoff_base", backoff_base),
            ("backoff_cap", backoff_cap),
            ("max_retry_after", max_retry_after),
            ("sleep", sleep),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"RetryPolicy is immutable; build a new one to change {name}")

    def __repr__(self) -> str:
        return (
            f"RetryPolicy(max_retries={self.max_retries}, backoff_base={self.backoff_base}, "
            f"backoff_cap={self.backoff_cap}, max_retry_after={self.max_retry_after})"
        )

    def backoff(self, retry_number: int) -> float:
        """The jittered delay before retry number ``retry_number`` (1 for the first retry)."""
        step = min(self.backoff_cap, self.backoff_base * (2 ** (retry_number - 1)))
        return random.uniform(step / 2, step)

    def delay(self, retry_number: int, retry_after: float | None) -> float | None:
        """Seconds to wait before the retry, or ``None`` when the server asks for too long."""
        if retry_after is None:
            return self.backoff(retry_number)
        if retry_after > self.max_retry_after:
            return None
        return max(retry_after, 0.0)

    def with_max_retries(self, max_retries: int) -> RetryPolicy:
        """A copy with another retry count (for a per-call override)."""
        return RetryPolicy(
            max_retries, self.backoff_base, self.backoff_cap, self.max_retry_after, self.sleep
        )


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta seconds or an HTTP date); ``None`` if absent."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def request_never_sent(exc: requests.RequestException) -> bool:
    """Whether ``exc`` proves the request never reached the server.

    True for a connect timeout and for failures to open the connection
    (refused, unresolvable host); anything later (reset, read timeout, a
    broken answer) may have reached the server.
    """
    if isinstance(exc, requests.ConnectTimeout):
        return True
    if isinstance(exc, requests.ConnectionError) and not isinstance(
        exc, requests.exceptions.SSLError
    ):
        import urllib3.exceptions as u3  # requests depends on urllib3

        reason = exc.args[0] if exc.args else None
        reason = getattr(reason, "reason", reason)
        return isinstance(reason, u3.NewConnectionError)
    return False


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
