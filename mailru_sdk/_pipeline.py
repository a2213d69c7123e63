"""The one request pipeline: build → prepare → send → read → retry or recover.

API calls, public data requests and OAuth token requests are each an
``Exchange``: it builds each try's ``Request`` (signing it afresh)
and reads its answer into an ``Outcome`` (through
``mailru_sdk._answers``). ``run()`` does the rest for all of them alike,
with the call's [`CallSettings`][mailru_sdk.options.CallSettings]: the rate limit,
the per-try timeout cut to the call's deadline, ``Session.send`` (through
``mailru_sdk._http``), the classification of network failures, retries
with backoff, the exchange's recovery (a refreshed token after error 102),
and the redaction of secrets from everything raised.
"""

from __future__ import annotations

import functools
import time
import urllib.parse
from collections.abc import Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import requests
import urllib3.exceptions

from mailru_sdk._answers import Outcome
from mailru_sdk._http import DeadlineReached, SendSettings, read_body
from mailru_sdk._log import logger, try_fields
from mailru_sdk._redact import redact_text, scrub_exception_chain
from mailru_sdk._retry import request_never_sent, timed_out
from mailru_sdk.errors import (
    APIError,
    DeadlineExceededError,
    MailRuError,
    RequestTimeoutError,
    TransportError,
)
from mailru_sdk.hooks import CallTrace, Hooks
from mailru_sdk.options import CallSettings
from mailru_sdk.signing import Params, encode_params

if TYPE_CHECKING:
    from requests.structures import CaseInsensitiveDict

__all__ = [
    "Exchange",
    "Request",
    "call_time_left",
    "deadline_error",
    "network_failure",
    "run",
    "session_params",
]

#: the end (``time.monotonic()``) of the call this thread is inside, if any
_CALL_END: ContextVar[float | None] = ContextVar("mailru_sdk_call_end", default=None)

_DEBUG = 10
# a bad URL or session header: not a network fault, so neither wrapped nor retried;
# requests' message says what is wrong
#: the packages of the HTTP stack and of the tools that stand in for it in tests: what
#: their exceptions say is that a request could not be carried (a TransportError)
_HTTP_STACK = frozenset({"requests", "urllib3", "requests_mock", "responses", "vcr", "betamax"})
_CONFIGURATION_ERRORS = (
    requests.exceptions.InvalidURL,
    requests.exceptions.InvalidHeader,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidSchema,
)


class Request(NamedTuple):
    """One try's request, as an ``Exchange`` describes it.

    ``base_url`` is a session setting (``api_url``...): what requests computes
    from it is cached per session (``SendSettings``);
    ``path`` (after it) is already quoted, ``query`` already encoded.
    """

    method: str
    base_url: str
    path: str = ""
    query: str = ""
    body: object = None
    headers: Mapping[str, str] | None = None


class Exchange:
    """One logical request; subclasses say what each try sends and how to read the answer.

    Attributes:
        name: what messages call it (``"friends.get"``, ``"oauth/token"``).
        idempotent: ``False``: retried only when a try provably never left.
    """

    name: str = "?"
    idempotent: bool = True

    def build(self) -> Request:
        """This try's request."""
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

    def endpoint(self) -> str:
        """The base URL the exchange is sent to (its host is the events' ``server``)."""
        return ""


def run(
    session: requests.Session,
    settings_cache: dict[str, SendSettings],
    exchange: Exchange,
    call: CallSettings,
) -> Any:
    """Send ``exchange`` through ``session`` until it succeeds or must fail; return its result.

    ``session`` is only the ``requests.Session`` to send through (its
    adapters, hooks, cookies...); ``settings_cache`` its cached
    ``SendSettings``; ``call`` the call's timeout,
    retry policy, deadline, rate limiter and ``pass_error``.

    Raises:
        MailRuError: a subclass saying what went wrong, with secrets redacted;
            [`DeadlineExceededError`][mailru_sdk.errors.DeadlineExceededError] when the call's
            deadline passed.
    """
    deadline = call.deadline
    end = None if deadline is None else time.monotonic() + deadline
    outer = _CALL_END.get()
    # A request made inside another call (an API call by token_updater, which a call
    # runs before it signs) does not start once that call's deadline has passed. (The
    # refresh after error 102 is no such request: it runs in a thread of its own, cut by
    # no deadline; see auth/refresh.py.)
    if outer is not None and time.monotonic() >= outer:
        raise deadline_error(exchange.name, None, 0, "before the request inside a call")
    token = _CALL_END.set(end)
    try:
        if call.hooks is None:  # no hooks: no event is built
            return _run_until(session, settings_cache, exchange, call, end, None)
        return _run_traced(session, settings_cache, exchange, call, end, call.hooks)
    finally:
        _CALL_END.reset(token)


