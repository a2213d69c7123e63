"""OAuth sessions sharing tokens through a token store (in-process here; Redis in tests/workers).

Sessions of one user (a session per thread, as per-request sessions in a
threaded web server) refresh an expired token once between them: the first
takes the key's lock and refreshes, the others find the new token in the
store. The loopback emulator accepts each refresh token once.
"""

from __future__ import annotations

import threading
import time
from contextlib import AbstractContextManager
from typing import Any

import pytest

from mailru_sdk import API, InvalidGrantError, OAuthTokens, RefreshServerSession
from mailru_sdk.errors import (
    AuthorizationFailedError,
    RedisUnavailableError,
    TokenLockTimeoutError,
)
from mailru_sdk.stores.tokens import InMemoryTokenStore, StoredTokens
from mailru_sdk.testing import LoopbackPlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY, UID
from tests.oauth.conftest import EMAIL, PASSWORD, REFRESH_TOKEN, build_session
from tests.together import run_together

FRIENDS = ["100", "200"]
KEY = "user:" + UID
STORED: OAuthTokens = {
    "access_token": ACCESS_TOKEN,
    "refresh_token": REFRESH_TOKEN,
    "expires_in": 86400,
    "expires_at": None,
    "uid": UID,
}


def refresh_requests(platform: LoopbackPlatform) -> list[dict[str, str]]:
    return [r for r in platform.token_requests if r.get("grant_type") == "refresh_token"]


@pytest.fixture
def store() -> InMemoryTokenStore:
    """A store holding the user's (soon expired) tokens as version 1."""
    store = InMemoryTokenStore(lock_wait=5)
    store.save(KEY, STORED)
    return store


def stored_session(
    platform: LoopbackPlatform, store: Any, updates: list[OAuthTokens] | None = None, **options: Any
) -> RefreshServerSession:
    return RefreshServerSession(
        APP_ID,
        SECRET_KEY,
        REFRESH_TOKEN,
        token_url=platform.token_url,
        api_url=platform.url,
        token_store=store,
        token_key=KEY,
        token_updater=None if updates is None else updates.append,
        **options,
    ).load_stored()


def test_eight_sessions_of_one_user_refresh_once(
    platform: LoopbackPlatform, store: InMemoryTokenStore
) -> None:
    updates: list[OAuthTokens] = []
    sessions = [stored_session(platform, store, updates) for _ in range(8)]
    platform.expire_token(ACCESS_TOKEN)
    results = run_together([API(session).friends.get for session in sessions])

    assert results == [FRIENDS] * len(sessions)
    assert len(refresh_requests(platform)) == 1
    stored = store.load(KEY)
    assert stored is not None and stored.version == 2
    assert stored.tokens["access_token"] != ACCESS_TOKEN
    assert {s.access_token for s in sessions} == {stored.tokens["access_token"]}
    assert {s.refresh_token for s in sessions} == {stored.tokens["refresh_token"]}
    # token_updater: called once, by the session that refreshed, with what it stored
    assert updates == [stored.tokens]


def test_a_session_adopts_newer_stored_tokens_without_a_request(
    platform: LoopbackPlatform, store: InMemoryTokenStore
) -> None:
    session = stored_session(platform, store)
    newer = platform.fake.add_token(UID)
    store.save(KEY, {**STORED, "access_token": newer, "refresh_token": "newer-refresh"})
    platform.expire_token(ACCESS_TOKEN)
    assert API(session).friends.get() == FRIENDS
    assert platform.token_requests == []
    assert session.access_token == newer and session.refresh_token == "newer-refresh"


def test_the_stored_refresh_token_is_the_one_spent(
    platform: LoopbackPlatform, store: InMemoryTokenStore
) -> None:
    session = stored_session(platform, store).load_tokens(
        {**STORED, "refresh_token": "an-old-one-this-session-kept"}
    )
    platform.expire_token(ACCESS_TOKEN)
    assert API(session).friends.get() == FRIENDS
    assert refresh_requests(platform)[0]["refresh_token"] == REFRESH_TOKEN


