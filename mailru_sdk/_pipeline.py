"""The one request pipeline: encode → sign → prepare → send → interpret → retry or refresh.

API calls, public data requests and OAuth token requests are each an
:class:`Exchange`: it builds each try's request (signing it afresh) and reads
its answer into an :class:`Outcome`. :func:`run` does the rest for all of
them alike: the rate limit, the per-try timeout cut to the call's deadline,
``Session.send`` (through :mod:`mailru_sdk._http`), the classification of
network failures, retries with backoff, the refresh after error 102, and the
redaction of secrets from everything raised.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import requests

from mailru_sdk._http import DeadlineReached, SendSettings, read_body
from mailru_sdk._log import logger
from mailru_sdk._redact import body_excerpt, redact_text, scrub_exception_chain
from mailru_sdk._retry import RetryPolicy, parse_retry_after, request_never_sent
from mailru_sdk.errors import (
    APIError,
    DeadlineExceededError,
    EmptyResponseError,
    HTTPStatusError,
    MailRuError,
    RequestTimeoutError,
    ResponseDecodeError,
    TransportError,
)
from mailru_sdk.options import Timeout
from mailru_sdk.stores.ratelimit import RateLimit

if TYPE_CHECKING:
    from requests.structures import CaseInsensitiveDict

__all__ = ["Exchange", "Outcome", "decode_json", "interpret_api_answer", "run"]

#: the end (``time.monotonic()``) of the call this thread is inside, if any
_CALL_END: ContextVar[float | None] = ContextVar("mailru_sdk_call_end", default=None)

_EXCERPT = 200
_DEBUG = 10
_RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
# a bad URL or session header: not a network fault, so neither wrapped nor retried;
# requests' message says what is wrong
_CONFIGURATION_ERRORS = (
    requests.exceptions.InvalidURL,
    requests.exceptions.InvalidHeader,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidSchema,
)


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


class Exchange:
    """One logical request; subclasses say what each try sends and how to read the answer.

    Attributes:
        name: what messages call it (``"friends.get"``, ``"oauth/token"``).
        idempotent: ``False``: retried only when a try provably never left.
        pass_error: return a platform error body instead of raising it.
    """

    name: str = "?"
    idempotent: bool = True
    pass_error: bool = False

    def build(self) -> tuple[str, str, str, str, object, Mapping[str, str] | None]:
        """This try's request: HTTP method, base URL, path after it, query, body, headers.

        The base URL is a session setting (``api_url``...): what requests
        computes from it is cached per session (:class:`SendSettings`); the
        path after it is already quoted, the query already encoded.
        """
        raise NotImplementedError

    def interpret(self, status: int, headers: CaseInsensitiveDict[str], body: bytes) -> Outcome:
        """The outcome of an answer that arrived."""
        raise NotImplementedError

    def secrets(self) -> list[str]:
        """Every value of this try to keep out of exception texts and logs."""
        return []

    def rewind(self) -> bool:
        """Make the request sendable again (uploads back at their start); ``False``: cannot."""
        return True

    def recover(self, outcome: Outcome) -> bool:
        """``True`` when a failure was repaired (a refreshed token): repeat at once, uncounted."""
        return False

    def log_details(self) -> object:
        """What a DEBUG record of a try shows about the request (redacted)."""
        return ""


def run(
    session: requests.Session,
    settings_cache: dict[str, SendSettings],
    exchange: Exchange,
    *,
    timeout: Timeout,
    policy: RetryPolicy,
    deadline: float | None,
    limiter: RateLimit | None,
) -> Any:
    """Send ``exchange`` through ``session`` until it succeeds or must fail; return its result.

    Raises:
        MailRuError: a subclass saying what went wrong, with secrets redacted;
            :class:`DeadlineExceededError` when ``deadline`` seconds passed.
    """
    end = None if deadline is None else time.monotonic() + deadline
    outer = _CALL_END.get()
    # A request made inside another call (the token refresh after error 102) does not
    # start once that call's deadline has passed; once started it is not cut by it: a
    # refresh token cut off after it was sent may be spent, and the user logged out.
    # The call then overruns its deadline by at most the refresh's own timeout.
    if outer is not None and time.monotonic() >= outer:
        raise _deadline_error(exchange, None, 0, "before the request inside a call")
    token = _CALL_END.set(end)
    try:
        return _run_until(
            session, settings_cache, exchange, timeout, policy, end, deadline, limiter
        )
    finally:
        _CALL_END.reset(token)


def call_time_left() -> float | None:
    """Seconds left of the deadline of the call this thread is inside; ``None``: unbounded.

    For what a call waits on besides the network (another thread's token
    refresh), so that the wait too ends with the call's deadline.
    """
    end = _CALL_END.get()
    return None if end is None else end - time.monotonic()


def _run_until(
    session: requests.Session,
    settings_cache: dict[str, SendSettings],
    exchange: Exchange,
    timeout: Timeout,
    policy: RetryPolicy,
    end: float | None,
    deadline: float | None,
    limiter: RateLimit | None,
) -> Any:
    retry = 0
    tries = 0
    while True:
        if limiter is not None:
            # a slot the call could not wait for is not reserved: giving up must not push
            # the other callers' slots (every worker's, for a shared limiter) further on
            wait = limiter.reserve(None if end is None else end - time.monotonic())
            if wait is None:
                raise _deadline_error(exchange, deadline, tries, "waiting for the rate limit")
            if wait > 0:
                _sleep(wait)
        tries += 1
        started = time.perf_counter()
        outcome = _attempt(session, settings_cache, exchange, timeout, end, deadline, tries)
        if logger.isEnabledFor(_DEBUG):
            logger.debug(
                "%s attempt=%d status=%s elapsed_ms=%.1f %s",
                exchange.name,
                tries,
                outcome.status,
                (time.perf_counter() - started) * 1000,
                exchange.log_details(),
            )
        if outcome.error is None:
            return outcome.result
        rewound = exchange.rewind()
        if rewound and exchange.recover(outcome):
            continue
        may_retry = outcome.retryable and (exchange.idempotent or not outcome.sent) and rewound
        delay = policy.delay(retry + 1, outcome.retry_after) if may_retry else None
        if retry >= policy.max_retries:
            delay = None
        if delay is not None and end is not None and time.monotonic() + delay >= end:
            outcome.error.add_note(
                f"not retried: the call's deadline ({deadline:g} s) leaves no time for another try"
            )
            delay = None
        if delay is None:
            if isinstance(outcome.error, APIError) and exchange.pass_error:
                return outcome.result
            raise outcome.error from outcome.cause
        retry += 1
        logger.info(
            "retrying %s in %.2fs after %s (retry %d of %d)",
            exchange.name,
            delay,
            type(outcome.error).__name__,
            retry,
            policy.max_retries,
        )
        policy.sleep(delay)


def _sleep(seconds: float) -> None:
    # the rate limit's wait; looked up at call time so tests can replace it
    time.sleep(seconds)


def _attempt(
    session: requests.Session,
    settings_cache: dict[str, SendSettings],
    exchange: Exchange,
    timeout: Timeout,
    end: float | None,
    deadline: float | None,
    tries: int,
) -> Outcome:
    connect, read = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    if end is not None:
        remaining = end - time.monotonic()
        if remaining <= 0:
            return Outcome(error=_deadline_error(exchange, deadline, tries - 1, "before a try"))
        if remaining < max(connect, read):  # this try gets what is left of the deadline
            connect, read = min(connect, remaining), min(read, remaining)
            timeout = (connect, read)
    method, base_url, path, query, body, headers = exchange.build()
    try:
        settings = _settings(session, settings_cache, base_url)
        url = settings.url + path
        if query:  # after a query the URL already has (a token_url's), as requests joins them
            url = f"{url}{'&' if '?' in url else '?'}{query}"
        prepared = settings.prepare(session, method, url, body, headers)
        response = session.send(
            prepared, timeout=timeout, allow_redirects=False, **settings.send_kwargs
        )
        try:
            content = read_body(response, end, read)
        finally:
            response.close()
    except _CONFIGURATION_ERRORS as exc:
        scrub_exception_chain(exc, exchange.secrets())
        raise
    except DeadlineReached as reached:
        return Outcome(
            status=reached.status,
            error=_deadline_error(exchange, deadline, tries, reached.phase),
        )
    except requests.RequestException as exc:
        if end is not None and time.monotonic() >= end:
            never_sent = request_never_sent(exc)  # before scrubbing, which flattens the chain
            scrub_exception_chain(exc, exchange.secrets())
            error = _deadline_error(exchange, deadline, tries, "waiting for the server")
            error.sent = not never_sent
            return Outcome(error=error, cause=exc, sent=not never_sent)
        return network_failure(exchange.name, exc, exchange.secrets())
    except MailRuError:
        raise
    except Exception as exc:
        # not a requests exception: a mock that matched nothing (requests-mock's
        # NoMockAddress), a recorder's refusal (vcrpy's CannotOverwriteExistingCassetteException),
        # a custom adapter's failure. Its text holds the URL, query and all: redact it.
        return _foreign_failure(exchange, exc)
    return exchange.interpret(response.status_code, response.headers, content)


def _foreign_failure(exchange: Exchange, exc: Exception) -> Outcome:
    secrets = exchange.secrets()
    scrub_exception_chain(exc, secrets)
    error = TransportError(
        f"sending {exchange.name} failed in the session's adapter or a test double "
        f"({type(exc).__module__}.{type(exc).__name__}): {redact_text(str(exc), secrets)}",
        method=exchange.name,
        sent=True,  # unknown: assume it may have left
    )
    return Outcome(error=error, cause=exc)


def _settings(
    session: requests.Session, cache: dict[str, SendSettings], base_url: str
) -> SendSettings:
    settings = cache.get(base_url)
    if settings is None or not settings.current(session):
        # built from local files and the environment only, never the network; a race
        # builds it twice, harmlessly
        settings = cache[base_url] = SendSettings(session, base_url)
    return settings


def _deadline_error(
    exchange: Exchange, deadline: float | None, tries: int, phase: str
) -> DeadlineExceededError:
    within = "its call's deadline" if deadline is None else f"its deadline of {deadline:g} s"
    return DeadlineExceededError(
        f"{exchange.name} did not complete within {within} "
        f"({phase}, after {tries} {'try' if tries == 1 else 'tries'})",
        method=exchange.name,
        sent=tries > 0,
    )


def network_failure(name: str, exc: requests.RequestException, secrets: list[str]) -> Outcome:
    """The outcome of a try that failed on the network, its exception scrubbed of ``secrets``."""
    never_sent = request_never_sent(exc)
    scrub_exception_chain(exc, secrets)
    detail = redact_text(str(exc), secrets)
    error: TransportError
    if isinstance(exc, requests.Timeout):
        phase = "connecting" if never_sent else "waiting for the answer"
        error = RequestTimeoutError(
            f"timed out {phase} calling {name}: {detail}", method=name, sent=not never_sent
        )
        retryable = True
    else:
        error = TransportError(
            f"network failure calling {name} ({type(exc).__name__}): {detail}",
            method=name,
            sent=not never_sent,
        )
        # retrying cannot fix a TLS failure, an invalid URL or a redirect loop
        retryable = isinstance(
            exc, requests.ConnectionError | requests.exceptions.ChunkedEncodingError
        ) and not isinstance(exc, requests.exceptions.SSLError)
    return Outcome(error=error, cause=exc, retryable=retryable, sent=not never_sent)


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
                import codecs

                codecs.lookup(charset)
            except LookupError:
                return None  # unknown to Python: detect from the bytes instead
            return charset
    return None


def interpret_api_answer(
    name: str,
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    secrets: Callable[[], list[str]],
) -> Outcome:
    """The outcome of an answer from the platform's REST or public endpoint.

    A platform error body becomes its :class:`APIError` subclass (its
    ``error_msg`` redacted: a server that echoes the request must not put the
    token or the signature into an exception), whatever the HTTP status.
    ``secrets`` gives the values to redact; it is called only for a failure.
    """
    try:
        data = decode_json(body, headers) if body else None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, too deep
        if status >= 300:
            return _status_failure(name, status, headers, body, secrets())
        return Outcome(
            status=status,
            error=ResponseDecodeError(
                f"the answer to {name} is not JSON (HTTP {status}, "
                f"{headers.get('Content-Type') or 'no content type'}): {exc}",
                status=status,
                body_excerpt=body_excerpt(body, secrets(), _EXCERPT),
                method=name,
            ),
            cause=exc,
        )
    api_error = APIError.from_body(data, name)
    if api_error is not None:
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
    if status >= 300:
        return _status_failure(name, status, headers, body, secrets())
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


def _with_error_msg(data: object, message: str) -> object:
    # the error body a pass_error caller gets back, with the redacted message
    assert isinstance(data, dict)
    error = dict(data["error"])
    error["error_msg"] = message
    return {**data, "error": error}


def _status_failure(
    name: str, status: int, headers: Mapping[str, str], body: bytes, secrets: list[str]
) -> Outcome:
    excerpt = body_excerpt(body, secrets, _EXCERPT)
    if 300 <= status < 400:
        location = redact_text(headers.get("Location") or "?", secrets)
        excerpt = f"redirect to {location} (redirects are not followed; check the URL)"
    return Outcome(
        status=status,
        error=HTTPStatusError(status, excerpt, method=name),
        retryable=status in _RETRYABLE_STATUS,
        retry_after=parse_retry_after(headers.get("Retry-After")),
    )
