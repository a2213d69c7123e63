"""Sending one request through ``requests``, with what never changes computed once.

Every request the SDK makes (API calls, public data, OAuth tokens) is a
``PreparedRequest`` given to ``requests.Session.send`` over the session's
mounted adapters, so whatever a requests user set or patched applies: adapters,
proxies, ``verify``, ``cert``, ``auth``, hooks, cookies, headers, and the test
tools that hook in there (responses, requests-mock, vcrpy, betamax,
``mock.patch("requests.Session.send")``).

``Session.request`` would also redo, on every call, work whose result does not
change between calls of one session: reading the environment (proxy variables,
``NO_PROXY``, the CA bundle variables, ``~/.netrc``) and merging and validating
the session's headers. ``SendSettings`` holds those results, keyed by the
session's own settings, so a change to ``verify``, ``cert``, ``proxies``,
``headers``, ``auth``, ``trust_env`` or the URL rebuilds them on the next call.
Environment variables and ``~/.netrc`` are read when they are built: a program
that changes those at run time calls ``session.reset_send_settings()``.

The body is read here too, piece by piece, so that a call's deadline also
bounds a server that drips its answer a byte at a time.
"""

from __future__ import annotations

import io
import re
import time
import urllib.parse
from collections.abc import Mapping
from typing import Any

import requests
import urllib3.exceptions as u3
from requests.cookies import RequestsCookieJar, merge_cookies
from requests.structures import CaseInsensitiveDict
from requests.utils import get_auth_from_url, get_netrc_auth
from urllib3.response import HTTPResponse

__all__ = ["DeadlineReached", "SendSettings", "query_string", "read_body"]

_CHUNK = 65536


class DeadlineReached(Exception):
    """The call's deadline passed while the request was going out or the answer coming in."""

    def __init__(self, phase: str, status: int | None = None) -> None:
        super().__init__(phase)
        #: what was under way: "sending the request", "reading the answer".
        self.phase = phase
        #: the answer's HTTP status, when its head had arrived.
        self.status = status


# Characters quote_plus leaves alone: a name or value made only of them is sent as is.
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")
# The same with the comma, which quote_plus always writes "%2C": a list of ids is made of
# these, and str.replace gives quote_plus's bytes for it without quoting byte by byte.
_UNRESERVED_OR_COMMA = re.compile(r"[A-Za-z0-9_.~,-]*")


def query_string(wire: Mapping[str, str]) -> str:
    """``urllib.parse.urlencode(wire)``, byte for byte: what requests sends for ``params=wire``.

    Most names and values of a call (method names, ids, hex keys and
    signatures) need no quoting; skipping ``quote_plus`` for them halves the
    cost of the query, the largest part of the SDK's own work per call. A
    comma-joined list of ids needs only its commas quoted (``%2C``, as
    ``quote_plus`` writes them), which one ``str.replace`` does: a 100-uid
    list costs about 1 µs instead of 60. What is signed is unchanged (the
    raw wire strings); the server decodes ``%2C`` back to ``,``.
    """
    unreserved = _UNRESERVED.fullmatch
    return "&".join(
        [
            f"{name}={value}" if unreserved(value) and unreserved(name) else _quoted(name, value)
            for name, value in wire.items()
        ]
    )


def _quoted(name: str, value: str) -> str:
    """``name=value`` as ``urlencode`` writes a pair that needs quoting."""
    if _UNRESERVED.fullmatch(name) and _UNRESERVED_OR_COMMA.fullmatch(value):
        return f"{name}={value.replace(',', '%2C')}"  # a list of ids: only its commas
    return f"{urllib.parse.quote_plus(name)}={urllib.parse.quote_plus(value)}"


