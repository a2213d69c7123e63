"""A token store on Redis, shared by every worker process and host: one refresh per expired token.

See [`mailru_sdk.stores.tokens`][mailru_sdk.stores.tokens] for what a store does for an OAuth
session.
Needs the ``redis`` extra (``pip install 'mailru-sdk[redis]'``).

Layout, for ``prefix="mailru:tokens:"`` and key ``user:42``:

* ``mailru:tokens:user:42``: a hash, ``tokens`` (the JSON of
  [`OAuthTokens`][mailru_sdk.oauth.OAuthTokens]) and ``version``;
* ``mailru:tokens:user:42:lock``: the refresh lock, redis-py's
  ``redis.lock.Lock`` (a random token per holder, set with ``NX`` and an
  expiry of ``lock_ttl``; released and extended only by the token's holder).

While a block holds the lock, a watchdog thread extends it back to
``lock_ttl`` every ``lock_ttl / 3`` seconds, so a refresh slower than
``lock_ttl`` keeps it; a worker killed while holding it stops extending it,
and the others wait for at most ``lock_ttl``.

A save runs as a Lua script, atomic on the server: it stores its version only
when the hash holds an older one (a stale writer cannot replace newer tokens).

The tokens are stored as they are: protect the Redis server as you would the
tokens (a password, TLS, no public address).
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

from mailru_sdk._validate import positive_seconds
from mailru_sdk.auth.tokens import OAuthTokens
from mailru_sdk.errors import TokenLockTimeoutError
from mailru_sdk.stores._redis import Lock, LockError, address, check_client, redis, translated
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

# seconds between a waiter's attempts at a held lock, drawn per waiter in this range so that
# waiting workers do not move in step (redis-py's Lock sleeps the same time between attempts)
_POLL = (0.02, 0.05)


class RedisTokenStore:
    """OAuth tokens on Redis, with a per-key refresh lock kept alive while its holder lives.

    Args:
        client: a ``redis.Redis`` (e.g. ``redis.Redis.from_url(url)``); give it
            ``socket_timeout`` and ``socket_connect_timeout`` of a second or so.
        prefix: put before every key (one per application, say).
        lock_ttl: seconds the refresh lock outlives its holder's last sign of
            life: a watchdog thread extends it every ``lock_ttl / 3`` seconds
            while the block runs, so a slow refresh keeps it, and a killed
            worker's lock expires at most ``lock_ttl`` after it died.
        lock_wait: seconds a session waits for another one's refresh before
            raising [`TokenLockTimeoutError`][mailru_sdk.errors.TokenLockTimeoutError]; ``None``:
            ``lock_ttl`` plus 5 seconds, so a dead holder's lock expires first.

    Redis failures raise [`RedisUnavailableError`][mailru_sdk.errors.RedisUnavailableError].
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
        """Hold ``key``'s refresh lock for the block, extended while the block runs.

        ``wait`` shortens ``lock_wait`` for a caller whose deadline comes sooner.
        The lock expires ``lock_ttl`` after its holder stops extending it (dies).

        Raises:
            TokenLockTimeoutError: another holder kept it for more than ``lock_wait`` (or
                ``wait``).
            RedisUnavailableError: Redis failed while taking it.
        """
        return self._locked(key, self.lock_wait if wait is None else min(wait, self.lock_wait))

    @contextlib.contextmanager
    def _locked(self, key: str, lock_wait: float) -> Iterator[None]:
        name = self.prefix + check_key(key) + ":lock"
        lock = self.client.lock(
            name,
            timeout=max(self.lock_ttl, 0.001),  # redis-py counts whole milliseconds
            sleep=random.uniform(*_POLL),
            blocking_timeout=max(0.0, lock_wait),
            # the watchdog thread extends it: its token must not be the taking thread's alone
            thread_local=False,
        )
        with translated(self.client, f"taking the refresh lock of key {key!r}"):
            taken = lock.acquire()
        if not taken:
            raise TokenLockTimeoutError(
                f"waited {lock_wait:g}s for the refresh lock of token key {key!r} "
                f"on Redis at {address(self.client)}: another worker is still "
                "refreshing (a slow token endpoint?)"
            )
        watchdog = _Watchdog(self, lock, key)
        try:
            watchdog.start()
            yield
        finally:
            watchdog.stop()
            self._release_lock(lock, key, watchdog)

    def _release_lock(self, lock: Lock, key: str, watchdog: _Watchdog) -> None:
        # never raises: a failed release only delays the next holder until the lock expires,
        # and must not hide the block's own outcome
        try:
            lock.release()
        except LockError:  # LockNotOwnedError: it expired (or was deleted) while held
            if not watchdog.lost:  # else the watchdog has said so already
                _warn_lost(key, watchdog.held(), self.lock_ttl)
        except redis.RedisError as exc:
            logger.warning(
                "could not release the refresh lock of token key %r on Redis at %s (%s); "
                "it expires in at most %gs",
                key,
                address(self.client),
                type(exc).__name__,
                self.lock_ttl,
            )

    def __repr__(self) -> str:
        return f"<RedisTokenStore redis={address(self.client)} prefix={self.prefix!r}>"


class _Watchdog:
    """A daemon thread that extends a held lock back to ``lock_ttl`` every ``lock_ttl / 3`` s.

    It runs from ``start()`` until ``stop()``, which returns only once the
    thread has ended (after at most the one Redis command it may be sending,
    bounded by the client's ``socket_timeout``), so it never outlives the
    block. It never raises: a lock found lost (expired or deleted while held)
    is logged and no longer extended; a Redis failure is logged once and
    retried at the next wake-up, while the lock still has time left.
    """

    def __init__(self, store: RedisTokenStore, lock: Lock, key: str) -> None:
        self._store = store
        self._lock = lock
        self._key = key
        self._taken = time.monotonic()
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"mailru-sdk lock watchdog {key!r}", daemon=True
        )
        #: whether the watchdog found the lock lost, and said so
        self.lost = False

    def held(self) -> float:
        """Seconds since the lock was taken."""
        return time.monotonic() - self._taken

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.ident is not None:  # started
            self._thread.join()

    def _run(self) -> None:
        ttl = self._store.lock_ttl
        failing = False
        while not self._stopping.wait(ttl / 3):
            try:
                self._lock.extend(max(ttl, 0.001), replace_ttl=True)
            except LockError:  # LockNotOwnedError: another holder may have it now
                if not self._stopping.is_set():  # (not the block's own release racing us)
                    self.lost = True
                    _warn_lost(self._key, self.held(), ttl)
                return
            except redis.RedisError as exc:
                if not failing and not self._stopping.is_set():
                    logger.warning(
                        "could not extend the refresh lock of token key %r on Redis at %s "
                        "(%s); retrying every %gs, it expires in at most %gs",
                        self._key,
                        address(self._store.client),
                        type(exc).__name__,
                        ttl / 3,
                        ttl,
                    )
                failing = True
            except Exception:  # never into the thread's excepthook; the lock then just expires
                logger.warning(
                    "the watchdog of the refresh lock of token key %r failed; "
                    "the lock expires in at most %gs",
                    self._key,
                    ttl,
                    exc_info=True,
                )
                return
            else:
                failing = False


def _warn_lost(key: str, held: float, lock_ttl: float) -> None:
    logger.warning(
        "the refresh lock of token key %r expired while held (%.1fs, lock_ttl %gs): it could "
        "not be extended in time (Redis unreachable, or the process paused?) and another "
        "worker may have refreshed too",
        key,
        held,
        lock_ttl,
    )


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
