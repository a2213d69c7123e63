"""The per-call fast path: a plan made once per session, then one direct request per call.

``requests.Session.request`` redoes, on every call, work whose result does
not change between calls of one session: merging the environment (proxy
variables, ``NO_PROXY``, the CA bundle variables, ``~/.netrc``), merging and
re-validating the session's headers, looking up the connection pool, and
wrapping the answer in a ``Response`` with a cookie jar; and ``urllib3``
under it costs about as much again as the HTTP exchange itself. For a
session on its default configuration that work is done once, into a
:class:`SendPlan`, and each call is sent through a keep-alive
:class:`~mailru_sdk._direct.DirectPool`.

The plan is only used while the session stays on a configuration it serves
exactly as ``requests`` would; anything else (an adapter the user mounted,
a proxy, ``auth`` or ``~/.netrc`` credentials, hooks, an ``Accept-Encoding``
asking for codings it cannot decode, uploads, or ``HTTPAdapter.send``
patched by ``responses`` and similar mocks) takes the full ``requests`` path.
The plan is rebuilt whenever the session's settings change (``verify``,
``cert``, ``proxies``, ``headers``, ``trust_env``, mounted adapters);
environment variables are read when it is built, and a program that changes
them later calls ``session.reset_send_plan()``.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from urllib.parse import quote_plus

import requests
from requests.adapters import BaseAdapter, HTTPAdapter
from requests.cookies import MockRequest, MockResponse, RequestsCookieJar
from requests.utils import get_netrc_auth, select_proxy

from mailru_sdk._direct import DECODABLE, Answer, DirectPool, tls_context

__all__ = [
    "Answer",
    "SendPlan",
    "adapter_patched",
    "build_plan",
    "plan_key",
    "query_string",
    "send",
]

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
        [
            f"{name}={value}"
            if fullmatch(value) and fullmatch(name)
            else f"{quote_plus(name)}={quote_plus(value)}"
            for name, value in wire.items()
        ]
    )


def adapter_patched() -> bool:
    """Whether ``HTTPAdapter.send`` is replaced (``responses`` and similar mocks do it).

    Mocks intercept requests at ``HTTPAdapter.send``; the fast path, which skips
    it, must then step aside so that users' mocked tests see every call.
    """
    return HTTPAdapter.send is not _STOCK_SEND


class SendPlan:
    """Everything about sending to one URL that does not change between calls."""

    __slots__ = ("form_headers", "headers", "key", "path", "pool")

    def __init__(
        self, key: tuple[object, ...], pool: DirectPool, path: str, headers: dict[str, str]
    ) -> None:
        self.key = key
        self.pool = pool
        self.path = path
        self.headers = headers
        self.form_headers = {**headers, "Content-Type": "application/x-www-form-urlencoded"}


def plan_key(session: requests.Session, url: str) -> tuple[object, ...]:
    """The session settings a plan depends on; a different key means a stale plan.

    Built on every call, so it sticks to C-level copies: a requests
    ``CaseInsensitiveDict``'s own store instead of its Python-level ``items()``.
    """
    headers = session.headers
    store = getattr(headers, "_store", None)
    return (
        url,
        session.trust_env,
        session.verify,
        session.cert,
        tuple(session.proxies.items()),
        tuple(store.values()) if isinstance(store, dict) else tuple(headers.items()),
        tuple(session.adapters.items()),
    )


def build_plan(
    session: requests.Session, url: str, stock_adapters: tuple[BaseAdapter, ...]
) -> SendPlan | None:
    """A plan for ``url``, or ``None`` when the session needs the full requests path.

    ``stock_adapters`` are the adapters the session was created with: any other
    adapter, even a plain ``HTTPAdapter`` with other settings, was mounted by
    the user and decides for itself.
    """
    key = plan_key(session, url)
    if not any(session.get_adapter(url) is adapter for adapter in stock_adapters):
        return None
    if session.trust_env and get_netrc_auth(url):
        return None
    settings = session.merge_environment_settings(url, {}, None, session.verify, session.cert)
    if select_proxy(url, settings["proxies"]):
        return None
    prepared = requests.Request("GET", url).prepare()
    prepared.prepare_headers(session.headers)  # validates them as requests would
    headers = dict(prepared.headers)
    codings = headers.get("Accept-Encoding", "identity")
    if not {c.split(";")[0].strip().lower() for c in codings.split(",")} <= DECODABLE:
        return None
    parts = urllib.parse.urlsplit(prepared.url or url)
    https = parts.scheme == "https"
    verify = True if settings["verify"] is None else settings["verify"]
    context = tls_context(verify, settings["cert"]) if https else None
    pool = DirectPool(
        parts.scheme, parts.hostname or "", parts.port or (443 if https else 80), context
    )
    return SendPlan(key, pool, parts.path or "/", headers)


def send(
    plan: SendPlan,
    verb: str,
    query: str,
    timeout: float | tuple[float, float],
    cookie_jar: RequestsCookieJar,
) -> Answer:
    """Send one call: ``query`` goes in the URL for GET, in a form body for POST."""
    if verb == "GET":
        url, body, headers = f"{plan.path}?{query}", None, plan.headers
    else:
        url, body = plan.path, query.encode("ascii")
        headers = {**plan.form_headers, "Content-Length": str(len(body))}
    answer = plan.pool.request(verb, url, body, headers, timeout)
    if answer.headers.get("Set-Cookie") is not None:
        # rare for this API; keep the session's cookie jar as requests would
        origin = f"{plan.pool.scheme}://{plan.pool.host}:{plan.pool.port}"
        request = MockRequest(requests.Request(verb, origin + url).prepare())
        cookie_jar.extract_cookies(MockResponse(answer.headers), request)  # type: ignore[arg-type]
    return answer