def test_an_empty_store_refreshes_with_the_sessions_own_tokens(
    platform: LoopbackPlatform,
) -> None:
    # e.g. a Redis that restarted without persistence: the session still holds its tokens
    store = InMemoryTokenStore()
    session = RefreshServerSession(
        APP_ID,
        SECRET_KEY,
        REFRESH_TOKEN,
        token_url=platform.token_url,
        api_url=platform.url,
        token_store=store,
        token_key=KEY,
    ).load_tokens(STORED)
    platform.expire_token(ACCESS_TOKEN)
    assert API(session).friends.get() == FRIENDS
    assert store.load(KEY) == StoredTokens(session.tokens, 1)


def test_a_newer_save_during_the_refresh_wins_and_is_adopted(
    platform: LoopbackPlatform, store: InMemoryTokenStore
) -> None:
    # a holder whose lock expired mid-refresh saves after another worker: it must not
    # replace the other's (newer) tokens with its own
    other = platform.fake.add_token(UID)

    class Overtaken(InMemoryTokenStore):
        def save(self, key: str, tokens: OAuthTokens, *, version: int | None = None) -> Any:
            if tokens["access_token"] not in (ACCESS_TOKEN, other):
                super().save(key, {**STORED, "access_token": other}, version=version)
            return super().save(key, tokens, version=version)

    overtaken = Overtaken()
    overtaken.save(KEY, STORED)
    updates: list[OAuthTokens] = []
    session = stored_session(platform, overtaken, updates)
    platform.expire_token(ACCESS_TOKEN)
    assert API(session).friends.get() == FRIENDS
    stored = overtaken.load(KEY)
    assert stored is not None and stored.tokens["access_token"] == other and stored.version == 2
    assert session.access_token == other and updates == [session.tokens]


def test_waiting_too_long_for_the_lock_raises_and_spends_nothing(
    platform: LoopbackPlatform,
) -> None:
    store = InMemoryTokenStore(lock_wait=0.05)
    store.save(KEY, STORED)
    session = stored_session(platform, store)
    platform.expire_token(ACCESS_TOKEN)
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with store.lock(KEY):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert held.wait(10)
        with pytest.raises(TokenLockTimeoutError, match="refresh lock of token key"):
            API(session).friends.get()
    finally:
        release.set()
        thread.join()
    assert platform.token_requests == []
    # a later call, once the holder is gone, refreshes
    assert API(session).friends.get() == FRIENDS
    assert len(refresh_requests(platform)) == 1


def test_a_refused_refresh_is_raised_and_not_sent_again(
    platform: LoopbackPlatform, store: InMemoryTokenStore
) -> None:
    session = stored_session(platform, store)
    platform.expire_token(ACCESS_TOKEN)
    platform.refresh_tokens.clear()  # revoked
    for _ in range(2):
        with pytest.raises(InvalidGrantError):
            API(session).friends.get()
    assert len(refresh_requests(platform)) == 1
    assert store.load(KEY) == StoredTokens(STORED, 1)  # nothing saved


def test_auto_refresh_off_raises_the_102(
    platform: LoopbackPlatform, store: InMemoryTokenStore
) -> None:
    session = stored_session(platform, store, auto_refresh=False)
    platform.expire_token(ACCESS_TOKEN)
    with pytest.raises(AuthorizationFailedError):
        API(session).friends.get()
    assert platform.token_requests == []


def test_no_refresh_token_anywhere_no_refresh(platform: LoopbackPlatform) -> None:
    store = InMemoryTokenStore()
    store.save(KEY, {**STORED, "refresh_token": ""})
    session = stored_session(platform, store).load_tokens({"access_token": ACCESS_TOKEN})
    platform.expire_token(ACCESS_TOKEN)
    with pytest.raises(AuthorizationFailedError):
        API(session).friends.get()
    assert platform.token_requests == []


def test_authorize_saves_a_new_login(platform: LoopbackPlatform) -> None:
    store = InMemoryTokenStore()
    store.save(KEY, STORED)
    session = build_session(
        "password",
        "server",
        token_url=platform.token_url,
        api_url=platform.url,
        token_store=store,
        token_key=KEY,
    )
    with session:
        stored = store.load(KEY)
        assert stored is not None and stored == StoredTokens(session.tokens, 2)
    grant = platform.token_requests[0]
    assert (grant["username"], grant["password"]) == (EMAIL, PASSWORD)


