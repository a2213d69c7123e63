"""RedisTokenStore against a real redis-server: versions, the lock, its expiry and release."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from mailru_sdk.errors import RedisUnavailableError, TokenLockTimeoutError
from mailru_sdk.stores.redis_tokens import RedisTokenStore
from mailru_sdk.stores.tokens import StoredTokens, TokenStore
from tests.together import most_holders_at_once
from tests.workers.server import RedisServer, free_port


def tokens(access: str) -> Any:
    return {
        "access_token": access,
        "refresh_token": "r-" + access,
        "expires_in": 86400,
        "expires_at": 1800000000.5,
        "uid": "1",
    }


def test_it_is_a_token_store(redis_client: redis.Redis) -> None:
    assert isinstance(RedisTokenStore(redis_client), TokenStore)


@pytest.mark.parametrize("decode_responses", [False, True])
def test_saves_count_versions_and_an_older_or_equal_version_is_refused(
    redis_server: RedisServer, decode_responses: bool
) -> None:
    store = RedisTokenStore(redis_server.client(decode_responses=decode_responses), prefix="t:")
    assert store.load("k") is None
    assert store.save("k", tokens("a")) == StoredTokens(tokens("a"), 1)
    assert store.save("k", tokens("b"), version=2) == StoredTokens(tokens("b"), 2)
    # a stale writer that read version 1 too cannot replace b with older tokens
    assert store.save("k", tokens("c"), version=2) == StoredTokens(tokens("b"), 2)
    assert store.save("k", tokens("d"), version=1) == StoredTokens(tokens("b"), 2)
    assert store.load("k") == StoredTokens(tokens("b"), 2)
    assert store.save("k", tokens("e")) == StoredTokens(tokens("e"), 3)  # a new login
    assert redis_server.client().keys("*") == [b"t:k"]
    store.delete("k")
    assert store.load("k") is None


def test_two_stores_on_one_server_see_each_other(redis_server: RedisServer) -> None:
    one, two = RedisTokenStore(redis_server.client()), RedisTokenStore(redis_server.client())
    one.save("user:1", tokens("a"))
    assert two.load("user:1") == StoredTokens(tokens("a"), 1)
    assert two.load("user:2") is None


def test_foreign_data_under_a_key_is_a_clear_error_without_its_content(
    redis_client: redis.Redis,
) -> None:
    redis_client.hset("mailru_sdk:tokens:k", mapping={"tokens": "secret-ish{", "version": 1})
    with pytest.raises(ValueError, match="not what RedisTokenStore writes") as info:
        RedisTokenStore(redis_client).load("k")
    assert "secret-ish" not in str(info.value) and info.value.__cause__ is None


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"lock_ttl": 0}, ValueError, "lock_ttl"),
        ({"lock_wait": -1}, ValueError, "lock_wait"),
        ({"prefix": 3}, TypeError, "prefix"),
    ],
)
def test_bad_options_are_refused(
    redis_client: redis.Redis, options: dict[str, Any], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        RedisTokenStore(redis_client, **options)


def test_a_client_is_required() -> None:
    with pytest.raises(TypeError, match=r"redis\.Redis"):
        RedisTokenStore("redis://localhost")  # type: ignore[arg-type]


def test_bad_keys_and_versions_are_refused(redis_client: redis.Redis) -> None:
    store = RedisTokenStore(redis_client)
    with pytest.raises(ValueError, match="token_key"):
        store.load("")
    with pytest.raises(ValueError, match="version"):
        store.save("k", tokens("a"), version=0)


def test_the_lock_is_exclusive_across_stores(redis_server: RedisServer) -> None:
    stores = [RedisTokenStore(redis_server.client()) for _ in range(4)]
    assert most_holders_at_once(stores, "k", rounds=10, hold=0.001) == 1
    assert redis_server.client().exists("mailru_sdk:tokens:k:lock") == 0  # released


def test_the_lock_expires_after_its_lifetime(redis_client: redis.Redis) -> None:
    store = RedisTokenStore(redis_client, lock_ttl=2.5)
    with store.lock("k"):
        ttl = redis_client.pttl("mailru_sdk:tokens:k:lock")
        assert 2000 < ttl <= 2500


def test_waiting_past_the_bound_raises_a_clear_error(redis_server: RedisServer) -> None:
    holder = RedisTokenStore(redis_server.client())
    waiter = RedisTokenStore(redis_server.client(), lock_wait=0.1)
    with (
        holder.lock("user:1"),
        pytest.raises(TokenLockTimeoutError) as info,
        waiter.lock("user:1"),
    ):
        pass
    text = str(info.value)
    assert "0.1s" in text and "'user:1'" in text and f"127.0.0.1:{redis_server.port}/0" in text


class InTheBlock(Exception):
    """Raised inside a lock's block: it must come out of the block unchanged."""


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll ``condition`` for up to ``timeout`` seconds (bounded): whether it came true."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def watchdogs() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("mailru-sdk lock watchdog")]


