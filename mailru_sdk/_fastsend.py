"""The per-call fast path: a signed call sent straight to the urllib3 pool.

``requests.Session.request`` redoes, on every call, work whose result does
not change between calls of one session: merging the environment (proxy
variables, ``NO_PROXY``, the CA bundle variables, ``~/.netrc``), merging and
re-validating the session's headers, looking up the connection pool, and
wrapping the answer in a ``Response`` with a cookie jar. For a session on the
default configuration that work is done once, into a :class:`SendPlan`, and
each call then costs one ``pool.urlopen``.

The plan is only used while the session stays on a configuration it can
serve exactly as ``requests`` would; anything else (a mounted custom adapter,
a proxy, ``auth`` or ``~/.netrc`` credentials, hooks, cookies, uploads) takes
the full ``requests`` path. The plan is rebuilt whenever the session's
settings change (``verify``, ``cert``, ``proxies``, ``headers``, ``trust_env``,
mounted adapters). Environment variables are read when the plan is built; a
program that changes them later calls ``session.reset_send_plan()``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import quote_plus

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.cookies import RequestsCookieJar, extract_cookies_to_jar
from requests.utils import get_netrc_auth, select_proxy
from urllib3.connectionpool import HTTPConnectionPool
from urllib3.exceptions import (
    ClosedPoolError,
    ConnectTimeoutError,
    HTTPError,
    InvalidHeader,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    ResponseError,
)
from urllib3.exceptions import SSLError as Urllib3SSLError

__all__ = [
    "Answer",
    "SendPlan",
    "StalePlanError",
    "adapter_patched",
    "build_plan",
    "plan_key",
    "query_string",
    "send",
]


class StalePlanError(Exception):
    """The plan's connection pool was closed; nothing was sent. Build a new plan."""


