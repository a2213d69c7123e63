"""The shared rate limiter (mailru_sdk.stores.ratelimit), in virtual time: exact and instant.

``time`` inside mailru_sdk.stores.ratelimit is replaced by a :class:`VirtualClock`:
threads really run concurrently and really block in ``sleep``, but time moves
only when every thread is asleep, so the observed rates below are exact and do
not depend on the machine.
"""

from __future__ import annotations

import math
import threading
import types
from collections.abc import Callable

import pytest
import responses

from mailru_sdk import ServerSession
from mailru_sdk.stores.ratelimit import RateLimiter
from tests.conftest import ACCESS_TOKEN, API_URL, APP_ID, SECRET_KEY
from tests.virtualclock import StuckError, VirtualClock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> VirtualClock:
    virtual = VirtualClock()
    fake_time = types.SimpleNamespace(monotonic=virtual.monotonic, sleep=virtual.sleep)
    monkeypatch.setattr("mailru_sdk.stores.ratelimit.time", fake_time)
    return virtual


def hammer(
    clock: VirtualClock, limiter: RateLimiter, threads: int, calls: int, latency: float
) -> list[float]:
    """``threads`` workers each start ``calls`` calls through ``limiter``; the start times."""
    starts: list[float] = []
    lock = threading.Lock()

    def worker(index: int) -> Callable[[], None]:
        def work() -> None:
            for n in range(calls):
                limiter.acquire()
                with lock:
                    starts.append(clock.now)
                # the request itself: a different duration per thread and per call
                clock.sleep(latency * (1 + (index + n) % 3))

        return work

    clock.run([worker(i) for i in range(threads)])
    return sorted(starts)


def observed_rate(starts: list[float]) -> float:
    return (len(starts) - 1) / (starts[-1] - starts[0])


def most_in_one_second(starts: list[float]) -> int:
    """The largest number of starts inside any window [t, t + 1 s)."""
    return max(sum(1 for s in starts if t <= s < t + 1 - 1e-9) for t in starts)


@pytest.mark.parametrize(("rate", "latency"), [(20.0, 0.01), (5.0, 0.3), (2.5, 0.05)])
def test_eight_threads_observe_the_limit(clock: VirtualClock, rate: float, latency: float) -> None:
    starts = hammer(clock, RateLimiter(rate), threads=8, calls=25, latency=latency)
    assert len(starts) == 200
    assert abs(observed_rate(starts) - rate) <= 0.1 * rate
    # and never more than the limit in any second
    assert most_in_one_second(starts) <= math.ceil(rate)


def test_calls_slower_than_the_limit_never_wait(clock: VirtualClock) -> None:
    limiter = RateLimiter(10)
    starts: list[float] = []

    def worker() -> None:
        for _ in range(5):
            limiter.acquire()
            starts.append(clock.now)
            clock.sleep(0.5)  # a request slower than the 0.1 s spacing

    clock.run([worker])
    assert starts == [0.0, 0.5, 1.0, 1.5, 2.0]


def test_burst_lets_that_many_calls_start_at_once_then_the_rate_holds(
    clock: VirtualClock,
) -> None:
    limiter = RateLimiter(4, burst=3)
    starts = hammer(clock, limiter, threads=8, calls=10, latency=0.001)
    assert starts[:3] == [0.0, 0.0, 0.0] and starts[3] > 0
    after_burst = starts[2:]
    assert abs(observed_rate(after_burst) - 4) <= 0.4


def test_reserve_gives_consecutive_slots_without_sleeping(clock: VirtualClock) -> None:
    limiter = RateLimiter(4)
    assert [limiter.reserve() for _ in range(4)] == [0.0, 0.25, 0.5, 0.75]
    clock.now = 10.0  # idle for a while: no debt, no credit beyond the burst
    assert limiter.reserve() == 0.0 and limiter.reserve() == 0.25


def test_the_lock_is_not_held_while_a_thread_sleeps(clock: VirtualClock) -> None:
    limiter = RateLimiter(1)
    observations: list[tuple[bool, float]] = []

    def sleeper() -> None:
        limiter.acquire()  # slot 0: no wait
        limiter.acquire()  # slot 1 s: sleeps on the clock

    def other() -> None:
        clock.sleep(0.5)  # while the sleeper waits for its slot
        observations.append((limiter._lock.locked(), limiter.reserve()))

    clock.run([sleeper, other])
    # other's reserve() went through at t=0.5 while sleeper slept: it got the slot at 2 s
    assert observations == [(False, 1.5)]


