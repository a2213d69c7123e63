"""Keep-alive HTTP/1.1 connections to one origin over ``http.client``: the fast path's engine.

A session on its default configuration sends every call to one origin.
``http.client`` alone costs about half of what ``urllib3`` adds per request
(measured: ``benchmarks/``), so the fast path keeps its own small pool of
``http.client`` connections, with the same guarantees the ``requests`` path
gives: TLS 1.2+ with certificate and host name verification (or the
session's ``verify``/``cert``), finite connect and read timeouts, a dropped
idle connection detected before reuse, and failures raised as the
``requests`` exceptions the call loop already classifies.

No lock is held during I/O: the pool's lock only guards the idle list.
"""

from __future__ import annotations

import functools
import http.client
import os
import select
import socket
import ssl
import threading
import zlib
from collections.abc import Mapping
from typing import Protocol

import requests

from mailru_sdk.transport import ConnectionNotOpened

__all__ = ["DECODABLE", "Answer", "DirectPool", "Headers", "tls_context"]

DECODABLE = frozenset({"gzip", "deflate", "identity"})
"""Content codings this module can decode (what ``Accept-Encoding`` may ask for)."""

_IDLE_LIMIT = 32
_HAS_POLL = hasattr(select, "poll")


class Headers(Protocol):
    """Case-insensitive header lookup, as both ``requests`` and ``http.client`` offer."""

    def get(self, name: str, /) -> str | None:
        """The header's value, or ``None``."""


class Answer:
    """A complete answer: status, headers (case-insensitive ``get``) and the decoded body."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: Headers, body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body


@functools.lru_cache(maxsize=8)
def tls_context(verify: bool | str, cert: str | tuple[str, str] | None) -> ssl.SSLContext:
    """The TLS settings ``requests`` would use for ``verify`` and ``cert``.

    ``verify=True`` checks the certificate against the CA bundle ``requests``
    uses; a path names a CA file or directory; ``False`` checks nothing.

    Cached: loading a CA bundle takes tens of milliseconds, which a web view
    that opens a session per request would otherwise pay each time. Contexts
    are safe to share between threads; ``tls_context.cache_clear()`` (done by
    ``session.reset_send_plan()``) reads the files again.
    """
    if verify is False:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    else:
        # Only the given CAs, as requests does: create_default_context loads the
        # system store (and SSL_CERT_FILE) only when it is given no CA location.
        location = requests.utils.DEFAULT_CA_BUNDLE_PATH if verify is True else verify
        if os.path.isdir(location):
            context = ssl.create_default_context(capath=location)
        else:
            context = ssl.create_default_context(cafile=location)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if cert is not None:
        if isinstance(cert, tuple):
            context.load_cert_chain(cert[0], cert[1])
        else:
            context.load_cert_chain(cert)
    return context


class DirectPool:
    """Idle keep-alive connections to ``scheme://host:port``, reused last-in first-out."""

    def __init__(self, scheme: str, host: str, port: int, context: ssl.SSLContext | None) -> None:
        self.scheme = scheme
        self.host = host
        self.port = port
        self.context = context
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._closed = False

    def close(self) -> None:
        """Close the idle connections; connections in use close when they come back."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    def request(
        self,
        verb: str,
        url: str,
        body: bytes | None,
        headers: Mapping[str, str],
        timeout: float | tuple[float, float],
    ) -> Answer:
        """Send one request and read the whole answer.

        Raises:
            ConnectionNotOpened / requests.ConnectTimeout: nothing was sent.
            requests.exceptions.SSLError: the TLS handshake failed.
            requests.ReadTimeout / requests.ConnectionError: after sending.
        """
        connect_timeout, read_timeout = timeout if isinstance(timeout, tuple) else (timeout,) * 2
        conn = self._checkout()
        if conn is None:
            conn = self._open(connect_timeout)
        try:
            assert conn.sock is not None
            conn.sock.settimeout(read_timeout)
            conn.request(verb, url, body, dict(headers))
            response = conn.getresponse()
            data = response.read()
        except TimeoutError as exc:
            conn.close()
            raise requests.ReadTimeout(f"no answer within {read_timeout} s: {exc}") from exc
        except (http.client.HTTPException, OSError) as exc:
            conn.close()
            raise requests.ConnectionError(f"connection broken: {exc!r}") from exc
        if response.will_close:
            conn.close()
        else:
            self._checkin(conn)
        return Answer(response.status, response.msg, _decode(response.msg, data))

    def _open(self, connect_timeout: float) -> http.client.HTTPConnection:
        conn: http.client.HTTPConnection
        if self.scheme == "https":
            conn = http.client.HTTPSConnection(
                self.host, self.port, timeout=connect_timeout, context=self.context
            )
        else:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=connect_timeout)
        try:
            conn.connect()
        except TimeoutError as exc:
            conn.close()
            raise requests.ConnectTimeout(
                f"could not connect to {self.host}:{self.port} within {connect_timeout} s"
            ) from exc
        except (ssl.SSLError, ssl.CertificateError) as exc:
            conn.close()
            raise requests.exceptions.SSLError(f"TLS handshake failed: {exc}") from exc
        except OSError as exc:
            conn.close()
            raise ConnectionNotOpened(
                f"could not connect to {self.host}:{self.port}: {exc}"
            ) from exc
        assert conn.sock is not None
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn

    def _checkout(self) -> http.client.HTTPConnection | None:
        while True:
            with self._lock:
                if not self._idle:
                    return None
                conn = self._idle.pop()
            if conn.sock is not None and not _dropped(conn.sock):
                return conn
            conn.close()  # the server closed it while idle

    def _checkin(self, conn: http.client.HTTPConnection) -> None:
        with self._lock:
            if not self._closed and len(self._idle) < _IDLE_LIMIT:
                self._idle.append(conn)
                return
        conn.close()


def _dropped(sock: socket.socket) -> bool:
    # An idle keep-alive connection is readable only when the server closed it
    # (or sent something it should not have): either way it cannot be reused.
    # poll, unlike select, works for any descriptor number; Windows has only select.
    try:
        if _HAS_POLL:
            poller = select.poll()
            poller.register(sock, select.POLLIN)
            return bool(poller.poll(0))
        readable, _, _ = select.select([sock], [], [], 0)
        return bool(readable)
    except (OSError, ValueError):
        return True


def _decode(headers: http.client.HTTPMessage, data: bytes) -> bytes:
    coding = headers.get("Content-Encoding")
    if not coding:
        return data
    for token in reversed([t.strip().lower() for t in coding.split(",")]):
        try:
            if token == "gzip":
                data = zlib.decompress(data, 16 + zlib.MAX_WBITS)
            elif token == "deflate":
                try:
                    data = zlib.decompress(data)
                except zlib.error:  # raw deflate, as some servers send it
                    data = zlib.decompress(data, -zlib.MAX_WBITS)
            elif token != "identity":
                raise requests.exceptions.ContentDecodingError(f"unsupported coding {token!r}")
        except zlib.error as exc:
            raise requests.exceptions.ContentDecodingError(f"bad {token} body: {exc}") from exc
    return data