def _run_traced(
    session: requests.Session,
    settings_cache: dict[str, SendSettings],
    exchange: Exchange,
    call: CallSettings,
    end: float | None,
    hooks: Hooks,
) -> Any:
    """``_run_until()``, with the call's events given to ``hooks`` (the ``outcome`` here)."""
    trace = CallTrace(hooks, exchange.name, _host(exchange.endpoint()))
    active = trace.activate()
    try:
        result = _run_until(session, settings_cache, exchange, call, end, trace)
    except BaseException as exc:
        if isinstance(exc, APIError):
            trace.error_code = exc.code
        trace.emit("outcome", error=exc, ok=False)
        raise
    else:  # a platform error returned with pass_error is not a success
        trace.emit("outcome", ok=trace.error_code is None)
        return result
    finally:
        trace.deactivate(active)


@functools.lru_cache(maxsize=32)
def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).hostname or ""


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
    call: CallSettings,
    end: float | None,
    trace: CallTrace | None,
) -> Any:
    limiter, policy, deadline = call.rate_limiter, call.retry_policy, call.deadline
    retry = 0
    tries = 0
    while True:
        if limiter is not None:
            # a slot the call could not wait for is not reserved: giving up must not push
            # the other callers' slots (every worker's, for a shared limiter) further on
            wait = limiter.reserve(None if end is None else end - time.monotonic())
            if wait is None:
                raise deadline_error(exchange.name, deadline, tries, "waiting for the rate limit")
            if wait > 0:
                if trace is not None:
                    trace.emit("rate_limit_wait", duration=wait)
                _sleep(wait)
        tries += 1
        if trace is not None:
            trace.tries = tries
            trace.emit("before_send")
        started = time.perf_counter()
        outcome = _attempt(session, settings_cache, exchange, call.timeout, end, deadline, tries)
        if trace is not None:
            _answered(trace, outcome, time.perf_counter() - started)
        if logger.isEnabledFor(_DEBUG):
            elapsed_ms = (time.perf_counter() - started) * 1000
            details = exchange.log_details()
            logger.debug(
                "%s attempt=%d status=%s elapsed_ms=%.1f %s",
                exchange.name,
                tries,
                outcome.status,
                elapsed_ms,
                details,
                extra={
                    **try_fields(exchange.name, tries, outcome.error),
                    "status": outcome.status,
                    "elapsed_ms": round(elapsed_ms, 1),
                    "details": str(details),  # redacted as the message is
                },
            )
        if outcome.error is None:
            return outcome.result
        rewound = exchange.rewind()
        if rewound and exchange.recover(outcome):
            if trace is not None:
                trace.refreshed = True
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
            if isinstance(outcome.error, APIError) and call.pass_error:
                return outcome.result
            raise outcome.error from outcome.cause
        retry += 1
        if trace is not None:
            trace.retries = retry
            trace.emit("retry", duration=delay, error=outcome.error)
        logger.info(
            "retrying %s in %.2fs after %s (retry %d of %d)",
            exchange.name,
            delay,
            type(outcome.error).__name__,
            retry,
            policy.max_retries,
            extra={
                **try_fields(exchange.name, tries, outcome.error),
                "status": outcome.status,
                "retry": retry,
                "max_retries": policy.max_retries,
                "delay_s": round(delay, 3),
            },
        )
        policy.sleep(delay)


def _answered(trace: CallTrace, outcome: Outcome, duration: float) -> None:
    """The ``after_answer`` event of a try."""
    error = outcome.error
    trace.status = outcome.status
    trace.error_code = error.code if isinstance(error, APIError) else None
    trace.emit("after_answer", duration=duration, error=error, ok=error is None)


def _sleep(seconds: float) -> None:
    # the rate limit's wait; looked up at call time so tests can replace it
    time.sleep(seconds)