class Answer:
    """What the server answered: status, headers (case-insensitive) and the body."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body


class SendPlan:
    """Everything about sending to one URL that does not change between calls."""

    __slots__ = ("form_headers", "headers", "key", "path", "pool", "retries")

    def __init__(
        self,
        key: tuple[object, ...],
        pool: HTTPConnectionPool,
        path: str,
        headers: dict[str, str],
        retries: urllib3.Retry,
    ) -> None:
        self.key = key
        self.pool = pool
        self.path = path
        self.headers = headers
        self.form_headers = {**headers, "Content-Type": "application/x-www-form-urlencoded"}
        self.retries = retries


_STOCK_SEND = HTTPAdapter.send

# Characters quote_plus leaves alone: a value made only of them is sent as is.
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")


def query_string(wire: Mapping[str, str]) -> str:
    """``urllib.parse.urlencode(wire)``, byte for byte, without quoting what needs none.

    Most values of a call (ids, hex keys and signatures, method names) need no
    quoting; skipping ``quote_plus`` for them halves the encoding cost.
    """
    fullmatch = _UNRESERVED.fullmatch
    return "&".join(
        f"{name}={value}"
        if fullmatch(value) and fullmatch(name)
        else f"{quote_plus(name)}={quote_plus(value)}"
        for name, value in wire.items()
    )


def adapter_patched() -> bool:
    """Whether ``HTTPAdapter.send`` is replaced (``responses`` and similar mocks do it).

    Mocks intercept requests at ``HTTPAdapter.send``; the fast path, which skips
    it, must then step aside so that users' mocked tests see every call.
    """
    return HTTPAdapter.send is not _STOCK_SEND


def plan_key(session: requests.Session, url: str) -> tuple[object, ...]:
    """The session settings a plan depends on; a different key means a stale plan."""
    return (
        url,
        session.trust_env,
        session.verify,
        session.cert,
        tuple(session.proxies.items()),
        tuple(session.headers.items()),
        tuple(session.adapters.items()),
    )


def build_plan(session: requests.Session, url: str) -> SendPlan | None:
    """A plan for ``url``, or ``None`` when the session needs the full requests path."""
    key = plan_key(session, url)
    adapter = session.get_adapter(url)
    if type(adapter) is not HTTPAdapter:  # a mounted custom adapter decides for itself
        return None
    if session.trust_env and get_netrc_auth(url):
        return None
    settings = session.merge_environment_settings(url, {}, None, session.verify, session.cert)
    if select_proxy(url, settings["proxies"]):
        return None
    prepared = requests.Request("GET", url).prepare()
    prepared.prepare_headers(session.headers)  # validates them as requests would
    pool = adapter.get_connection_with_tls_context(
        prepared, settings["verify"], proxies=None, cert=settings["cert"]
    )
    adapter.cert_verify(pool, url, settings["verify"], settings["cert"])  # type: ignore[no-untyped-call]
    path = adapter.request_url(prepared, {})
    if not isinstance(pool, HTTPConnectionPool):
        return None
    return SendPlan(key, pool, path, dict(prepared.headers), adapter.max_retries)


@lru_cache(maxsize=32)
def _urllib3_timeout(timeout: float | tuple[float, float]) -> urllib3.Timeout:
    if isinstance(timeout, tuple):
        return urllib3.Timeout(connect=timeout[0], read=timeout[1])
    return urllib3.Timeout(connect=timeout, read=timeout)


def send(
    plan: SendPlan,
    verb: str,
    query: str,
    timeout: float | tuple[float, float],
    cookie_jar: RequestsCookieJar,
) -> Answer:
    """Send one call: ``query`` goes in the URL for GET, in a form body for POST.

    Raises the same ``requests`` exceptions as ``HTTPAdapter.send`` for the
    same failures, so callers classify them in one place.
    """
    if verb == "GET":
        url, body, headers = f"{plan.path}?{query}", None, plan.headers
    else:
        url, body = plan.path, query.encode("ascii")
        headers = {**plan.form_headers, "Content-Length": str(len(body))}
    try:
        response = plan.pool.urlopen(
            verb,
            url,
            body=body,
            headers=headers,
            redirect=False,
            assert_same_host=False,
            retries=plan.retries,
            timeout=_urllib3_timeout(timeout),
        )
    except ClosedPoolError:
        raise StalePlanError from None
    except (HTTPError, OSError) as exc:
        raise _as_requests_error(exc) from exc
    if "set-cookie" in response.headers:
        # rare for this API; keep the session's cookie jar as requests would
        prepared = requests.Request(verb, plan.pool.scheme + "://" + str(plan.pool.host) + url)
        extract_cookies_to_jar(cookie_jar, prepared.prepare(), response)  # type: ignore[no-untyped-call]
    return Answer(response.status, response.headers, response.data)


def _as_requests_error(exc: HTTPError | OSError) -> requests.RequestException:
    """The exception ``HTTPAdapter.send`` raises for ``exc`` (same mapping, same order)."""
    if isinstance(exc, ProtocolError | OSError):
        return requests.ConnectionError(exc)
    if isinstance(exc, MaxRetryError):
        reason = exc.reason
        if isinstance(reason, ConnectTimeoutError) and not isinstance(reason, NewConnectionError):
            return requests.ConnectTimeout(exc)
        if isinstance(reason, ResponseError):
            return requests.exceptions.RetryError(exc)
        if isinstance(reason, ProxyError):
            return requests.exceptions.ProxyError(exc)
        if isinstance(reason, Urllib3SSLError):
            return requests.exceptions.SSLError(exc)
        return requests.ConnectionError(exc)
    if isinstance(exc, Urllib3SSLError):
        return requests.exceptions.SSLError(exc)
    if isinstance(exc, ReadTimeoutError):
        return requests.ReadTimeout(exc)
    if isinstance(exc, InvalidHeader):
        return requests.exceptions.InvalidHeader(exc)
    return requests.ConnectionError(exc)
