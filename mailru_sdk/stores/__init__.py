"""Where state shared beyond one call lives: token stores and rate limiters.

In-process ones here ([`InMemoryTokenStore`][mailru_sdk.stores.tokens.InMemoryTokenStore],
[`RateLimiter`][mailru_sdk.stores.ratelimit.RateLimiter]);
the Redis ones, shared by processes and hosts, in
[`mailru_sdk.stores.redis_tokens`][mailru_sdk.stores.redis_tokens] and
[`mailru_sdk.stores.redis_ratelimit`][mailru_sdk.stores.redis_ratelimit]
(they need the ``redis`` extra; importing this package never imports ``redis``).
"""

from __future__ import annotations

from mailru_sdk.stores.ratelimit import RateLimit, RateLimiter
from mailru_sdk.stores.tokens import DEFAULT_LOCK_WAIT, InMemoryTokenStore, StoredTokens, TokenStore

__all__ = [
    "DEFAULT_LOCK_WAIT",
    "InMemoryTokenStore",
    "RateLimit",
    "RateLimiter",
    "StoredTokens",
    "TokenStore",
]
