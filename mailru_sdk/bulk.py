"""Many independent calls, in order: ``fan_out()``, and ``chunks()`` to batch a long list.

``fan_out(api.users.getInfo, [{"uids": batch} for batch in chunks(uids, 100)])``
makes one call per mapping of keyword arguments, a few at a time, and returns
one ``Result`` per mapping, in the input's order:

- a failure is recorded on its item (``result.error``), never raised for the
  whole fan-out; the SDK's exceptions carry no secret (the session redacts
  them), and anything else a call raises is scrubbed of the session's secrets;
- the calls go through the session: its rate limit (the in-memory one, or the
  Redis one shared by every process), its token and token store, its retries;
  ``concurrency`` only bounds how many are in flight, and by default follows
  the rate limit (``ceil(rate)`` threads: enough to keep the limit busy while
  answers take up to a second), or 8 without one, never above the session's
  ``pool_maxsize``;
- ``item_deadline`` bounds each call (passed as ``deadline=``, retries
  included), ``deadline`` the whole fan-out: no call starts after it, and the
  calls in flight get what is left of it as their own deadline;
- ``on_progress`` is called in the caller's thread after each call ends, with
  a ``Progress`` (done, failed, total).

The calls run in a thread pool of the caller's process; several processes or
hosts share a limit and a token through the Redis stores (see "Running under
several workers" and "Bulk work" in the docs).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from mailru_sdk._errors import DeadlineExceededError, MailRuError
from mailru_sdk._redact import Secrets, scrub_exception_chain
from mailru_sdk.stores.ratelimit import RateLimit

__all__ = ["Progress", "Result", "chunks", "default_concurrency", "fan_out"]

T = TypeVar("T")
X = TypeVar("X")

DEFAULT_CONCURRENCY = 8
"""Calls in flight at once for a session without a rate limit."""


@dataclasses.dataclass(frozen=True, slots=True)
class Result(Generic[T]):
    """What one call of a fan-out gave: its ``value``, or the ``error`` it raised.

    ``index`` is the item's place in the input, ``params`` its keyword arguments.
    """

    index: int
    params: Mapping[str, object]
    value: T | None = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        """Whether the call returned (``value`` holds its answer)."""
        return self.error is None

    def unwrap(self) -> T:
        """The answer, or the call's exception raised again."""
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]


@dataclasses.dataclass(frozen=True, slots=True)
class Progress:
    """How far a fan-out is: ``done`` calls ended (``failed`` with an error) of ``total``."""

    done: int
    failed: int
    total: int


def chunks(items: Sequence[X], size: int) -> list[list[X]]:
    """``items`` in consecutive lists of at most ``size``, in order."""
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"size must be a whole number above 0, got {size!r}")
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


@runtime_checkable
class SessionLimits(Protocol):
    """What the fan-out reads of a session (a
    [`TokenSession`][mailru_sdk.sessions.TokenSession])."""

    @property
    def pool_maxsize(self) -> int:
        """Connections kept per host."""
        ...

    @property
    def rate_limiter(self) -> RateLimit | None:
        """The session's rate limiter."""
        ...

    #: the session's secrets registry (an item's failure is scrubbed of them)
    _secrets: Secrets


def default_concurrency(session: SessionLimits | None) -> int:
    """Calls in flight that keep ``session``'s rate limit busy: ``ceil(rate)``, within the pool.

    At ``rate`` calls a second, ``ceil(rate)`` calls in flight reach the limit
    as long as an answer takes at most a second; the limiter, not the thread
    count, then sets the pace. Without a limit: 8. Never more than the
    session's ``pool_maxsize`` (more threads would wait for a connection).
    """
    if session is None:
        return DEFAULT_CONCURRENCY
    pool = session.pool_maxsize
    limiter = session.rate_limiter
    rate = getattr(limiter, "rate", None) if limiter is not None else None
    if isinstance(rate, int | float) and not isinstance(rate, bool) and rate > 0:
        return max(1, min(pool, math.ceil(rate)))
    return max(1, min(pool, DEFAULT_CONCURRENCY))