def test_a_block_longer_than_the_lock_ttl_keeps_the_lock(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    holder = RedisTokenStore(redis_server.client(), lock_ttl=0.3)
    waiter = RedisTokenStore(redis_server.client(), lock_wait=10)
    client = redis_server.client()
    entered = threading.Event()
    holder_done = False
    saw_holder_done: list[bool] = []

    def wait_for_the_lock() -> None:
        with waiter.lock("k"):
            saw_holder_done.append(holder_done)
            entered.set()

    thread = threading.Thread(target=wait_for_the_lock)
    with caplog.at_level(logging.WARNING, "mailru_sdk"), holder.lock("k"):
        mine = client.get("mailru_sdk:tokens:k:lock")
        thread.start()
        # a slow refresh: more than three lifetimes of the lock, which the watchdog extends
        assert not entered.wait(1.0), "the waiter got in while the holder was still inside"
        assert client.get("mailru_sdk:tokens:k:lock") == mine
        assert 0 < client.pttl("mailru_sdk:tokens:k:lock") <= 300
        holder_done = True
    assert entered.wait(10)  # the waiter gets in once the holder leaves...
    thread.join(10)
    assert saw_holder_done == [True]  # ...and not before
    assert caplog.text == ""  # nothing was lost
    assert wait_for(lambda: not watchdogs()), "a watchdog outlived its block"
    assert client.exists("mailru_sdk:tokens:k:lock") == 0


def test_a_holder_whose_lock_was_lost_does_not_release_the_next_holders(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    slow = RedisTokenStore(redis_server.client(), lock_ttl=30)
    other = RedisTokenStore(redis_server.client(), lock_ttl=30)
    client = redis_server.client()
    entered = threading.Event()
    leave = threading.Event()

    def next_holder() -> None:
        with other.lock("k"):
            entered.set()
            leave.wait(10)

    thread = threading.Thread(target=next_holder)
    with (
        caplog.at_level(logging.WARNING, "mailru_sdk"),
        pytest.raises(InTheBlock),  # the block's own outcome, not hidden by the release
        slow.lock("k"),
    ):
        client.delete("mailru_sdk:tokens:k:lock")  # the slow holder's lock is gone...
        thread.start()
        assert entered.wait(10)  # ...and the next holder takes it
        raise InTheBlock
    # the slow holder left its block: the next holder's lock is still there
    assert client.exists("mailru_sdk:tokens:k:lock") == 1
    leave.set()
    thread.join(10)
    assert client.exists("mailru_sdk:tokens:k:lock") == 0
    assert caplog.text.count("expired while held") == 1


def test_the_watchdog_reports_a_lost_lock_once_and_leaves_the_new_holders_alone(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    store = RedisTokenStore(redis_server.client(), lock_ttl=0.3)
    client = redis_server.client()
    with caplog.at_level(logging.WARNING, "mailru_sdk"), store.lock("k"):
        client.set("mailru_sdk:tokens:k:lock", "someone else", px=60_000)  # taken over
        assert wait_for(lambda: "expired while held" in caplog.text)
        assert client.pttl("mailru_sdk:tokens:k:lock") > 1000  # not shortened to lock_ttl
    assert client.get("mailru_sdk:tokens:k:lock") == b"someone else"  # not released either
    assert caplog.text.count("expired while held") == 1  # the release does not repeat it
    assert wait_for(lambda: not watchdogs())


def test_redis_down_while_the_lock_is_held_is_logged_and_never_raised(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    store = RedisTokenStore(
        redis_server.client(retry=Retry(NoBackoff(), 0), socket_timeout=0.5), lock_ttl=0.3
    )
    with (
        caplog.at_level(logging.WARNING, "mailru_sdk"),
        pytest.raises(InTheBlock),
        store.lock("k"),
    ):
        redis_server.stop()
        assert wait_for(lambda: "could not extend the refresh lock" in caplog.text)
        raise InTheBlock
    assert caplog.text.count("could not extend the refresh lock") == 1  # once, not every wake
    assert "could not release the refresh lock of token key 'k'" in caplog.text
    assert wait_for(lambda: not watchdogs())


def test_unreachable_redis_while_taking_the_lock_is_redis_unavailable() -> None:
    port = free_port()
    store = RedisTokenStore(redis.Redis(host="127.0.0.1", port=port, retry=Retry(NoBackoff(), 0)))
    with pytest.raises(RedisUnavailableError) as info, store.lock("user:1"):
        pass
    assert f"Redis at 127.0.0.1:{port}/0 failed while taking the refresh lock of key " in str(
        info.value
    )
    assert isinstance(info.value.__cause__, redis.ConnectionError)
    assert not watchdogs()


def test_repr_names_the_server_not_its_password(redis_server: RedisServer) -> None:
    store = RedisTokenStore(redis_server.client(password="hunter2"), prefix="app:")
    assert repr(store) == f"<RedisTokenStore redis=127.0.0.1:{redis_server.port}/0 prefix='app:'>"
