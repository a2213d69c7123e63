"""What the Redis stores share: the ``redis`` imports, error translation, the server's name.

Imported only by ``stores.redis_tokens`` and ``stores.redis_ratelimit``, which need the
``redis`` extra (``pip install mailru-sdk[redis]``); ``import mailru_sdk``
never imports ``redis``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

try:
    import redis
    from redis.exceptions import LockError
    from redis.lock import Lock
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise ImportError(
        "the Redis token store and rate limiter need the redis client: "
        "pip install 'mailru-sdk[redis]'"
    ) from exc

from mailru_sdk.errors import RedisUnavailableError

__all__ = ["Lock", "LockError", "address", "check_client", "redis", "translated"]


def check_client(client: object) -> redis.Redis:
    """``client`` if it is a ``redis.Redis``, else TypeError saying how to make one."""
    if not isinstance(client, redis.Redis):
        raise TypeError(
            "client must be a redis.Redis, e.g. redis.Redis.from_url('redis://localhost:6379/0'), "
            f"got {type(client).__name__}"
        )
    return client


def address(client: redis.Redis) -> str:
    """``host:port/db`` (or the socket path) of ``client``'s server; never its password."""
    kwargs: dict[str, Any] = client.connection_pool.connection_kwargs
    if kwargs.get("path"):
        return f"unix:{kwargs['path']}"
    return f"{kwargs.get('host', 'localhost')}:{kwargs.get('port', 6379)}/{kwargs.get('db', 0)}"


@contextlib.contextmanager
def translated(client: redis.Redis, doing: str) -> Iterator[None]:
    """Turn the ``redis`` exceptions of the block into
    [`RedisUnavailableError`][mailru_sdk.errors.RedisUnavailableError].

    ``doing`` says what the SDK was doing, e.g. ``"saving the tokens of key 'user:1'"``.
    """
    try:
        yield
    except redis.RedisError as exc:
        # redis-py's messages hold the address and the server's reply, never the password
        raise RedisUnavailableError(
            f"Redis at {address(client)} failed while {doing}: {type(exc).__name__}: {exc}"
        ) from exc
