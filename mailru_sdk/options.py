"""The options of sessions and calls: named, typed and defaulted here, checked once.

Each session class takes its credentials positionally and these options as
keywords (``**options: Unpack[SessionOptions]``). The session validates them
once into an [`Options`][mailru_sdk.options.Options], a frozen object that every call reads; a call
may override ``timeout``, ``max_retries`` and ``deadline``
(``**options: Unpack[CallOptions]`` on every stub, which also take
``max_items`` and ``chunk_concurrency``: ``mailru_sdk.api.chunking``),
merged with the session's in one place,
[`Options.for_call()`][mailru_sdk.options.Options.for_call]. The OAuth sessions add their own
options
([`mailru_sdk.auth.oauth_options.OAuthOptions`][mailru_sdk.auth.oauth_options.OAuthOptions]).

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
- ``http_method`` (``"POST"``): every call a form body, so that no token or
  signature appears in a URL (which tracing, proxies and cassettes record);
  ``"GET"`` puts the parameters in the query string.
- ``rate_limit`` (``None``): calls per second (a number), or a limiter shared
  wider, such as the Redis one.
- ``pool_maxsize`` (``32``): connections kept per host, shared by the
  session's threads.
- ``event_hooks`` (``None``): functions called at each step of every call
  (``mailru_sdk.hooks``): a ``Hooks``, or a dict of
  event name to a list of functions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypedDict

from mailru_sdk._retry import RetryPolicy
from mailru_sdk._validate import (
    check_base_url,
    check_pool_maxsize,
    shown_url,
    validate_deadline,
    validate_timeout,
)
from mailru_sdk.hooks import Hook, Hooks
from mailru_sdk.stores.ratelimit import RateLimit, RateLimiter

__all__ = [
    "DEFAULT_API_URL",
    "DEFAULT_DEADLINE",
    "DEFAULT_POOL_MAXSIZE",
    "DEFAULT_PUBLIC_URL",
    "DEFAULT_TIMEOUT",
    "SESSION_DEFAULTS",
    "CallOptions",
    "CallSettings",
    "HTTPMethod",
    "Options",
    "RequestOptions",
    "SessionOptions",
    "Timeout",
    "check_call_options",
    "check_option_names",
    "rate_limiter",
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
    """The keyword options of every session (see the list in
    [`mailru_sdk.options`][mailru_sdk.options])."""

    api_url: str
    """The REST endpoint; an http(s) URL without a query or fragment."""
    public_url: str
    """The root of the public data that
    [`PublicSession.public_request()`][mailru_sdk.sessions.PublicSession.public_request] reads."""
    pass_error: bool
    """Return the platform's error body as a dict instead of raising
    [`APIError`][mailru_sdk.APIError]."""
    timeout: Timeout
    """Seconds, or ``(connect, read)``: how long to wait to connect, then between bytes."""
    deadline: float | None
    """Seconds for a whole call, retries and the body included; ``None``: unbounded."""
    max_retries: int
    """How many times a transient failure is retried (0: never)."""
    http_method: HTTPMethod
    """``"POST"`` (the default): a form body, no secret in a URL; ``"GET"``: the query string."""
    rate_limit: float | RateLimit | None
    """Calls per second for the session's threads, or a limiter shared wider (Redis)."""
    pool_maxsize: int
    """Connections kept per host for the session's threads (requests' default is 10)."""
    event_hooks: Hooks | Mapping[str, Iterable[Hook]] | None
    """Functions called at each step of every call (``mailru_sdk.hooks``)."""


class RequestOptions(TypedDict, total=False):
    """What one request through the session may override: ``session.call(..., timeout=3)``.

    A value of ``None`` (or leaving it out) keeps the session's.
    """

    timeout: Timeout | None
    """Seconds, or ``(connect, read)``, for this call only."""
    max_retries: int | None
    """Retries of a transient failure, for this call only."""
    deadline: float | None
    """Seconds for the whole of this call, retries included."""


