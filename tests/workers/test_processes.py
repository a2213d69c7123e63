"""Several processes, one token and one rate limit, through a real Redis on 127.0.0.1.

The fake platform is served by this (the test's) process on 127.0.0.1 and
records every request; the workers are separate processes (spawned), each
with its own Redis client, store or limiter, and sessions, as web workers are.
"""

from __future__ import annotations

import os
import queue
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from mailru_sdk import RefreshServerSession
from mailru_sdk.stores.redis_tokens import RedisTokenStore
from mailru_sdk.testing import EXAMPLE, FakePlatform
from tests.workers import procs
from tests.workers.server import RedisServer

PROCESSES = 4
THREADS = 8
KEY = "user:1324730981306483817"
OLD_ACCESS = "0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld00"
OLD_REFRESH = "0ldrefresh0ldrefresh0ldrefresh00"


@pytest.fixture
def fake() -> Iterator[FakePlatform]:
    """The fake platform on 127.0.0.1, knowing the old tokens of the example user."""
    platform = FakePlatform(
        tokens={OLD_ACCESS: EXAMPLE.uid}, refresh_tokens={OLD_REFRESH: EXAMPLE.uid}
    )
    platform.serve()
    yield platform
    platform.stop()


def old_tokens() -> Any:
    return {
        "access_token": OLD_ACCESS,
        "refresh_token": OLD_REFRESH,
        "expires_in": 86400,
        "expires_at": None,
        "uid": EXAMPLE.uid,
    }


def refresh_requests(fake: FakePlatform) -> list[dict[str, str]]:
    return [form for form in fake.token_requests if form.get("grant_type") == "refresh_token"]


def run_workers(target: Any, args_for: list[tuple[Any, ...]], timeout: float = 60) -> list[Any]:
    """Start one spawned process per args tuple (each gets the start barrier and result queue)."""
    ctx = procs.spawn()
    start = ctx.Barrier(sum(a[-1] if target is procs.refresh_worker else 1 for a in args_for))
    results = ctx.Queue()
    workers = [ctx.Process(target=target, args=(*args, start, results)) for args in args_for]
    for worker in workers:
        worker.start()
    collected: list[Any] = []
    deadline = time.monotonic() + timeout
    try:
        while len(collected) < len(workers):
            try:
                collected.append(results.get(timeout=0.2))
            except queue.Empty:
                # a worker that died (an assertion, an exception) never reports: stop waiting
                dead = [w.exitcode for w in workers if w.exitcode not in (None, 0)]
                assert not dead and time.monotonic() < deadline, f"workers failed: {dead}"
    finally:
        for worker in workers:
            worker.join(10)
            if worker.is_alive():
                worker.kill()
    assert [worker.exitcode for worker in workers] == [0] * len(workers)
    return collected


def test_four_processes_of_eight_threads_refresh_an_expired_token_once(
    fake: FakePlatform, redis_server: RedisServer
) -> None:
    store = RedisTokenStore(redis_server.client())
    store.save(KEY, old_tokens())
    fake.expire_token(OLD_ACCESS)  # every one of the 32 first calls gets error 102

    per_process = run_workers(
        procs.refresh_worker,
        [(redis_server.port, fake.api_url, fake.token_url, KEY, THREADS) for _ in range(PROCESSES)],
    )

    assert len(refresh_requests(fake)) == 1, "exactly one request reached the token endpoint"
    assert refresh_requests(fake)[0]["refresh_token"] == OLD_REFRESH
    stored = store.load(KEY)
    assert stored is not None and stored.version == 2
    new_access = stored.tokens["access_token"]
    assert new_access not in (OLD_ACCESS, "") and stored.tokens["refresh_token"] != OLD_REFRESH
    outcomes = [outcome for process in per_process for outcome in process]
    assert len(outcomes) == PROCESSES * THREADS
    assert all(ok for ok, _, _ in outcomes), [error for ok, error, _ in outcomes if not ok]
    # every session of every process ends with the new token
    assert {token for _, _, token in outcomes} == {new_access}
    # each call was tried once with the old token (102), then once with the new one
    friends_calls = fake.calls_to("friends.get")
    assert len(friends_calls) == 2 * PROCESSES * THREADS
    assert sum(c.params["session_key"] == new_access for c in friends_calls) == PROCESSES * THREADS


RATE = 20  # calls per second, shared by all the processes
CALLS_PER_PROCESS = 15
#: arrivals at the fake may exceed the limit in a one-second window by this many calls: the
#: limiter spaces the slots exactly 1/RATE apart on Redis' clock, but a call reaches the fake
#: a little after its slot (sleep overshoot plus the request's own latency, well under one
#: slot of 50 ms here), and a late call can share a window with the slots after it
TOLERANCE = 1


