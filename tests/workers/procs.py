"""What the worker processes of the Redis tests run (importable, as the spawn start method needs).

Each worker builds its own Redis client, store or limiter and sessions, as a
web worker process would, and reports through a ``multiprocessing`` queue.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from typing import Any

import redis

from mailru_sdk import RefreshServerSession, ServerSession
from mailru_sdk.stores.redis_ratelimit import RedisRateLimiter
from mailru_sdk.stores.redis_tokens import RedisTokenStore
from mailru_sdk.testing import EXAMPLE

#: how long a worker waits for the others at the start line
START_TIMEOUT = 60.0

#: (call succeeded, error class name or "", the session's access token at the end)
Outcome = tuple[bool, str, str]


def spawn() -> Any:
    """The multiprocessing context of the tests: spawn (the parent runs server threads)."""
    return multiprocessing.get_context("spawn")


def client(port: int) -> redis.Redis:
    """A worker's Redis client: short timeouts, as docs/workers.md recommends."""
    return redis.Redis(host="127.0.0.1", port=port, socket_timeout=5, socket_connect_timeout=5)


def refresh_worker(
    port: int,
    api_url: str,
    token_url: str,
    key: str,
    threads: int,
    start: Any,
    results: Any,
) -> None:
    """``threads`` threads, a session each from the store, one call each; puts the outcomes."""
    store = RedisTokenStore(client(port), lock_ttl=10.0)
    outcomes: list[Outcome] = []
    lock = threading.Lock()

    def one() -> None:
        stored = store.load(key)
        assert stored is not None
        session = RefreshServerSession(
            EXAMPLE.app_id,
            EXAMPLE.secret_key,
            stored.tokens["refresh_token"],
            api_url=api_url,
            token_url=token_url,
            token_store=store,
            token_key=key,
        ).load_tokens(stored.tokens)
        start.wait(START_TIMEOUT)
        try:
            session.call("friends.get")
        except Exception as exc:
            outcome: Outcome = (False, type(exc).__name__, session.access_token)
        else:
            outcome = (True, "", session.access_token)
        with lock:
            outcomes.append(outcome)

    workers = [threading.Thread(target=one) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(START_TIMEOUT)
    results.put(outcomes)


def rate_worker(
    port: int,
    api_url: str,
    access_token: str,
    rate: float,
    key: str,
    calls: int,
    start: Any,
    results: Any,
) -> None:
    """``calls`` calls in a row, as fast as the shared limit lets them; puts the count."""
    limiter = RedisRateLimiter(client(port), rate, key=key)
    session = ServerSession(
        EXAMPLE.app_id, EXAMPLE.secret_key, access_token, api_url=api_url, rate_limit=limiter
    )
    start.wait(START_TIMEOUT)
    done = 0
    for _ in range(calls):
        session.call("friends.get")
        done += 1
    results.put(done)


def lock_holder(port: int, key: str, lock_ttl: float, holding: Any) -> None:
    """Take ``key``'s refresh lock and keep it until killed (a worker that dies mid-refresh)."""
    store = RedisTokenStore(client(port), lock_ttl=lock_ttl)
    with store.lock(key):
        holding.set()
        time.sleep(120)
