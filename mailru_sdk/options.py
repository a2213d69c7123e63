"""The keyword options every session takes, in one place.

Each session class takes its credentials positionally and these options as
keywords (``**options: Unpack[SessionOptions]``): the names, their types and
their defaults are defined here once, and checked here once. The OAuth
sessions add their own (:class:`mailru_sdk.oauth.OAuthOptions`).

- ``api_url`` (``https://appsmail.ru/platform/api``): the REST endpoint.
- ``public_url`` (``https://appsmail.ru/platform``): the root of the public,
  unsigned data.
- ``pass_error`` (``False``): return the platform's error body as a dict
  instead of raising.
- ``timeout`` (``(5.0, 30.0)``): seconds to connect, then between bytes of the
  answer; finite.
- ``deadline`` (``120.0``): seconds for the whole call: every try, backoff and
  rate-limit wait, and the whole body; ``None``: no overall bound.
- ``max_retries`` (``2``): retries of a transient failure.
- ``http_method`` (``"GET"``): ``"POST"`` sends every call as a form.
- ``rate_limit`` (``None``): calls per second (a number), or a limiter shared
  wider, such as the Redis one.
- ``pool_maxsize`` (``32``): connections kept per host, shared by the
  session's threads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypedDict

from mailru_sdk.stores.ratelimit import RateLimit

__all__ = [
    "DEFAULT_API_URL",
    "DEFAULT_DEADLINE",
    "DEFAULT_POOL_MAXSIZE",
    "DEFAULT_PUBLIC_URL",
    "DEFAULT_TIMEOUT",
    "SESSION_DEFAULTS",
    "HTTPMethod",
    "SessionOptions",
    "Timeout",
    "check_option_names",
]

DEFAULT_API_URL = "https://appsmail.ru/platform/api"
"""The platform's REST endpoint."""

DEFAULT_PUBLIC_URL = "https://appsmail.ru/platform"
"""The root of the platform's public, unsigned data (aiomailru's ``PUBLIC_URL``, over https)."""

DEFAULT_DEADLINE = 120.0
"""Seconds one call may take in all: tries, backoff, rate-limit waits, the whole body."""

DEFAULT_POOL_MAXSIZE = 32
"""Connections a session keeps per host: requests' default of 10 makes busy threads reconnect."""

HTTPMethod = Literal["GET", "POST"]

Timeout = float | tuple[float, float]
"""Seconds: one number for both phases, or ``(connect, read)``."""

DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 30.0)
"""Connect within 5 s, then wait at most 30 s between bytes of the answer."""


class SessionOptions(TypedDict, total=False):
    """The keyword options of every session (see the list in :mod:`mailru_sdk.options`)."""

    api_url: str
    """The REST endpoint; an http(s) URL without a query or fragment."""
    public_url: str
    """The root of the public data that :meth:`PublicSession.public_request` reads."""
    pass_error: bool
    """Return the platform's error body as a dict instead of raising :class:`APIError`."""
    timeout: Timeout
    """Seconds, or ``(connect, read)``: how long to wait to connect, then between bytes."""
    deadline: float | None
    """Seconds for a whole call, retries and the body included; ``None``: unbounded."""
    max_retries: int
    """How many times a transient failure is retried (0: never)."""
    http_method: HTTPMethod
    """``"POST"``: every call as a form body, so no secret appears in a URL."""
    rate_limit: float | RateLimit | None
    """Calls per second for the session's threads, or a limiter shared wider (Redis)."""
    pool_maxsize: int
    """Connections kept per host for the session's threads (requests' default is 10)."""


SESSION_DEFAULTS: Mapping[str, Any] = {
    "api_url": DEFAULT_API_URL,
    "public_url": DEFAULT_PUBLIC_URL,
    "pass_error": False,
    "timeout": DEFAULT_TIMEOUT,
    "deadline": DEFAULT_DEADLINE,
    "max_retries": 2,
    "http_method": "GET",
    "rate_limit": None,
    "pool_maxsize": DEFAULT_POOL_MAXSIZE,
}
"""The default of each :class:`SessionOptions` key."""


def check_option_names(owner: str, options: Mapping[str, object], known: Mapping[str, Any]) -> None:
    """Raise TypeError naming any option ``owner`` does not take, with the ones it does."""
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise TypeError(
            f"{owner} got unexpected keyword argument{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(name) for name in unknown)}; it takes "
            f"{', '.join(sorted(known))}"
        )