class CallOptions(RequestOptions, total=False):
    """What one typed stub's call may override: ``api.friends.get(timeout=3, deadline=10)``.

    The [`RequestOptions`][mailru_sdk.options.RequestOptions], and the chunking of a list parameter.
    """

    max_items: int | None
    """Typed stubs: items per call for a list parameter the catalogue caps (chunking)."""
    chunk_concurrency: int | None
    """Typed stubs: how many of a chunked call's calls run at once (default 1)."""


SESSION_DEFAULTS: Mapping[str, Any] = {
    "api_url": DEFAULT_API_URL,
    "public_url": DEFAULT_PUBLIC_URL,
    "pass_error": False,
    "timeout": DEFAULT_TIMEOUT,
    "deadline": DEFAULT_DEADLINE,
    "max_retries": 2,
    "http_method": "POST",
    "rate_limit": None,
    "pool_maxsize": DEFAULT_POOL_MAXSIZE,
    "event_hooks": None,
}
"""The default of each [`SessionOptions`][mailru_sdk.options.SessionOptions] key."""


def check_option_names(owner: str, options: Mapping[str, object], known: Mapping[str, Any]) -> None:
    """Raise TypeError naming any option ``owner`` does not take, with the ones it does."""
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise TypeError(
            f"{owner} got unexpected keyword argument{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(name) for name in unknown)}; it takes "
            f"{', '.join(sorted(known))}"
        )


