"""InMemoryTokenStore: versions, copies, the per-key lock and its wait bound."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from mailru_sdk.errors import TokenLockTimeoutError
from mailru_sdk.stores.tokens import InMemoryTokenStore, StoredTokens, TokenStore
from tests.together import most_holders_at_once


def tokens(access: str) -> Any:
    return {
        "access_token": access,
        "refresh_token": "r-" + access,
        "expires_in": 60,
        "expires_at": None,
        "uid": "1",
    }


def test_it_is_a_token_store() -> None:
    assert isinstance(InMemoryTokenStore(), TokenStore)
    assert not isinstance(object(), TokenStore)


def test_saves_count_versions_and_an_older_or_equal_version_is_refused() -> None:
    store = InMemoryTokenStore()
    assert store.load("k") is None
    assert store.save("k", tokens("a")) == StoredTokens(tokens("a"), 1)
    assert store.save("k", tokens("b"), version=2) == StoredTokens(tokens("b"), 2)
    # a stale writer (it read version 1 too) cannot replace b with its older tokens
    assert store.save("k", tokens("c"), version=2) == StoredTokens(tokens("b"), 2)
    assert store.save("k", tokens("d"), version=1) == StoredTokens(tokens("b"), 2)
    assert store.load("k") == StoredTokens(tokens("b"), 2)
    assert store.save("k", tokens("e")) == StoredTokens(tokens("e"), 3)  # a new login
    store.delete("k")
    assert store.load("k") is None
    store.delete("k")  # nothing to delete: no error


def test_the_store_keeps_copies() -> None:
    store = InMemoryTokenStore()
    mine = tokens("a")
    store.save("k", mine)
    mine["access_token"] = "changed"
    loaded = store.load("k")
    assert loaded is not None and loaded.tokens["access_token"] == "a"
    loaded.tokens["access_token"] = "changed"
    again = store.load("k")
    assert again is not None and again.tokens["access_token"] == "a"


@pytest.mark.parametrize(("key", "error"), [("", ValueError), (None, TypeError), (42, TypeError)])
def test_bad_keys_are_refused(key: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="token_key"):
        InMemoryTokenStore().load(key)


@pytest.mark.parametrize("version", [0, -1, True, 1.5, "2"])
def test_bad_versions_are_refused(version: Any) -> None:
    with pytest.raises(ValueError, match="version"):
        InMemoryTokenStore().save("k", tokens("a"), version=version)


@pytest.mark.parametrize(
    ("wait", "error"), [(0, ValueError), (float("inf"), ValueError), ("1", TypeError)]
)
def test_bad_lock_waits_are_refused(wait: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="lock_wait"):
        InMemoryTokenStore(lock_wait=wait)


def test_the_lock_is_per_key_and_exclusive() -> None:
    store = InMemoryTokenStore()
    with store.lock("other"):  # another key's lock is free while "k" is taken in turns
        assert most_holders_at_once([store] * 4, "k", rounds=20, hold=0.0005) == 1


def test_waiting_past_the_bound_raises_a_clear_error() -> None:
    store = InMemoryTokenStore(lock_wait=0.05)
    with store.lock("user:1"):
        outcome: list[BaseException] = []

        def wait() -> None:
            try:
                with store.lock("user:1"):
                    pass
            except TokenLockTimeoutError as exc:
                outcome.append(exc)

        thread = threading.Thread(target=wait)
        thread.start()
        thread.join()
    assert len(outcome) == 1
    assert "0.05s" in str(outcome[0]) and "'user:1'" in str(outcome[0])
    with store.lock("user:1"):  # released after the block
        pass
    assert repr(store) == "<InMemoryTokenStore keys=0>"
