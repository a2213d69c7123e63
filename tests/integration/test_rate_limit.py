"""``rate_limit=`` on a session shared by 8 threads, against the loopback emulator.

The limiter's clock is virtual (see tests/virtualclock.py): the requests are
real HTTP on 127.0.0.1, but the limiter's waits take no real time, and the
emulator stamps each request with the virtual time it arrived at, so the
observed rate is exact whatever the machine's speed.
"""

from __future__ import annotations

import itertools
import threading
import types
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest

from mailru_sdk import API, ServerSession
from mailru_sdk.stores.ratelimit import RateLimiter
from mailru_sdk.testing import LoopbackPlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID
from tests.virtualclock import VirtualClock

RATE = 20.0


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> VirtualClock:
    virtual = VirtualClock()
    fake_time = types.SimpleNamespace(monotonic=virtual.monotonic, sleep=virtual.sleep)
    monkeypatch.setattr("mailru_sdk.stores.ratelimit.time", fake_time)
    monkeypatch.setattr("mailru_sdk._pipeline._sleep", virtual.sleep)
    return virtual


@pytest.fixture
def arrivals() -> list[float]:
    return []


@pytest.fixture
def platform(clock: VirtualClock, arrivals: list[float]) -> Iterator[LoopbackPlatform]:
    lock = threading.Lock()

    def friends_get(params: Mapping[str, str]) -> Any:
        with lock:
            arrivals.append(clock.now)
        return ["100"]

    handlers = {"friends.get": friends_get}
    with LoopbackPlatform({APP_ID: (PRIVATE_KEY, SECRET_KEY)}, {ACCESS_TOKEN: UID}, handlers) as p:
        yield p


def test_eight_threads_sharing_a_session_observe_its_rate(
    platform: LoopbackPlatform, clock: VirtualClock, arrivals: list[float]
) -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=platform.url, rate_limit=RATE)
    api = API(session)
    results: list[list[str]] = []

    def worker() -> Callable[[], None]:
        def work() -> None:
            for _ in range(10):
                results.append(api.friends.get())

        return work

    clock.run([worker() for _ in range(8)])

    assert len(results) == 80 and all(r == ["100"] for r in results)
    arrivals.sort()
    observed = (len(arrivals) - 1) / (arrivals[-1] - arrivals[0])
    assert abs(observed - RATE) <= 0.1 * RATE
    # no two requests closer than the spacing (1/20 s), beyond float rounding
    assert min(b - a for a, b in itertools.pairwise(arrivals)) >= 1 / RATE - 1e-9


def test_the_limiter_lock_is_free_while_a_request_is_in_flight(
    platform: LoopbackPlatform,
) -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=platform.url, rate_limit=1000)
    limiter = session.rate_limiter
    assert isinstance(limiter, RateLimiter)
    seen: list[bool] = []

    def friends_get(params: Mapping[str, str]) -> Any:
        seen.append(limiter._lock.locked())  # answered while the caller's request is open
        return ["100"]

    platform.handlers["friends.get"] = friends_get
    assert session.call("friends.get") == ["100"]
    assert seen == [False]