def test_a_limiter_holding_its_lock_while_sleeping_would_be_caught(
    clock: VirtualClock,
) -> None:
    # the same scenario with a limiter that sleeps under its lock: time stops
    class Blocking(RateLimiter):
        def acquire(self) -> None:
            self._lock.acquire()
            try:
                clock.sleep(1.0)
            finally:
                self._lock.release()

    limiter = Blocking(1)

    def sleeper() -> None:
        limiter.acquire()

    def other() -> None:
        clock.sleep(0.5)
        limiter.reserve()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tests.virtualclock._STUCK_AFTER", 0.5)
        with pytest.raises(StuckError):
            clock.run([sleeper, other])
        # let the stuck threads finish: time moves on, the lock is released
        clock.now = 10.0
        with clock._cond:
            clock._cond.notify_all()


@pytest.mark.parametrize(
    ("rate", "error", "match"),
    [
        (0, ValueError, "above 0"),
        (-1, ValueError, "above 0"),
        (math.inf, ValueError, "finite"),
        (math.nan, ValueError, "finite"),
        ("5", TypeError, "calls per second"),
        (True, TypeError, "calls per second"),
    ],
)
def test_bad_rates_are_refused(rate: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        RateLimiter(rate)  # type: ignore[arg-type]
    with pytest.raises(error, match=match):
        ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, rate_limit=rate)  # type: ignore[arg-type]


@pytest.mark.parametrize("burst", [0, -1, 1.5, True])
def test_bad_bursts_are_refused(burst: object) -> None:
    with pytest.raises(ValueError, match="burst"):
        RateLimiter(1, burst=burst)  # type: ignore[arg-type]


def test_repr() -> None:
    assert repr(RateLimiter(2.5, burst=2)) == "RateLimiter(rate=2.5, burst=2)"


# -- on a session ----------------------------------------------------------------------------


@responses.activate
def test_a_session_acquires_a_slot_for_every_attempt_retries_included(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waits: list[float] = []
    fake_time = types.SimpleNamespace(monotonic=lambda: 100.0, sleep=waits.append)
    monkeypatch.setattr("mailru_sdk.stores.ratelimit.time", fake_time)
    monkeypatch.setattr("mailru_sdk._pipeline._sleep", waits.append)
    monkeypatch.setattr("mailru_sdk._retry.time.sleep", lambda seconds: None)
    responses.post(API_URL, status=503, body="busy")
    responses.post(API_URL, json=["1"])
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, rate_limit=4)
    assert isinstance(session.rate_limiter, RateLimiter) and session.rate_limiter.rate == 4.0
    assert session.call("friends.get") == ["1"]  # two attempts
    assert session.call("friends.get") == ["1"]
    # the clock stands still: slots at +0, +0.25, +0.5 s
    assert waits == [0.25, 0.5]
    assert len(responses.calls) == 3


def test_no_limit_by_default() -> None:
    assert ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN).rate_limiter is None


def test_a_slot_too_far_off_for_the_caller_is_not_reserved(clock: VirtualClock) -> None:
    limiter = RateLimiter(2.0)
    assert limiter.reserve() == 0.0
    assert limiter.reserve(max_wait=0.1) is None  # 0.5 s off: nothing reserved
    assert limiter.reserve(max_wait=0.1) is None
    assert limiter.reserve(max_wait=0.5) == 0.5  # the schedule did not move on


@responses.activate
def test_calls_that_give_up_on_the_limit_leave_the_schedule_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Regression: a call out of time for its slot kept it, and pushed every later slot on."""
    from mailru_sdk.errors import DeadlineExceededError

    monkeypatch.setattr("mailru_sdk._pipeline._sleep", lambda seconds: None)
    responses.post(API_URL, json=["1"])
    limiter = RateLimiter(1.0)
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, rate_limit=limiter)
    assert session.call("friends.get") == ["1"]  # takes the slot now; the next is 1 s off
    for _ in range(50):
        with pytest.raises(DeadlineExceededError, match="waiting for the rate limit"):
            session.call("friends.get", deadline=0.2)
    wait = limiter.reserve()
    assert wait is not None and wait <= 1.0  # not 50 s: no slot was burnt
    assert len(responses.calls) == 1