class LockOnly:
    def lock(self, key: str) -> AbstractContextManager[None]:
        raise NotImplementedError


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"token_key": KEY}, ValueError, "without a token_store"),
        ({"token_store": InMemoryTokenStore()}, ValueError, "needs a token_key"),
        ({"token_store": LockOnly(), "token_key": KEY}, TypeError, "load, save, delete and lock"),
        ({"token_store": InMemoryTokenStore(), "token_key": ""}, ValueError, "token_key"),
        ({"token_store": InMemoryTokenStore(), "token_key": 42}, TypeError, "token_key"),
    ],
)
def test_bad_store_options_are_refused(
    options: dict[str, Any], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN, **options)


def test_load_stored_needs_a_store_and_stored_tokens() -> None:
    with pytest.raises(ValueError, match="no token_store"):
        RefreshServerSession(APP_ID, SECRET_KEY, REFRESH_TOKEN).load_stored()
    session = RefreshServerSession(
        APP_ID, SECRET_KEY, REFRESH_TOKEN, token_store=InMemoryTokenStore(), token_key=KEY
    )
    with pytest.raises(LookupError, match="log the user in"):
        session.load_stored()


class AfterAllRejected(InMemoryTokenStore):
    """Counts lock attempts; the first waits until ``expected`` calls came back 102."""

    def __init__(self, platform: LoopbackPlatform, expected: int, **options: Any) -> None:
        super().__init__(**options)
        self.platform = platform
        self.expected = expected
        self.attempts = 0

    def lock(self, key: str, *, wait: float | None = None) -> AbstractContextManager[None]:
        self.attempts += 1
        for _ in range(500):  # bounded: orders the threads, asserts nothing on time
            rejected = [c for c in self.platform.calls if c.params["session_key"] == ACCESS_TOKEN]
            if len(rejected) >= self.expected:
                break
            threading.Event().wait(0.01)
        return super().lock(key, wait=wait)


class SavesFailing(InMemoryTokenStore):
    """Holds STORED under KEY; its next ``failures`` saves fail as an unreachable Redis would."""

    def __init__(self, failures: int) -> None:
        super().__init__()
        super().save(KEY, STORED)
        self.failures = failures

    def save(self, key: str, tokens: OAuthTokens, *, version: int | None = None) -> StoredTokens:
        if self.failures:
            self.failures -= 1
            raise RedisUnavailableError("Redis at 127.0.0.1:1/0 failed while saving")
        return super().save(key, tokens, version=version)


def call_from_threads(session: RefreshServerSession, threads: int) -> list[Any]:
    """One call per thread, all started together; each result or exception."""
    return run_together([API(session).friends.get] * threads)


def test_threads_sharing_a_session_take_the_store_lock_once(platform: LoopbackPlatform) -> None:
    store = AfterAllRejected(platform, 8)
    store.save(KEY, STORED)
    session = stored_session(platform, store)
    platform.expire_token(ACCESS_TOKEN)
    assert call_from_threads(session, 8) == [FRIENDS] * 8
    assert store.attempts == 1 and len(refresh_requests(platform)) == 1


def test_threads_sharing_a_session_share_a_lock_timeout(platform: LoopbackPlatform) -> None:
    # eight threads out with the rejected token do not wait lock_wait eight times over
    store = AfterAllRejected(platform, 8, lock_wait=0.1)
    store.save(KEY, STORED)
    session = stored_session(platform, store)
    platform.expire_token(ACCESS_TOKEN)
    with InMemoryTokenStore.lock(store, KEY):  # another worker's refresh that does not end
        outcomes = call_from_threads(session, 8)
    assert all(isinstance(o, TokenLockTimeoutError) for o in outcomes), outcomes
    assert store.attempts == 1
    assert platform.token_requests == []


