"""A rate limit shared by every process and host using one Redis: the platform limits per app.

``rate_limit=5`` in each of 8 workers lets 40 calls a second out; a
[`RedisRateLimiter`][mailru_sdk.stores.redis_ratelimit.RedisRateLimiter] with the same ``key`` in
all of them lets 5 out.
Needs the ``redis`` extra (``pip install 'mailru-sdk[redis]'``).

How: the next free slot (a time on the server's clock, in microseconds) is
one Redis key. A short Lua script, atomic on the server, reads the server's
clock (``TIME``), takes the later of "now" and the stored slot, moves the
stored slot one interval on and returns the wait. The caller sleeps that
long without holding anything. Hosts whose clocks disagree still agree on the
slots, since only the server's clock is read; each call costs one round trip.
"""

from __future__ import annotations

import logging
import math
import time
from typing import Any, overload

from mailru_sdk.errors import RedisUnavailableError
from mailru_sdk.stores._redis import address, check_client, redis, translated
from mailru_sdk.stores.ratelimit import RateLimit, check_burst, check_rate

__all__ = ["RedisRateLimiter"]

logger = logging.getLogger("mailru_sdk")

# KEYS[1]: the next free slot, microseconds on the server's clock.
# ARGV[1]: the interval between slots (microseconds); ARGV[2]: the burst;
# ARGV[3]: the longest wait the caller accepts (microseconds; -1: any).
# Returns the microseconds to wait for the reserved slot (0: go now), or -1 when
# the slot is further off than the caller accepts: then nothing is reserved.
_RESERVE = """
if redis.replicate_commands then redis.replicate_commands() end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local interval = tonumber(ARGV[1])
local slot = now - (tonumber(ARGV[2]) - 1) * interval
local stored = tonumber(redis.call('GET', KEYS[1]))
if stored and stored > slot then slot = stored end
local max_wait = tonumber(ARGV[3])
if max_wait >= 0 and slot - now > max_wait then return -1 end
local after = slot + interval
-- the key outlives the last reserved slot by a second, then an idle limit costs nothing
local ttl = math.ceil((after - now) / 1000) + 1000
redis.call('SET', KEYS[1], string.format('%.0f', after), 'PX', ttl)
if slot <= now then return 0 end
return math.floor(slot - now)
"""


class RedisRateLimiter:
    """At most ``rate`` calls per second for all the limiters sharing ``key`` on one Redis.

    Give it to a session where a number of calls per second goes
    (``rate_limit=``); it satisfies [`RateLimit`][mailru_sdk.stores.ratelimit.RateLimit].

    Args:
        client: a ``redis.Redis`` (e.g. ``redis.Redis.from_url(url)``); give it
            ``socket_timeout`` and ``socket_connect_timeout`` of a second or so,
            so that an unreachable server fails fast.
        rate: calls per second (above 0), for everyone using ``key``.
        key: the Redis key holding the next free slot, one per application,
            e.g. ``"mailru:rate:423004"``.
        burst: how many calls may start at once after an idle period.
        fallback: used while Redis fails (e.g. a
            [`RateLimiter`][mailru_sdk.stores.ratelimit.RateLimiter] with the rate divided by
            the number of workers); ``None``: the call raises
            [`RedisUnavailableError`][mailru_sdk.errors.RedisUnavailableError].
    """

    def __init__(
        self,
        client: redis.Redis,
        rate: float,
        *,
        key: str,
        burst: int = 1,
        fallback: RateLimit | None = None,
    ) -> None:
        self.client = check_client(client)
        self.rate = check_rate("rate", rate)
        if not isinstance(key, str) or not key:
            raise ValueError(f"key must be a non-empty str like 'mailru:rate:423004', got {key!r}")
        self.burst = check_burst(burst)
        if fallback is not None and not isinstance(fallback, RateLimit):
            raise TypeError("fallback must be a rate limiter with reserve() and acquire(), or None")
        self.key = key
        self.fallback = fallback
        # whole microseconds: the slots are computed in integers on the server
        self._interval_us = max(1, round(1_000_000 / self.rate))
        self._script: Any = self.client.register_script(_RESERVE)
        self._warned_at = -math.inf

    @overload
    def reserve(self, max_wait: None = None) -> float: ...
    @overload
    def reserve(self, max_wait: float) -> float | None: ...
    def reserve(self, max_wait: float | None = None) -> float | None:
        """Reserve the next slot on the server; returns the seconds to wait for it (0 if none).

        ``None``, with nothing reserved, when the slot is more than ``max_wait``
        seconds off: a call that gives up (its deadline) must not push every
        other worker's slots on.

        Raises:
            RedisUnavailableError: Redis failed and there is no ``fallback``.
        """
        limit_us = -1 if max_wait is None else max(0, int(max_wait * 1_000_000))
        try:
            with translated(self.client, f"reserving a rate-limit slot (key {self.key!r})"):
                waited_us = self._script(
                    keys=[self.key], args=[self._interval_us, self.burst, limit_us]
                )
        except RedisUnavailableError as exc:
            if self.fallback is None:
                raise
            self._warn_fallback(exc)
            return self.fallback.reserve(max_wait)
        if int(waited_us) < 0:
            return None
        return int(waited_us) / 1_000_000

    def _warn_fallback(self, exc: RedisUnavailableError) -> None:
        # once a minute at most: a worker calling 20 times a second would flood the log
        now = time.monotonic()
        if now - self._warned_at >= 60.0:
            self._warned_at = now
            logger.warning("rate limit: %s; using the fallback limiter", exc)

    def acquire(self) -> None:
        """Wait (holding nothing) until this call may start."""
        wait = self.reserve()
        if wait:
            time.sleep(wait)

    def __repr__(self) -> str:
        return (
            f"RedisRateLimiter(rate={self.rate}, key={self.key!r}, burst={self.burst}, "
            f"redis={address(self.client)})"
        )
