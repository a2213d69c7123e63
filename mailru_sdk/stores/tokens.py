"""Token stores: where OAuth sessions keep a user's tokens, and the lock that guards a refresh.

A refresh token works once. When several sessions hold the same user's
tokens (threads with a session each, web workers, hosts) and the access token
expires, only one of them may spend the refresh token; the others must use
what it got. An OAuth session given ``token_store=`` and ``token_key=`` does,
on error 102: take the key's [`lock()`][mailru_sdk.stores.tokens.TokenStore.lock],
[`load()`][mailru_sdk.stores.tokens.TokenStore.load]
the key again (another session may have refreshed already), refresh only if
the stored token is still the rejected one, [`save()`][mailru_sdk.stores.tokens.TokenStore.save],
release.

[`InMemoryTokenStore`][mailru_sdk.stores.tokens.InMemoryTokenStore] shares tokens between the
sessions of one process;
``mailru_sdk.stores.redis_tokens.RedisTokenStore`` between processes and hosts.
Any object with these four methods will do (a database table with a row lock,
say).

Keys name users (``"user:42"``) and appear in exception text and log
records: do not use a secret (a session id, a token) as a key.

Versions: each save of a key carries a version number, one past the version
it replaces; a store refuses a version it already holds or has passed. A
stale writer (one whose lock expired while it was refreshing) therefore
cannot replace newer tokens with older ones.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import NamedTuple, Protocol, runtime_checkable

from mailru_sdk._fork import forget_at_fork
from mailru_sdk._validate import positive_seconds
from mailru_sdk.auth.tokens import OAuthTokens
from mailru_sdk.errors import TokenLockTimeoutError

__all__ = ["DEFAULT_LOCK_WAIT", "InMemoryTokenStore", "StoredTokens", "TokenStore", "check_key"]

#: Seconds a session waits for another one's refresh before giving up.
DEFAULT_LOCK_WAIT = 35.0


class StoredTokens(NamedTuple):
    """A key's tokens as a store holds them, and their version (1 for the first save)."""

    tokens: OAuthTokens
    version: int


@runtime_checkable
class TokenStore(Protocol):
    """What an OAuth session needs from a token store (see the module docstring)."""

    def load(self, key: str) -> StoredTokens | None:
        """The tokens stored under ``key`` and their version, or ``None``."""
        ...

    def save(self, key: str, tokens: OAuthTokens, *, version: int | None = None) -> StoredTokens:
        """Store ``tokens`` under ``key`` as ``version``, unless the key holds it or a newer one.

        ``version=None`` stores them as one past whatever the key holds (a new
        login). Returns what the key holds afterwards: the saved tokens, or
        the newer ones that were kept.
        """
        ...

    def delete(self, key: str) -> None:
        """Forget the tokens under ``key`` (a logout)."""
        ...

    def lock(self, key: str, *, wait: float | None = None) -> AbstractContextManager[None]:
        """Hold ``key``'s refresh lock for the ``with`` block.

        ``wait`` (seconds) shortens the store's own wait bound, for a caller
        whose deadline comes sooner.

        Raises:
            TokenLockTimeoutError: when another holder kept it past the wait bound.
        """
        ...


def check_key(key: object) -> str:
    """``key`` if it is a non-empty str, else TypeError/ValueError."""
    if not isinstance(key, str):
        raise TypeError(f"token_key must be a str such as 'user:42', got {type(key).__name__}")
    if not key:
        raise ValueError("token_key must not be empty: use one key per user, e.g. 'user:42'")
    return key


class InMemoryTokenStore:
    """Tokens shared by the sessions of one process: a dict and a lock per key.

    Args:
        lock_wait: seconds [`lock()`][mailru_sdk.stores.tokens.TokenStore.lock] waits for another
            thread's refresh
            before raising [`TokenLockTimeoutError`][mailru_sdk.errors.TokenLockTimeoutError].

    A process's threads cannot die holding a lock, so the locks do not expire.
    """

    def __init__(self, *, lock_wait: float = DEFAULT_LOCK_WAIT) -> None:
        self.lock_wait = positive_seconds("lock_wait", lock_wait)
        self._tokens: dict[str, StoredTokens] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()  # guards both dicts, never held while waiting
        forget_at_fork(self)

    def _after_fork(self) -> None:
        # the child's threads start afresh: no lock of the parent's is held there
        self._locks = {}
        self._guard = threading.Lock()

    def load(self, key: str) -> StoredTokens | None:
        """The tokens stored under ``key`` (a copy) and their version, or ``None``."""
        with self._guard:
            stored = self._tokens.get(check_key(key))
        return None if stored is None else StoredTokens(stored.tokens.copy(), stored.version)

    def save(self, key: str, tokens: OAuthTokens, *, version: int | None = None) -> StoredTokens:
        """Store a copy of ``tokens`` as ``version`` unless ``key`` holds it or a newer one."""
        check_key(key)
        _check_version(version)
        with self._guard:
            current = self._tokens.get(key)
            held = 0 if current is None else current.version
            wanted = held + 1 if version is None else version
            if current is not None and wanted <= held:
                kept = current
            else:
                kept = self._tokens[key] = StoredTokens(tokens.copy(), wanted)
        return StoredTokens(kept.tokens.copy(), kept.version)

    def delete(self, key: str) -> None:
        """Forget the tokens under ``key``."""
        with self._guard:
            self._tokens.pop(check_key(key), None)

    def lock(self, key: str, *, wait: float | None = None) -> AbstractContextManager[None]:
        """Hold ``key``'s lock for the block; waits at most ``lock_wait`` (or ``wait``) seconds."""
        return self._locked(key, self.lock_wait if wait is None else min(wait, self.lock_wait))

    @contextlib.contextmanager
    def _locked(self, key: str, wait: float) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(check_key(key), threading.Lock())
        if not lock.acquire(timeout=max(0.0, wait)):
            raise TokenLockTimeoutError(
                f"waited {wait:g}s for the refresh lock of token key {key!r}, "
                "held by another thread of this process"
            )
        try:
            yield
        finally:
            lock.release()

    def __repr__(self) -> str:
        return f"<InMemoryTokenStore keys={len(self._tokens)}>"


def _check_version(version: object) -> None:
    if version is not None and (
        isinstance(version, bool) or not isinstance(version, int) or version < 1
    ):
        raise ValueError(f"version must be a positive int or None, got {version!r}")