def test_after_a_failed_save_the_stale_store_is_not_adopted(platform: LoopbackPlatform) -> None:
    # the save after a refresh failed (Redis down): the store still holds the expired
    # tokens; at the next 102 the session must refresh with its own refresh token (the
    # stored one is spent) and save again, not adopt the store's older tokens
    store = SavesFailing(3)  # the save and the two tries again
    session = stored_session(platform, store)
    platform.expire_token(ACCESS_TOKEN)
    with pytest.raises(RedisUnavailableError):
        API(session).friends.get()
    first = session.tokens
    assert store.load(KEY) == StoredTokens(STORED, 1)  # the store missed the save

    platform.expire_token(first["access_token"])
    assert API(session).friends.get() == FRIENDS
    refreshes = refresh_requests(platform)
    assert [r["refresh_token"] for r in refreshes] == [REFRESH_TOKEN, first["refresh_token"]]
    stored = store.load(KEY)
    assert stored is not None and stored.tokens == session.tokens and stored.version == 2


def test_a_save_that_fails_once_is_tried_again_under_the_lock(platform: LoopbackPlatform) -> None:
    """Regression: one failed save left the new tokens only in a session about to be dropped.

    A web request builds its session from the store and drops it at the end; the
    next request would find only the spent refresh token in the store.
    """
    store = SavesFailing(1)
    session = stored_session(platform, store)
    platform.expire_token(ACCESS_TOKEN)
    assert API(session).friends.get() == FRIENDS
    stored = store.load(KEY)
    assert stored is not None and stored.tokens == session.tokens and stored.version == 2


def test_waiting_for_another_workers_lock_keeps_the_call_deadline(
    platform: LoopbackPlatform,
) -> None:
    """Regression: a call waited for the store's lock as long as the store allows (35 s)."""
    from mailru_sdk.errors import DeadlineExceededError

    store = InMemoryTokenStore(lock_wait=30.0)
    InMemoryTokenStore.save(store, KEY, STORED)
    session = stored_session(platform, store, deadline=0.3)
    platform.expire_token(ACCESS_TOKEN)
    with store.lock(KEY):  # another worker holds the lock throughout the call
        with pytest.raises(DeadlineExceededError, match="the refresh goes on"):
            API(session).friends.get()
        assert refresh_requests(platform) == []  # nothing spent while the other holds it
    # the refresh went on apart from the call: once the lock is free it refreshes, saves
    for _ in range(500):  # bounded
        stored = store.load(KEY)
        if stored is not None and stored.version == 2:
            break
        time.sleep(0.01)
    assert len(refresh_requests(platform)) == 1
    assert session.access_token != ACCESS_TOKEN and API(session).friends.get() == FRIENDS


def test_a_refused_refresh_adopts_what_the_faster_worker_saved(platform: LoopbackPlatform) -> None:
    """A worker whose lock expired spent the refresh token and saved; this one adopts its tokens.

    The store still holds version 1 when this session reads it under the lock;
    the other worker's save (version 2) lands while this session's refresh,
    with the spent token, is being refused.
    """
    other = platform.fake.issue_tokens(UID)  # the other worker's refresh: a new pair
    theirs: OAuthTokens = {
        **STORED,
        "access_token": other["access_token"],
        "refresh_token": other["refresh_token"],
    }
    platform.fake.refresh_tokens.pop(REFRESH_TOKEN, None)  # it spent ours

    class SavedMeanwhile(InMemoryTokenStore):
        loads = 0

        def load(self, key: str) -> StoredTokens | None:
            self.loads += 1
            # 1: load_stored(), 2: under the lock, 3: after the refused refresh, by when
            # the other worker has saved
            if self.loads == 3:
                InMemoryTokenStore.save(self, key, theirs, version=2)
            return super().load(key)

    store = SavedMeanwhile()
    InMemoryTokenStore.save(store, KEY, STORED)
    session = stored_session(platform, store)
    platform.expire_token(ACCESS_TOKEN)
    assert API(session).friends.get() == FRIENDS
    assert session.access_token == other["access_token"]
    assert [r["refresh_token"] for r in refresh_requests(platform)] == [REFRESH_TOKEN]