def fan_out(
    call: Callable[..., T],
    params: Iterable[Mapping[str, object]],
    *,
    concurrency: int | None = None,
    deadline: float | None = None,
    item_deadline: float | None = None,
    on_progress: Callable[[Progress], object] | None = None,
) -> list[Result[T]]:
    """Call ``call(**p)`` for each ``p`` in ``params``; one ``Result`` each, in order.

    Args:
        call: a typed stub (``api.users.getInfo``), ``session.call`` bound with
            ``functools.partial``, or any callable taking the keyword arguments
            (and ``deadline=`` when a deadline is given).
        params: the keyword arguments of each call.
        concurrency: calls in flight at once; default
            ``default_concurrency()`` of the stub's session.
        deadline: seconds for the whole fan-out: calls not started by then are
            recorded as [`DeadlineExceededError`][mailru_sdk.errors.DeadlineExceededError].
        item_deadline: seconds for each call, retries included.
        on_progress: called after each call ends, in the caller's thread.

    Raises:
        ValueError: a bad ``concurrency`` or deadline, before any call.
    """
    items = [dict(p) for p in params]
    session = _session_of(call)
    workers = default_concurrency(session) if concurrency is None else concurrency
    _check_count("concurrency", workers)
    _check_seconds("deadline", deadline)
    _check_seconds("item_deadline", item_deadline)
    end = None if deadline is None else time.monotonic() + deadline
    name = getattr(call, "__qualname__", None) or getattr(call, "__name__", "call")
    secrets = session._secrets.values() if session is not None else ()

    def one(index: int) -> Result[T]:
        kwargs: dict[str, Any] = items[index]
        limit = _call_deadline(end, item_deadline)
        if limit is not None and limit <= 0:
            error = DeadlineExceededError(
                f"not started: the fan-out's deadline of {deadline} s passed",
                method=str(name),
                sent=False,
            )
            return Result(index, kwargs, error=error)
        try:
            value = call(**kwargs) if limit is None else call(**kwargs, deadline=limit)
        except Exception as exc:  # recorded on the item: one failure never stops the rest
            if not isinstance(exc, MailRuError):
                scrub_exception_chain(exc, secrets)
            return Result(index, kwargs, error=exc)
        return Result(index, kwargs, value=value)

    return run_ordered(one, len(items), workers, on_progress)


def run_ordered(
    one: Callable[[int], Result[T]],
    total: int,
    concurrency: int,
    on_progress: Callable[[Progress], object] | None = None,
    *,
    stop_on_error: bool = False,
) -> list[Result[T]]:
    """``one(i)`` for every ``i`` below ``total``, ``concurrency`` at a time; results in order.

    ``one`` records its failure in its result. With ``stop_on_error`` the
    first failure cancels the calls not started yet and is raised (a chunked
    call, which succeeds or fails as one call). Progress is reported from
    this (the caller's) thread.
    """
    results: list[Result[T] | None] = [None] * total
    done = failed = 0

    def record(result: Result[T]) -> None:
        nonlocal done, failed
        results[result.index] = result
        done += 1
        failed += not result.ok
        if on_progress is not None:
            on_progress(Progress(done, failed, total))
        if stop_on_error and result.error is not None:
            raise result.error

    if concurrency <= 1 or total <= 1:
        for index in range(total):
            record(one(index))
        return [r for r in results if r is not None]
    pool = ThreadPoolExecutor(max_workers=min(concurrency, total), thread_name_prefix="mailru-bulk")
    pending: set[Future[Result[T]]] = set()
    try:
        # submitted a window at a time, so that a stop (an error, ^C) leaves little queued
        upcoming = iter(range(total))
        for index in upcoming:
            pending.add(pool.submit(one, index))
            if len(pending) >= 2 * concurrency:
                break
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                record(future.result())
            for index in upcoming:
                pending.add(pool.submit(one, index))
                if len(pending) >= 2 * concurrency:
                    break
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True)
    return [r for r in results if r is not None]


def _session_of(call: Callable[..., object]) -> SessionLimits | None:
    """The session behind a typed stub (or ``session.call``), if ``call`` is one."""
    owner = getattr(call, "__self__", None)
    if owner is None:  # a functools.partial of one
        inner = getattr(call, "func", None)
        owner = getattr(inner, "__self__", None)
    if isinstance(owner, SessionLimits):
        return owner
    session = getattr(owner, "_session", None)
    return session if isinstance(session, SessionLimits) else None


def _call_deadline(end: float | None, item_deadline: float | None) -> float | None:
    if end is None:
        return item_deadline
    remaining = end - time.monotonic()
    return remaining if item_deadline is None else min(remaining, item_deadline)


def _check_count(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a whole number above 0, got {value!r}")


def _check_seconds(name: str, value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{name} must be a number of seconds above 0 or None, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
