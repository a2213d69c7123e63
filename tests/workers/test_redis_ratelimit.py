"""RedisRateLimiter against a real redis-server: slots on the server's clock, shared by key."""

from __future__ import annotations

import logging
import types
from typing import Any

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from mailru_sdk import API, RedisUnavailableError
from mailru_sdk.stores.ratelimit import RateLimit, RateLimiter
from mailru_sdk.stores.redis_ratelimit import RedisRateLimiter
from mailru_sdk.testing import LoopbackPlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID
from tests.workers.server import RedisServer, free_port

#: a reservation's wait is computed on the server from its clock: consecutive reservations
#: are one interval apart, less the time between them (well under this, even on a loaded
#: machine); the intervals here are 0.5 s, so the checks stay meaningful
SLACK = 0.2


def test_it_is_a_rate_limit(redis_client: redis.Redis) -> None:
    assert isinstance(RedisRateLimiter(redis_client, 5, key="k"), RateLimit)
    assert isinstance(RateLimiter(5), RateLimit)


def test_slots_are_one_interval_apart_and_shared_by_key(redis_server: RedisServer) -> None:
    one = RedisRateLimiter(redis_server.client(), 2, key="app:1")
    two = RedisRateLimiter(redis_server.client(), 2, key="app:1")
    other_app = RedisRateLimiter(redis_server.client(), 2, key="app:2")
    waits = [one.reserve(), two.reserve(), one.reserve(), two.reserve()]
    assert waits[0] == 0
    for n, wait in enumerate(waits[1:], start=1):
        assert n * 0.5 - SLACK <= wait <= n * 0.5, waits
    assert other_app.reserve() == 0  # another key, another limit


def test_a_burst_goes_at_once_then_the_rate_holds(redis_client: redis.Redis) -> None:
    limiter = RedisRateLimiter(redis_client, 2, key="k", burst=3)
    waits = [limiter.reserve() for _ in range(4)]
    assert waits[:3] == [0, 0, 0]
    assert 0.5 - SLACK <= waits[3] <= 0.5


def test_only_the_servers_clock_is_read(
    redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    # hosts with skewed clocks agree: the limiter never looks at the local clock
    def skewed() -> float:
        raise AssertionError("the local clock was read")

    monkeypatch.setattr(
        "mailru_sdk.stores.redis_ratelimit.time",
        types.SimpleNamespace(time=skewed, monotonic=skewed, sleep=lambda s: None),
    )
    limiter = RedisRateLimiter(redis_client, 10, key="k")
    assert limiter.reserve() == 0
    assert limiter.reserve() > 0


def test_acquire_sleeps_for_the_reserved_slot(
    redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(
        "mailru_sdk.stores.redis_ratelimit.time", types.SimpleNamespace(sleep=slept.append)
    )
    limiter = RedisRateLimiter(redis_client, 2, key="k")
    limiter.acquire()
    limiter.acquire()
    assert len(slept) == 1 and 0.5 - SLACK <= slept[0] <= 0.5


def test_an_idle_limit_leaves_no_key_behind(redis_client: redis.Redis) -> None:
    RedisRateLimiter(redis_client, 2, key="k").reserve()
    assert 0 < redis_client.pttl("k") <= 1500  # the next slot (0.5 s ahead) plus a second


def test_a_session_sends_through_it(redis_client: redis.Redis) -> None:
    with LoopbackPlatform(
        apps={APP_ID: (PRIVATE_KEY, SECRET_KEY)}, tokens={ACCESS_TOKEN: UID}
    ) as p:
        from mailru_sdk import ClientSession

        limiter = RedisRateLimiter(redis_client, 1000, key="k")
        session = ClientSession(
            APP_ID, PRIVATE_KEY, ACCESS_TOKEN, UID, api_url=p.url, rate_limit=limiter
        )
        assert session.rate_limiter is limiter
        assert API(session).friends.get() == ["100", "200"]
    assert redis_client.exists("k") == 1


@pytest.mark.parametrize(
    ("rate", "options", "error", "match"),
    [
        (0, {"key": "k"}, ValueError, "rate"),
        (float("nan"), {"key": "k"}, ValueError, "rate"),
        ("5", {"key": "k"}, TypeError, "rate"),
        (True, {"key": "k"}, TypeError, "rate"),
        (5, {"key": ""}, ValueError, "key"),
        (5, {"key": "k", "burst": 0}, ValueError, "burst"),
        (5, {"key": "k", "fallback": 5}, TypeError, "fallback"),
    ],
)
def test_bad_settings_are_refused(
    redis_client: redis.Redis,
    rate: Any,
    options: dict[str, Any],
    error: type[Exception],
    match: str,
) -> None:
    with pytest.raises(error, match=match):
        RedisRateLimiter(redis_client, rate, **options)


def test_unreachable_redis_raises_a_clear_error_naming_it() -> None:
    port = free_port()
    client = redis.Redis(host="127.0.0.1", port=port, password="pw12", retry=Retry(NoBackoff(), 0))
    limiter = RedisRateLimiter(client, 5, key="k")
    with pytest.raises(RedisUnavailableError) as info:
        limiter.acquire()
    text = str(info.value)
    assert f"Redis at 127.0.0.1:{port}/0" in text and "rate-limit slot" in text
    assert "pw12" not in text and isinstance(info.value.__cause__, redis.ConnectionError)
    assert "pw12" not in repr(limiter)


def test_the_fallback_limits_while_redis_is_down(caplog: pytest.LogCaptureFixture) -> None:
    # no retries: redis-py's default policy backs off for seconds before giving up
    client = redis.Redis(host="127.0.0.1", port=free_port(), retry=Retry(NoBackoff(), 0))
    fallback = RateLimiter(0.5)
    limiter = RedisRateLimiter(client, 40, key="k", fallback=fallback)
    with caplog.at_level(logging.WARNING, "mailru_sdk"):
        waits = [limiter.reserve(), limiter.reserve()]
    assert waits[0] == 0 and 2.0 - SLACK <= waits[1] <= 2.0  # the fallback's slots, 2 s apart
    assert "using the fallback limiter" in caplog.text


def test_a_restart_mid_run_is_survived(redis_server: RedisServer) -> None:
    # the restarted server has lost the slot key and the script cache (NOSCRIPT): the
    # client reconnects, the script is loaded again, the limit starts afresh
    limiter = RedisRateLimiter(redis_server.client(), 10, key="k")
    assert limiter.reserve() == 0
    redis_server.restart()
    assert limiter.reserve() == 0
    assert limiter.reserve() > 0


def test_a_slot_too_far_off_is_not_reserved_on_the_server(redis_client: redis.Redis) -> None:
    """Regression: calls giving up on their deadline pushed every worker's slots on."""
    limiter = RedisRateLimiter(redis_client, 2, key="far")
    assert limiter.reserve() == 0.0
    for _ in range(20):
        assert limiter.reserve(max_wait=0.1) is None
    wait = limiter.reserve(max_wait=1.0)
    assert wait is not None and 0.3 < wait <= 0.5  # still the second slot, not the 22nd


def test_the_fallback_warning_is_logged_once_not_per_call(
    caplog: pytest.LogCaptureFixture,
) -> None:
    down = redis.Redis(port=free_port(), socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0))
    limiter = RedisRateLimiter(down, 5, key="k", fallback=RateLimiter(1000))
    with caplog.at_level(logging.WARNING, logger="mailru_sdk"):
        for _ in range(5):
            assert limiter.reserve() is not None
    assert len([r for r in caplog.records if "fallback" in r.getMessage()]) == 1