@dataclasses.dataclass(frozen=True, slots=True)
class CallSettings:
    """What the pipeline needs to run one call: the session's options with the call's merged."""

    timeout: Timeout
    retry_policy: RetryPolicy
    deadline: float | None
    rate_limiter: RateLimit | None
    pass_error: bool
    hooks: Hooks | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Options:
    """A session's options, checked: build them with [`build()`][mailru_sdk.options.Options.build],
    change with [`replace()`][mailru_sdk.options.Options.replace].

    Frozen: a session that changes an option (``session.timeout = 3``) gets a
    new object, so a call in flight keeps the options it started with.
    """

    api_url: str
    public_url: str
    pass_error: bool
    timeout: Timeout
    deadline: float | None
    retry_policy: RetryPolicy
    http_method: HTTPMethod
    rate_limiter: RateLimit | None
    pool_maxsize: int
    event_hooks: Hooks | None = None
    #: the settings of a call that overrides nothing (most calls): built once
    defaults: CallSettings = dataclasses.field(init=False, repr=False, compare=False)
    #: the settings of a request no deadline may cut: a token refresh (its timeouts still hold)
    uncut: CallSettings = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # each field checked here, so that replace() checks what it changes too
        object.__setattr__(self, "api_url", check_base_url("api_url", self.api_url))
        public_url = check_base_url("public_url", self.public_url).rstrip("/")
        object.__setattr__(self, "public_url", public_url)
        if not isinstance(self.pass_error, bool):  # not coerced: "no" would mean True
            raise TypeError(
                f"pass_error must be True or False, got {type(self.pass_error).__name__}"
            )
        object.__setattr__(self, "timeout", validate_timeout(self.timeout))
        object.__setattr__(self, "deadline", validate_deadline(self.deadline))
        if not isinstance(self.retry_policy, RetryPolicy):
            raise TypeError(
                f"retry_policy must be a RetryPolicy, got {type(self.retry_policy).__name__}"
            )
        if self.http_method not in ("GET", "POST"):
            raise ValueError(f"http_method must be 'GET' or 'POST', got {self.http_method!r}")
        object.__setattr__(self, "pool_maxsize", check_pool_maxsize(self.pool_maxsize))
        object.__setattr__(self, "rate_limiter", rate_limiter(self.rate_limiter))
        object.__setattr__(self, "event_hooks", Hooks.of(self.event_hooks))
        defaults = CallSettings(
            self.timeout,
            self.retry_policy,
            self.deadline,
            self.rate_limiter,
            self.pass_error,
            self.event_hooks,
        )
        object.__setattr__(self, "defaults", defaults)
        object.__setattr__(self, "uncut", dataclasses.replace(defaults, deadline=None))

    @classmethod
    def build(cls, owner: str, options: Mapping[str, object]) -> Options:
        """The options of session class ``owner`` from its keyword arguments, defaults filled in.

        Raises:
            TypeError / ValueError: an unknown option, or a bad value, named.
        """
        check_option_names(owner, options, SESSION_DEFAULTS)
        given: dict[str, Any] = {**SESSION_DEFAULTS, **options}
        return cls(
            api_url=given["api_url"],
            public_url=given["public_url"],
            pass_error=given["pass_error"],
            timeout=given["timeout"],
            deadline=given["deadline"],
            retry_policy=RetryPolicy(max_retries=given["max_retries"]),
            http_method=given["http_method"],
            rate_limiter=given["rate_limit"],
            pool_maxsize=given["pool_maxsize"],
            event_hooks=given["event_hooks"],
        )

    def __repr__(self) -> str:
        # URLs shown without a password in them (user:password@host)
        return (
            f"Options(api_url={shown_url(self.api_url)!r}, "
            f"public_url={shown_url(self.public_url)!r}, pass_error={self.pass_error}, "
            f"timeout={self.timeout!r}, deadline={self.deadline!r}, "
            f"retry_policy={self.retry_policy!r}, http_method={self.http_method!r}, "
            f"rate_limiter={self.rate_limiter!r}, pool_maxsize={self.pool_maxsize})"
        )

    def replace(self, **changes: Any) -> Options:
        """A copy with ``changes`` (field names), each checked as
        [`build()`][mailru_sdk.options.Options.build] checks it."""
        return dataclasses.replace(self, **changes)

    def for_call(self, overrides: RequestOptions) -> CallSettings:
        """The settings of one call: the session's, with the call's overrides checked and merged."""
        if not overrides:
            return self.defaults
        unknown = set(overrides) - _SESSION_CALL_OPTIONS
        if unknown:  # never dropped silently (max_items: only the typed stubs chunk a list)
            raise TypeError(
                f"{', '.join(sorted(unknown))}: not an option of session.call or "
                "public_request, which take timeout, max_retries and deadline; max_items and "
                "chunk_concurrency are options of the typed stubs (api.users.getInfo(...))"
            )
        timeout = overrides.get("timeout")
        max_retries = overrides.get("max_retries")
        deadline = overrides.get("deadline")
        return CallSettings(
            self.timeout if timeout is None else validate_timeout(timeout),
            (
                self.retry_policy
                if max_retries is None
                else self.retry_policy.with_max_retries(max_retries)
            ),
            self.deadline if deadline is None else validate_deadline(deadline),
            self.rate_limiter,
            self.pass_error,
            self.event_hooks,
        )


#: what a request through the session itself may override (the stubs add chunking's)
_SESSION_CALL_OPTIONS = frozenset(RequestOptions.__annotations__)


def check_call_options(owner: str, overrides: Mapping[str, object]) -> CallOptions:
    """``overrides`` if they name only [`CallOptions`][mailru_sdk.options.CallOptions] keys, else
    TypeError naming the rest.

    The stubs take them as ``**options``: a misspelt keyword would otherwise
    be dropped silently for a caller without a type checker.
    """
    if overrides:
        check_option_names(owner, overrides, CallOptions.__annotations__)
    return overrides  # type: ignore[return-value]


def rate_limiter(rate_limit: object) -> RateLimit | None:
    """The limiter the ``rate_limit`` option stands for: a number becomes a
    [`RateLimiter`][mailru_sdk.stores.ratelimit.RateLimiter]."""
    if rate_limit is None:
        return None
    if isinstance(rate_limit, RateLimit):
        return rate_limit
    if isinstance(rate_limit, int | float) and not isinstance(rate_limit, bool):
        return RateLimiter(rate_limit)
    raise TypeError(
        "rate_limit must be a number of calls per second, a limiter with reserve() and "
        f"acquire() (e.g. the Redis one), or None; got {type(rate_limit).__name__}"
    )
