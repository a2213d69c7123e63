"""Fixtures of the compatibility suite: a hit-counting server on 127.0.0.1, and secret checks.

Every test here points the SDK at :class:`CountingServer` (or at a served
``FakePlatform``) and lets a tool users test ``requests`` code with answer
instead: the mock must see the call, and the server must count no hit. A call
that escapes the tool reaches the server, which answers ``["loopback"]``, so
the test fails on both counts.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import threading
import urllib.parse
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

import pytest

from mailru_sdk import ServerSession
from mailru_sdk.oauth import RefreshSession
from mailru_sdk.testing import expected_signature
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY

#: What the counting server answers: any call that escaped its mock gets this.
LOOPBACK_ANSWER = b'["loopback"]'
#: What the mocks answer.
MOCKED_ANSWER = ["mocked"]
#: The refresh token the OAuth tests start from (kept secret like the others).
REFRESH_TOKEN = "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"
#: The token endpoint's answer the mocks give (what the platform sends).
TOKEN_ANSWER: dict[str, Any] = {
    "access_token": "fedcba98765432100123456789abcdef",
    "refresh_token": "11112222333344445555666677778888",
    "expires_in": 86400,
    "token_type": "bearer",
    "x_mailru_vid": "1324730981306483817",
}


def server_sig(method: str = "friends.get") -> str:
    """The ``sig`` of a ServerSession's parameterless call of ``method`` (the docs' example app)."""
    params = {
        "method": method,
        "app_id": str(APP_ID),
        "session_key": ACCESS_TOKEN,
        "secure": "1",
    }
    return expected_signature(params, PRIVATE_KEY, SECRET_KEY, None)


#: What must never appear in an exception, its chain, its pickle or a log record.
SECRETS = (ACCESS_TOKEN, SECRET_KEY, PRIVATE_KEY, REFRESH_TOKEN, server_sig())


class CountingServer:
    """An HTTP/1.1 server on 127.0.0.1 counting every request it receives (any path, any verb)."""

    def __init__(self) -> None:
        self.hits = 0
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        port = int(self._server.server_address[1])
        self.base = f"http://127.0.0.1:{port}"
        #: the REST endpoint and the OAuth token endpoint on this server.
        self.api_url = f"{self.base}/platform/api"
        self.token_url = f"{self.base}/oauth/token"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def count(self) -> None:
        with self.lock:
            self.hits += 1

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler(server: CountingServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # keep stderr quiet
            pass

        def do_GET(self) -> None:
            self._answer()

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self._answer()

        def _answer(self) -> None:
            server.count()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(LOOPBACK_ANSWER)))
            self.end_headers()
            self.wfile.write(LOOPBACK_ANSWER)

    return Handler


@pytest.fixture
def loopback() -> Iterator[CountingServer]:
    """The hit-counting server; stopped after the test."""
    server = CountingServer()
    try:
        yield server
    finally:
        server.close()


def exception_chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and everything it chains (``__cause__``, then ``__context__``), each once."""
    chain: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or any(current is seen for seen in chain):
            continue
        chain.append(current)
        todo += [current.__context__, current.__cause__]
    return chain


def _texts_of(exc: BaseException) -> Iterator[tuple[str, str]]:
    yield "str", str(exc)
    yield "repr", repr(exc)
    yield "args", repr(exc.args)
    yield "notes", repr(getattr(exc, "__notes__", None))
    request = getattr(exc, "request", None)
    if request is not None:
        yield "request.url", str(getattr(request, "url", ""))
        body = getattr(request, "body", None)
        yield "request.body", body.decode("latin-1") if isinstance(body, bytes) else str(body)
        yield "request.headers", repr(getattr(request, "headers", None))
    response = getattr(exc, "response", None)
    if response is not None:
        yield "response.url", str(getattr(response, "url", ""))
    with contextlib.suppress(Exception):  # what cannot be pickled cannot leak through pickle
        yield "pickle", pickle.dumps(exc).decode("latin-1")


def assert_no_secret(exc: BaseException, secrets: Iterable[str] = SECRETS) -> None:
    """No secret in the text, repr, args, request, response or pickle of ``exc`` or its chain."""
    pickle.dumps(exc)  # the SDK's own error must pickle (e.g. to cross a process pool)
    for member in exception_chain(exc):
        for where, text in _texts_of(member):
            for secret in secrets:
                assert secret not in text, (
                    f"a secret is in the {where} of {type(member).__name__} "
                    f"(chained from {type(exc).__name__})"
                )


def assert_no_secret_logged(records: Iterable[logging.LogRecord]) -> None:
    """No secret in any log record's message or exception text."""
    for record in records:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += repr(record.exc_info[1])
        for secret in SECRETS:
            assert secret not in text, f"a secret is in a log record of {record.name}"


def server_session(
    api_url: str, *, http_method: Literal["GET", "POST"] = "GET", max_retries: int = 2
) -> ServerSession:
    """A ServerSession of the docs' example app and token, calling ``api_url``.

    GET unless asked (the sessions' default is POST): the tests named ``..._a_get``
    check what the tools see of a GET, the ``..._post`` ones of a POST.
    """
    return ServerSession(
        APP_ID,
        SECRET_KEY,
        ACCESS_TOKEN,
        api_url=api_url,
        http_method=http_method,
        max_retries=max_retries,
    )


def refresh_session(server: CountingServer, *, max_retries: int = 2) -> RefreshSession:
    """A RefreshSession of the example app holding :data:`REFRESH_TOKEN`, aimed at ``server``."""
    return RefreshSession(
        APP_ID,
        PRIVATE_KEY,
        SECRET_KEY,
        REFRESH_TOKEN,
        token_url=server.token_url,
        api_url=server.api_url,
        max_retries=max_retries,
    )


def form_of(body: object) -> dict[str, str]:
    """The fields of an urlencoded request body (bytes or str)."""
    text = body.decode() if isinstance(body, bytes) else str(body)
    return dict(urllib.parse.parse_qsl(text, keep_blank_values=True))


def query_of(url: str) -> dict[str, str]:
    """The query parameters of ``url``."""
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query, keep_blank_values=True))
