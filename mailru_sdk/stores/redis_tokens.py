"""A token store on Redis, shared by every worker process and host: one refresh per expired token.

See :mod:`mailru_sdk.stores.tokens` for what a store does for an OAuth session.
Needs the ``redis`` extra (``pip install 'mailru-sdk[redis]'``).

Layout, for ``prefix="mailru:tokens:"`` and key ``user:42``:

* ``mailru:tokens:user:42``: a hash, ``tokens`` (the JSON of
  :class:`~mailru_sdk.oauth.OAuthTokens`) and ``version``;
* ``mailru:tokens:user:42:lock``: the refresh lock, a random value per holder,
  set with ``NX`` and an expiry (``lock_ttl``), so a worker killed while
  holding it blocks the others for at most that long.

Both writes that need a read first run as Lua scripts, atomic on the server:
a save stores its version only when the hash holds an older one (a stale
writer cannot replace newer tokens), and a release deletes the lock only
when it still holds the releaser's value (a holder whose lock expired cannot
free the next holder's).

The tokens are stored as they are: protect the Redis server as you would the
tokens (a password, TLS, no public address).
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import secrets
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

from mailru_sdk._validate import positive_seconds
from mailru_sdk.auth.tokens import OAuthTokens
from mailru_sdk.errors import TokenLockTimeoutError
from mailru_sdk.stores._redis import address, check_client, redis, translated
from mailru_sdk.stores.tokens import StoredTokens, check_key

__all__ = ["DEFAULT_LOCK_TTL", "RedisTokenStore"]

logger = logging.getLogger("mailru_sdk")

#: Seconds a refresh lock lives when its holder never releases it (a killed worker).
DEFAULT_LOCK_TTL = 30.0

# KEYS[1]: the hash; ARGV[1]: the tokens' JSON; ARGV[2]: the version, 0 for "one past".
# Returns {version, tokens JSON} as the hash holds them afterwards.
_SAVE = """
local held = tonumber(redis.call('HGET', KEYS[1], 'version')) or 0
local wanted = tonumber(ARGV[2])
if wanted == 0 then wanted = held + 1 end
if held > 0 and wanted <= held then
  return {held, redis.call('HGET', KEYS[1], 'tokens')}
