"""Faults of a Redis token store under OAuth sessions: Redis unreachable, restarted, failing a save.

No token is lost (a session that refreshed keeps the new tokens whatever
Redis does) and none is overwritten by an older one (versions, see
test_redis_tokenstore and the overtaken-save case here).
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from mailru_sdk import API, OAuthTokens, RedisUnavailableError, RefreshServerSession
from mailru_sdk.stores.redis_tokens import RedisTokenStore
from mailru_sdk.stores.tokens import StoredTokens
from mailru_sdk.testing import LoopbackPlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID
from tests.oauth.conftest import REFRESH_TOKEN, assert_no_secret
from tests.together import run_together
from tests.workers.server import RedisServer, free_port

FRIENDS = ["100", "200"]
KEY = "user:" + UID
STORED: OAuthTokens = {
    "access_token": ACCESS_TOKEN,
    "refresh_token": REFRESH_TOKEN,
    "expires_in": 86400,
    "expires_at": None,
    "uid": UID,
}


@pytest.fixture
def platform() -> Iterator[LoopbackPlatform]:
    """The emulator, knowing the user's access and refresh token."""
    with LoopbackPlatform(
        apps={APP_ID: (PRIVATE_KEY, SECRET_KEY)},
        tokens={ACCESS_TOKEN: UID},
        refresh_tokens={REFRESH_TOKEN: UID},
    ) as running:
        yield running


def refresh_requests(platform: LoopbackPlatform) -> list[dict[str, str]]:
    return [r for r in platform.token_requests if r.get("grant_type") == "refresh_token"]


def session_for(
    platform: LoopbackPlatform, store: RedisTokenStore, updates: list[OAuthTokens] | None = None
) -> RefreshServerSession:
    return RefreshServerSession(
        APP_ID,
        SECRET_KEY,
        REFRESH_TOKEN,
        api_url=platform.url,
        token_url=platform.token_url,
        token_store=store,
        token_key=KEY,
        token_updater=None if updates is None else updates.append,
    ).load_tokens(STORED)


def test_unreachable_redis_is_a_clear_error_and_spends_no_refresh_token(
    platform: LoopbackPlatform,
) -> None:
    port = free_port()
    client = redis.Redis(host="127.0.0.1", port=port, retry=Retry(NoBackoff(), 0))
    session = session_for(platform, RedisTokenStore(client))
    assert API(session).friends.get() == FRIENDS  # calls that need no refresh need no Redis
    platform.expire_token(ACCESS_TOKEN)
    with pytest.raises(RedisUnavailableError) as info:
        API(session).friends.get()
    text = "".join(traceback.format_exception(info.value))
    assert f"Redis at 127.0.0.1:{port}/0 failed while taking the refresh lock" in str(info.value)
    assert_no_secret(text)
    assert platform.token_requests == []  # the single-use refresh token is still good
    assert session.access_token == ACCESS_TOKEN


def test_a_redis_restarted_mid_run_loses_the_store_but_no_token(
    platform: LoopbackPlatform, redis_server: RedisServer
) -> None:
    store = RedisTokenStore(redis_server.client())
    store.save(KEY, STORED)
    sessions = [session_for(platform, store) for _ in range(8)]
    assert [API(s).friends.get() for s in sessions] == [FRIENDS] * 8
    redis_server.restart()  # no persistence: the stored tokens are gone
    platform.expire_token(ACCESS_TOKEN)
    results = run_together([API(session).friends.get for session in sessions])
    assert results == [FRIENDS] * len(sessions)
    # the sessions still held their tokens: one refreshed with its own, the others adopted
    assert len(refresh_requests(platform)) == 1
    stored = store.load(KEY)
    assert stored is not None and stored.version == 1
    assert {s.access_token for s in sessions} == {stored.tokens["access_token"]}


def test_a_save_that_fails_after_the_refresh_keeps_the_new_tokens(
    platform: LoopbackPlatform, redis_server: RedisServer
) -> None:
    class DownAtSave(RedisTokenStore):
        def save(self, key: str, tokens: OAuthTokens, *, version: int | None = None) -> Any:
            redis_server.stop()  # Redis goes away between the refresh and the save
            return super().save(key, tokens, version=version)

    store = DownAtSave(redis_server.client(retry=Retry(NoBackoff(), 0)))
    RedisTokenStore(redis_server.client()).save(KEY, STORED)
    updates: list[OAuthTokens] = []
    session = session_for(platform, store, updates)
    platform.expire_token(ACCESS_TOKEN)
    with pytest.raises(RedisUnavailableError) as info:
        API(session).friends.get()
    assert "saving the tokens" in str(info.value)
    assert any("the session holds the new tokens" in note for note in info.value.__notes__)
    assert_no_secret("".join(traceback.format_exception(info.value)), session.access_token)
    # not lost: the session and token_updater have them, and the next call uses them
    assert session.access_token not in (ACCESS_TOKEN, "") and updates == [session.tokens]
    assert API(session).friends.get() == FRIENDS
    assert len(refresh_requests(platform)) == 1


def test_an_older_save_never_replaces_newer_tokens(
    platform: LoopbackPlatform, redis_server: RedisServer
) -> None:
    # this session's lock expired mid-refresh and another worker saved first: its save of
    # the same version is refused, and it adopts the other worker's (newer) tokens
    other = platform.fake.add_token(UID)
    other_tokens: OAuthTokens = {**STORED, "access_token": other, "refresh_token": "other"}

    class Overtaken(RedisTokenStore):
        def save(self, key: str, tokens: OAuthTokens, *, version: int | None = None) -> Any:
            RedisTokenStore(self.client).save(key, other_tokens, version=version)
            return super().save(key, tokens, version=version)

    store = Overtaken(redis_server.client())
    RedisTokenStore(store.client).save(KEY, STORED)
    session = session_for(platform, store)
    platform.expire_token(ACCESS_TOKEN)
    assert API(session).friends.get() == FRIENDS
    assert RedisTokenStore(store.client).load(KEY) == StoredTokens(other_tokens, 2)
    assert session.access_token == other