class SendSettings:
    """What ``Session.request`` would compute identically for every request to one URL."""

    __slots__ = (
        "_auth_ref",
        "_cert",
        "_headers",
        "_proxies",
        "_trust_env",
        "_verify",
        "auth",
        "headers",
        "send_kwargs",
        "url",
    )

    def __init__(self, session: requests.Session, url: str) -> None:
        # the session settings these depend on, to notice a change (see current())
        self._trust_env = session.trust_env
        self._verify = session.verify
        self._cert = session.cert
        self._auth_ref = session.auth
        self._proxies = dict(session.proxies)
        self._headers = _header_snapshot(session.headers)
        # requests' own preparation of the URL (IDNA host, quoting) and of the session's
        # headers (None values dropped, each one validated), done once
        template = requests.PreparedRequest()
        template.prepare_url(url, None)
        template.prepare_headers(
            {name: value for name, value in session.headers.items() if value is not None}
        )
        #: the prepared URL, without a query.
        self.url: str = template.url or url
        self.headers: CaseInsensitiveDict[str] = template.headers
        auth: Any = session.auth
        if auth is None and session.trust_env:
            auth = get_netrc_auth(url)
        if auth is None and any(get_auth_from_url(self.url)):
            auth = get_auth_from_url(self.url)  # user:password@ in the URL, as requests does
        #: what ``prepare_auth`` applies to each request (``None``: nothing).
        self.auth: Any = auth
        env: dict[str, Any] = dict(
            session.merge_environment_settings(self.url, {}, True, session.verify, session.cert)
        )
        env["stream"] = True  # the body is read by read_body, under the call's deadline
        #: the keyword arguments of ``Session.send`` (proxies, verify, cert, stream).
        self.send_kwargs: dict[str, Any] = env

    def current(self, session: requests.Session) -> bool:
        """Whether the session's settings are still those these were computed from.

        Checked on every call, so it compares in C: dicts and their values, no
        tuples built.
        """
        return (
            session.trust_env is self._trust_env
            and session.auth is self._auth_ref
            and session.verify == self._verify
            and session.cert == self._cert
            and session.proxies == self._proxies
            and _header_snapshot(session.headers, copy=False) == self._headers
        )

    def prepare(
        self,
        session: requests.Session,
        method: str,
        url: str,
        body: object = None,
        headers: Mapping[str, str] | None = None,
    ) -> requests.PreparedRequest:
        """A ``PreparedRequest`` as ``session.prepare_request`` would build it.

        ``url`` is this settings' ``url``, with an encoded query appended
        or not; ``body`` is bytes or a file-like stream, given to requests'
        ``prepare_body``; ``headers`` are the request's own (Content-Type).
        """
        prepared = requests.PreparedRequest()
        prepared.method = method
        prepared.url = url
        prepared.headers = _copy_headers(self.headers)
        # prepare_request's copy of the session's cookies (redirect handling reads it)
        jar = RequestsCookieJar()
        if _has_cookies(session.cookies):
            merge_cookies(jar, session.cookies)  # type: ignore[no-untyped-call]
            prepared.prepare_cookies(jar)
        else:  # what prepare_cookies sets, without building an empty Cookie header
            prepared._cookies = jar  # type: ignore[attr-defined]
        if body is not None:
            prepared.prepare_body(body, None)
        if headers:  # after the body's, in the order requests writes them
            prepared.headers.update(headers)
        if self.auth is not None:
            prepared.prepare_auth(self.auth, url)
        if any(session.hooks.values()):
            prepared.prepare_hooks(session.hooks)
        return prepared


def _has_cookies(jar: object) -> bool:
    """``len(jar) > 0`` without walking the jar (``len`` counts every cookie in Python)."""
    domains = getattr(jar, "_cookies", None)  # http.cookiejar.CookieJar's domain → path → name
    if isinstance(domains, dict):
        return any(names for paths in domains.values() for names in paths.values())
    return bool(len(jar))  # type: ignore[arg-type]


def _header_snapshot(headers: Mapping[str, object], *, copy: bool = True) -> object:
    """What the session's headers are now: their store (names as set, values), comparable."""
    store = getattr(headers, "_store", None)
    if isinstance(store, dict):
        return store.copy() if copy else store
    return list(headers.items())


