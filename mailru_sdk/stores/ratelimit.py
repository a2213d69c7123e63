"""A client-side rate limit shared by every thread of a session.

Each call reserves the next free slot (slots are ``1 / rate`` seconds apart)
under a lock, then sleeps until its slot with the lock released: threads never
wait on each other's requests, and the calls leave at most ``rate`` per second
(after an initial ``burst``).

[`RateLimit`][mailru_sdk.stores.ratelimit.RateLimit] is what a session needs from a limiter; a
limiter shared by several processes (``mailru_sdk.stores.redis_ratelimit.RedisRateLimiter``)
satisfies it too.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Protocol, overload, runtime_checkable

from mailru_sdk._fork import forget_at_fork
from mailru_sdk._validate import finite_float

__all__ = ["RateLimit", "RateLimiter", "check_burst", "check_rate"]


@runtime_checkable
class RateLimit(Protocol):
    """What a session asks of a rate limiter: ``TokenSession(rate_limit=...)`` takes one.

    ``reserve`` must be atomic: two callers (threads, or processes for a shared
    limiter) never get the same slot.
    """

    @overload
    def reserve(self, max_wait: None = None) -> float: ...
    @overload
    def reserve(self, max_wait: float) -> float | None: ...
    def reserve(self, max_wait: float | None = None) -> float | None:
        """Reserve the next free slot; returns the seconds to wait for it (0 if none).

        With ``max_wait``, a slot further off than that is not reserved (it
        would be wasted: the caller cannot wait for it) and ``None`` is
        returned, leaving the schedule as it was.
        """
        ...

    def acquire(self) -> None:
        """Reserve the next free slot and sleep until it comes."""
        ...


def check_rate(name: str, rate: object) -> float:
    """``rate`` (calls per second) as a float if it is a finite number above 0."""
    if isinstance(rate, bool) or not isinstance(rate, int | float):
        raise TypeError(f"{name} must be a number of calls per second, got {rate!r}")
    number = finite_float(name, rate, "a finite number above 0")
    if number <= 0:
        raise ValueError(f"{name} must be a finite number above 0, got {rate!r}")
    return number


def check_burst(burst: object) -> int:
    """``burst`` if it is an int of at least 1."""
    if isinstance(burst, bool) or not isinstance(burst, int) or burst < 1:
        raise ValueError(f"burst must be an int of at least 1, got {burst!r}")
    return burst


class RateLimiter:
    """Spaces calls so that at most ``rate`` start per second.

    Args:
        rate: calls per second (above 0).
        burst: how many calls may start at once after an idle period.
    """

    __slots__ = ("__weakref__", "_lock", "_next_slot", "burst", "interval", "rate")

    def __init__(self, rate: float, *, burst: int = 1) -> None:
        self.rate = check_rate("rate_limit", rate)
        self.burst = check_burst(burst)
        self.interval = 1.0 / self.rate
        self._next_slot = -math.inf
        self._lock = threading.Lock()
        forget_at_fork(self)

    def _after_fork(self) -> None:
        # a forked child has its own schedule (the limit is per process: share one
        # across workers with the Redis limiter), and a lock no parent thread holds
        self._lock = threading.Lock()

    @overload
    def reserve(self, max_wait: None = None) -> float: ...
    @overload
    def reserve(self, max_wait: float) -> float | None: ...
    def reserve(self, max_wait: float | None = None) -> float | None:
        """Reserve the next slot; returns how many seconds to wait for it (0 if none).

        ``None``, with nothing reserved, when the slot is more than ``max_wait``
        seconds off: a call that gives up must not push the others' slots on.
        """
        with self._lock:
            now = time.monotonic()
            earliest = now - (self.burst - 1) * self.interval
            slot = max(earliest, self._next_slot)
            wait = max(0.0, slot - now)
            if max_wait is not None and wait > max_wait:
                return None
            self._next_slot = slot + self.interval
        return wait

    def acquire(self) -> None:
        """Wait (without holding the lock) until this call may start."""
        wait = self.reserve()
        if wait:
            time.sleep(wait)

    def __repr__(self) -> str:
        return f"RateLimiter(rate={self.rate}, burst={self.burst})"