def _attempt(
    session: requests.Session,
    settings_cache: dict[str, SendSettings],
    exchange: Exchange,
    timeout: float | tuple[float, float],
    end: float | None,
    deadline: float | None,
    tries: int,
) -> Outcome:
    connect, read = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    if end is not None:
        remaining = end - time.monotonic()
        if remaining <= 0:
            return Outcome(error=deadline_error(exchange.name, deadline, tries - 1, "before a try"))
        if remaining < max(connect, read):  # this try gets what is left of the deadline
            connect, read = min(connect, remaining), min(read, remaining)
            timeout = (connect, read)
    request = exchange.build()
    try:
        settings = _settings(session, settings_cache, request.base_url)
        url = settings.url + request.path
        if request.query:  # after a query the URL already has (a token_url's), as requests does
            url = f"{url}{'&' if '?' in url else '?'}{request.query}"
        prepared = settings.prepare(session, request.method, url, request.body, request.headers)
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
            error=deadline_error(exchange.name, deadline, tries, reached.phase),
        )
    except requests.RequestException as exc:
        if end is not None and time.monotonic() >= end:
            never_sent = request_never_sent(exc)  # before scrubbing, which flattens the chain
            scrub_exception_chain(exc, exchange.secrets())
            error = deadline_error(exchange.name, deadline, tries, "waiting for the server")
            error.sent = not never_sent
            return Outcome(error=error, cause=exc, sent=not never_sent)
        return network_failure(exchange.name, exc, exchange.secrets())
    except MailRuError:
        raise
    except Exception as exc:
        if not _from_http_stack(exc):
            # not a network failure: the user's own exception (a response hook's, a signal
            # handler's). It propagates unchanged, scrubbed of the secrets (its text may
            # quote the URL, query and all).
            scrub_exception_chain(exc, exchange.secrets())
            exc.add_note(f"raised while sending {exchange.name} (propagated unchanged)")
            raise
        # the network stack's failure outside requests' wrapping (a custom adapter's
        # socket error), or a test double's refusal of an unmatched request
        return _foreign_failure(exchange, exc)
    return exchange.interpret(response.status_code, response.headers, content)


def _from_http_stack(exc: Exception) -> bool:
    """Whether ``exc`` says a request could not be carried (see docs/errors.md).

    ``OSError`` (a socket's failure, in a custom adapter) and the exceptions of
    the HTTP stack and of the test tools that replace it (requests-mock's
    ``NoMockAddress``, vcrpy's and betamax's refusals of an unrecorded request)
    do; any other exception is the user's own.
    """
    if isinstance(exc, OSError | urllib3.exceptions.HTTPError):
        return True
    return type(exc).__module__.partition(".")[0] in _HTTP_STACK


def _foreign_failure(exchange: Exchange, exc: Exception) -> Outcome:
    secrets = exchange.secrets()
    is_timeout = timed_out(exc)
    scrub_exception_chain(exc, secrets)
    cls = RequestTimeoutError if is_timeout else TransportError
    error = cls(
        f"sending {exchange.name} failed in the session's adapter or a test double "
        f"({type(exc).__module__}.{type(exc).__name__}): {redact_text(str(exc), secrets)}",
        method=exchange.name,
        sent=True,  # unknown: assume it may have left
    )
    return Outcome(error=error, cause=exc, retryable=is_timeout)


def _settings(
    session: requests.Session, cache: dict[str, SendSettings], base_url: str
) -> SendSettings:
    settings = cache.get(base_url)
    if settings is None or not settings.current(session):
        # built from local files and the environment only, never the network; a race
        # builds it twice, harmlessly
        settings = cache[base_url] = SendSettings(session, base_url)
    return settings


def deadline_error(
    name: str, deadline: float | None, tries: int, phase: str, *, sent: bool | None = None
) -> DeadlineExceededError:
    """The error of a call (``name``) whose deadline passed during ``phase``: built here only.

    ``deadline`` is the call's own (``None``: an outer call's); ``tries`` how
    many tries had gone out; ``sent`` whether the call may have taken effect
    (``None``: when any try had gone out).
    """
    within = "its call's deadline" if deadline is None else f"its deadline of {deadline:g} s"
    return DeadlineExceededError(
        f"{name} did not complete within {within} "
        f"({phase}, after {tries} {'try' if tries == 1 else 'tries'})",
        method=name,
        sent=tries > 0 if sent is None else sent,
    )


def session_params(session: requests.Session) -> dict[str, str]:
    """``session.params`` as wire strings: sent with every request (and signed into API calls).

    A mapping or ``(name, value)`` pairs, as requests takes them; a name given
    twice is refused (the platform signs each name once).

    Raises:
        TypeError: ``session.params`` is neither, or holds a value the wire cannot carry.
        ValueError: a name given twice.
    """
    params = session.params
    if not params:
        return {}
    # requests' own type for it allows str and bytes too: refused, naming session.params
    return encode_params(cast("Params", params), "session.params")


def network_failure(name: str, exc: requests.RequestException, secrets: list[str]) -> Outcome:
    """The outcome of a try that failed on the network, its exception scrubbed of ``secrets``."""
    never_sent = request_never_sent(exc)
    # a write or a read that timed out, whatever requests calls it (a server that never
    # reads the body: a ConnectionError around urllib3's ProtocolError(TimeoutError))
    is_timeout = timed_out(exc)
    scrub_exception_chain(exc, secrets)
    detail = redact_text(str(exc), secrets)
    error: TransportError
    if is_timeout:
        if never_sent:
            phase = "connecting"
        elif isinstance(exc, requests.ReadTimeout):
            phase = "waiting for the answer"
        else:
            phase = "sending the request or reading the answer"
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