def _copy_headers(headers: CaseInsensitiveDict[str]) -> CaseInsensitiveDict[str]:
    """``headers.copy()``, without re-lowering every name: a copy of its store."""
    store = getattr(headers, "_store", None)
    if not isinstance(store, dict):
        return headers.copy()
    copy: CaseInsensitiveDict[str] = CaseInsensitiveDict()
    copy._store = store.copy()  # type: ignore[attr-defined]
    return copy


def read_body(response: requests.Response, end: float | None, read_timeout: float) -> bytes:
    """The whole body of a streamed ``response``, read before ``end`` (``time.monotonic()``).

    Read with ``read1``, so each read returns what has arrived instead of
    waiting for a full buffer, and each socket wait is cut to what is left of
    the deadline. Without a deadline, or from a response whose body is not a
    socket (a mock's), requests reads it as usual.

    Raises:
        DeadlineReached: ``end`` passed before the body was complete.
        requests.RequestException: as requests' own reading would raise.
    """
    if getattr(response, "_content_consumed", False):  # a response hook read it already
        return response.content
    raw = response.raw
    if end is None or not isinstance(raw, HTTPResponse):
        # no deadline, or a body that is no urllib3 response (a custom adapter's, a mock's)
        return response.content
    read1 = raw.read1
    chunks = []
    while True:
        remaining = end - time.monotonic()
        if remaining <= 0:
            raise DeadlineReached("reading the answer", response.status_code)
        if remaining < read_timeout:
            # Cut the socket's wait to the deadline, while the response holds its
            # connection: at the end of the body urllib3 hands it back to the pool (and
            # to other threads), and sets the timeout again before it reuses it.
            connection = raw.connection
            sock = getattr(connection, "sock", None) if connection is not None else None
            if sock is not None:
                sock.settimeout(remaining)
        try:
            # the raw bytes: decoding inside read1 would go on reading until the decoder
            # has output, past the deadline, if a compressed body comes slowly
            chunk = _read1(read1)
        except requests.exceptions.ReadTimeout:
            if remaining < read_timeout:  # the wait was cut to the deadline, which came
                raise DeadlineReached("reading the answer", response.status_code) from None
            raise
        if not chunk:
            break
        chunks.append(chunk)
        if raw.length_remaining == 0:  # a Content-Length body, complete: no read for EOF
            break
    body = _decoded(b"".join(chunks), response)
    # what Response.content records once it has read: the response is complete, and
    # closing it hands the connection back instead of dropping it
    response._content = body
    response._content_consumed = True  # type: ignore[attr-defined]
    return body


def _decoded(raw: bytes, response: requests.Response) -> bytes:
    """``raw`` decoded per its ``Content-Encoding`` by urllib3, as requests' reading would."""
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    if not raw or encoding in ("", "identity"):
        return raw
    decoder = HTTPResponse(
        body=io.BytesIO(raw),
        headers={"Content-Encoding": encoding},
        decode_content=True,
        preload_content=False,
    )
    try:
        return decoder.read()
    except u3.DecodeError as exc:
        raise requests.exceptions.ContentDecodingError(exc) from exc


def _read1(read1: Any) -> bytes:
    # the exceptions requests' own body reading (Response.iter_content) raises; raw bytes
    # cannot fail to decode here (_decoded does that, after)
    try:
        return bytes(read1(_CHUNK, decode_content=False))
    except u3.ProtocolError as exc:
        raise requests.exceptions.ChunkedEncodingError(exc) from exc
    except u3.ReadTimeoutError as exc:
        # requests raises a ConnectionError here; a ReadTimeout says what happened
        raise requests.exceptions.ReadTimeout(exc) from exc
    except u3.SSLError as exc:
        raise requests.exceptions.SSLError(exc) from exc
