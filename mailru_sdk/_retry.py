"""When a failed try is tried again: the retry policy, backoff with jitter, ``Retry-After``.

Nothing here does I/O: the pipeline asks whether and when to retry, and
whether a failure proves the request never left (the one case in which a
write may be repeated).
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable

import requests
import urllib3.exceptions as u3

__all__ = ["RetryPolicy", "parse_retry_after", "request_never_sent", "timed_out"]


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
        reason = exc.args[0] if exc.args else None
        reason = getattr(reason, "reason", reason)
        return isinstance(reason, u3.NewConnectionError)
    return False


def timed_out(exc: BaseException) -> bool:
    """Whether ``exc`` is, or wraps, a timeout: a read or a write that did not finish in time.

    requests reports a timeout while the body is being written (a server that
    never reads it) as a ``ConnectionError`` wrapping urllib3's
    ``ProtocolError(..., TimeoutError)``; the chain and the arguments are searched.
    """
    seen: set[int] = set()
    todo: list[object] = [exc]
    while todo:
        current = todo.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, u3.NewConnectionError):
            continue  # a refused connection (urllib3 makes it a ConnectTimeoutError subclass)
        if isinstance(current, TimeoutError | requests.Timeout | u3.TimeoutError):
            return True
        todo += [*current.args, current.__cause__, current.__context__]
        todo.append(getattr(current, "reason", None))
    return False