end
redis.call('HSET', KEYS[1], 'tokens', ARGV[1], 'version', wanted)
return {wanted, ARGV[1]}
"""

# KEYS[1]: the lock; ARGV[1]: the releaser's value. Deletes the lock only if it is still theirs.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""

_FIRST_POLL = 0.005
_LAST_POLL = 0.05


class RedisTokenStore:
    """OAuth tokens on Redis, with a per-key refresh lock that expires.

    Args:
        client: a ``redis.Redis`` (e.g. ``redis.Redis.from_url(url)``); give it
            ``socket_timeout`` and ``socket_connect_timeout`` of a second or so.
        prefix: put before every key (one per application, say).
        lock_ttl: seconds the refresh lock lives if its holder dies; keep it
            above the longest refresh (the session's read timeout times
            ``max_retries + 1``), or a slow refresh loses its lock.
        lock_wait: seconds a session waits for another one's refresh before
            raising :class:`~mailru_sdk.errors.TokenLockTimeoutError`; ``None``:
            ``lock_ttl`` plus 5 seconds, so a dead holder's lock expires first.

    Redis failures raise :class:`~mailru_sdk.errors.RedisUnavailableError`.
    """

    def __init__(
        self,
        client: redis.Redis,
        *,
        prefix: str = "mailru_sdk:tokens:",
        lock_ttl: float = DEFAULT_LOCK_TTL,
        lock_wait: float | None = None,
    ) -> None:
        self.client = check_client(client)
        if not isinstance(prefix, str):
            raise TypeError(f"prefix must be a str, got {type(prefix).__name__}")
        self.prefix = prefix
        self.lock_ttl = positive_seconds("lock_ttl", lock_ttl)
        self.lock_wait = (
            self.lock_ttl + 5.0 if lock_wait is None else positive_seconds("lock_wait", lock_wait)
        )
        self._save: Any = self.client.register_script(_SAVE)
        self._release: Any = self.client.register_script(_RELEASE)

    def load(self, key: str) -> StoredTokens | None:
        """The tokens stored under ``key`` and their version, or ``None``."""
        name = self.prefix + check_key(key)
        with translated(self.client, f"loading the tokens of key {key!r}"):
            raw, version = self.client.hmget(name, ["tokens", "version"])
        if raw is None or version is None:
            return None
        return StoredTokens(_decode(raw, key), int(version))

    def save(self, key: str, tokens: OAuthTokens, *, version: int | None = None) -> StoredTokens:
        """Store ``tokens`` as ``version`` unless ``key`` holds it or a newer one (atomic)."""
        name = self.prefix + check_key(key)
        if version is not None and (
            isinstance(version, bool) or not isinstance(version, int) or version < 1
        ):
            raise ValueError(f"version must be a positive int or None, got {version!r}")
        data = json.dumps(dict(tokens), separators=(",", ":"), sort_keys=True)
        with translated(self.client, f"saving the tokens of key {key!r}"):
            held, raw = self._save(keys=[name], args=[data, version or 0])
        return StoredTokens(_decode(raw, key), int(held))

    def delete(self, key: str) -> None:
        """Forget the tokens under ``key``."""
        name = self.prefix + check_key(key)
        with translated(self.client, f"deleting the tokens of key {key!r}"):
            self.client.delete(name)

    def lock(self, key: str, *, wait: float | None = None) -> AbstractContextManager[None]:
        """Hold ``key``'s refresh lock for the block (it expires after ``lock_ttl`` regardless).

        ``wait`` shortens ``lock_wait`` for a caller whose deadline comes sooner.

        Raises:
            TokenLockTimeoutError: another holder kept it for more than ``lock_wait`` (or
                ``wait``).
            RedisUnavailableError: Redis failed while taking it.
        """
        return self._locked(key, self.lock_wait if wait is None else min(wait, self.lock_wait))

    @contextlib.contextmanager
    def _locked(self, key: str, lock_wait: float) -> Iterator[None]:
        name = self.prefix + check_key(key) + ":lock"
        mine = secrets.token_hex(16)
        ttl_ms = max(1, round(self.lock_ttl * 1000))
        started = time.monotonic()
        poll = _FIRST_POLL
        with translated(self.client, f"taking the refresh lock of key {key!r}"):
            while not self.client.set(name, mine, nx=True, px=ttl_ms):
                left = lock_wait - (time.monotonic() - started)
                if left <= 0:
                    raise TokenLockTimeoutError(
                        f"waited {lock_wait:g}s for the refresh lock of token key {key!r} "
                        f"on Redis at {address(self.client)}: another worker is still "
                        "refreshing (a slow token endpoint?)"
                    )
                # polls spread out (jitter) so that waiting workers do not move in step
                time.sleep(min(left, poll * random.uniform(0.5, 1.0)))
                poll = min(poll * 2, _LAST_POLL)
        try:
            yield
        finally:
            self._release_lock(name, mine, key, started)

    def _release_lock(self, name: str, mine: str, key: str, started: float) -> None:
        # never raises: a failed release only delays the next holder until the lock expires,
        # and must not hide the block's own outcome
        try:
            released = self._release(keys=[name], args=[mine])
        except redis.RedisError as exc:
            logger.warning(
                "could not release the refresh lock of token key %r on Redis at %s (%s); "
                "it expires in at most %gs",
                key,
                address(self.client),
                type(exc).__name__,
                self.lock_ttl,
            )
            return
        if not released:
            logger.warning(
                "the refresh lock of token key %r expired while held (%.1fs, lock_ttl %gs): "
                "another worker may have refreshed too; raise lock_ttl",
                key,
                time.monotonic() - started,
                self.lock_ttl,
            )

    def __repr__(self) -> str:
        return f"<RedisTokenStore redis={address(self.client)} prefix={self.prefix!r}>"


def _decode(raw: bytes | str, key: str) -> OAuthTokens:
    try:
        data = json.loads(raw)
        tokens: OAuthTokens = {
            "access_token": _text(data, "access_token"),
            "refresh_token": _text(data, "refresh_token"),
            "expires_in": data.get("expires_in"),
            "expires_at": data.get("expires_at"),
            "uid": _text(data, "uid"),
        }
    except (ValueError, TypeError, AttributeError):
        # not chained: the decoder's message could quote the stored tokens
        raise ValueError(
            f"the tokens stored under key {key!r} are not what RedisTokenStore writes"
        ) from None
    return tokens


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise TypeError(name)
    return value