def test_four_processes_share_one_rate_limit(fake: FakePlatform, redis_server: RedisServer) -> None:
    arrivals: list[float] = []
    lock = threading.Lock()

    def friends(params: Any) -> list[str]:
        with lock:
            arrivals.append(time.monotonic())
        return ["100"]

    fake.respond("friends.get", friends)
    counts = run_workers(
        procs.rate_worker,
        [
            (
                redis_server.port,
                fake.api_url,
                OLD_ACCESS,
                RATE,
                "mailru:rate:test",
                CALLS_PER_PROCESS,
            )
            for _ in range(PROCESSES)
        ],
    )

    total = PROCESSES * CALLS_PER_PROCESS
    assert counts == [CALLS_PER_PROCESS] * PROCESSES
    assert len(arrivals) == total
    arrivals.sort()
    busiest = max(
        sum(1 for t in arrivals[i:] if t < start + 1.0) for i, start in enumerate(arrivals)
    )
    assert busiest <= RATE + TOLERANCE, f"{busiest} calls in one second"
    # the run takes as long as the limit implies: total calls 1/RATE apart, not less
    # (the limit held), and not much more (the four processes kept the slots filled)
    implied = (total - 1) / RATE
    span = arrivals[-1] - arrivals[0]
    assert implied - 1 / RATE <= span <= implied + 1.0, (span, implied)


def test_a_lock_holder_killed_with_sigkill_delays_the_others_by_the_lock_lifetime_at_most(
    fake: FakePlatform, redis_server: RedisServer
) -> None:
    lock_ttl = 1.5
    store = RedisTokenStore(redis_server.client(), lock_ttl=lock_ttl, lock_wait=lock_ttl + 5)
    store.save(KEY, old_tokens())
    fake.expire_token(OLD_ACCESS)
    ctx = procs.spawn()
    holding = ctx.Event()
    holder = ctx.Process(target=procs.lock_holder, args=(redis_server.port, KEY, lock_ttl, holding))
    holder.start()
    try:
        assert holding.wait(30), "the holder never took the lock"
        taken = time.monotonic()
        assert holder.pid is not None
        os.kill(holder.pid, signal.SIGKILL)  # dies holding the lock, never releasing it
        holder.join(10)
        assert holder.exitcode == -signal.SIGKILL
    finally:
        if holder.is_alive():
            holder.kill()

    finished: list[float] = []
    errors: list[BaseException] = []

    def call() -> None:
        session = RefreshServerSession(
            EXAMPLE.app_id,
            EXAMPLE.secret_key,
            OLD_REFRESH,
            api_url=fake.api_url,
            token_url=fake.token_url,
            token_store=store,
            token_key=KEY,
        ).load_stored()
        try:
            session.call("friends.get")
        except BaseException as exc:
            errors.append(exc)
        finished.append(time.monotonic())

    threads = [threading.Thread(target=call) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert len(finished) == THREADS
    # the dead holder's lock expired lock_ttl after it was taken; the others went on then
    # (1 s allowed for the lock polls, the refresh and the calls on a loaded machine)
    assert max(finished) - taken <= lock_ttl + 1.0
    assert len(refresh_requests(fake)) == 1


def test_a_killed_holders_lock_kept_alive_by_its_watchdog_expires_after_the_lock_ttl(
    redis_server: RedisServer,
) -> None:
    lock_ttl = 0.5
    client = redis_server.client()
    name = "mailru_sdk:tokens:" + KEY + ":lock"
    ctx = procs.spawn()
    holding = ctx.Event()
    holder = ctx.Process(target=procs.lock_holder, args=(redis_server.port, KEY, lock_ttl, holding))
    holder.start()
    try:
        assert holding.wait(30), "the holder never took the lock"
        mine = client.get(name)
        time.sleep(3 * lock_ttl)  # alive: its watchdog keeps extending the lock
        assert client.get(name) == mine
        assert holder.pid is not None
        os.kill(holder.pid, signal.SIGKILL)  # dies holding it, watchdog and all
        holder.join(10)
        assert holder.exitcode == -signal.SIGKILL
    finally:
        if holder.is_alive():
            holder.kill()
    # nobody extends it now: it expires, and a waiter gets it (long before lock_wait runs out)
    waiter = RedisTokenStore(client, lock_ttl=30, lock_wait=10)
    with waiter.lock(KEY):
        assert client.get(name) not in (None, mine)
