"""The fast path's HTTP/1.1 engine (mailru_sdk._direct) against a scripted server on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from mailru_sdk import RequestTimeoutError, ServerSession, TransportError
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY

BODY = json.dumps(["100", "200"]).encode()

Script = Callable[[BaseHTTPRequestHandler], None]


class Server:
    """A server whose answers a test scripts, counting connections and requests."""

    def __init__(self) -> None:
        self.script: Script = plain
        self.connections = 0
        self.requests = 0
        self.url = ""


def plain(handler: BaseHTTPRequestHandler, body: bytes = BODY, **headers: str) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def setup(self) -> None:
            super().setup()
            state.connections += 1

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            state.requests += 1
            state.script(self)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/platform/api"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def session_for(server: Server, **kw: Any) -> ServerSession:
    return ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=server.url, max_retries=0, **kw)


def test_connections_are_kept_alive(server: Server) -> None:
    session = session_for(server)
    for _ in range(5):
        assert session.call("friends.get") == ["100", "200"]
    assert server.requests == 5 and server.connections == 1


@pytest.mark.parametrize(
    ("coding", "encode"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, no zlib header
    ],
    ids=["gzip", "deflate", "raw-deflate"],
)
def test_compressed_answers_are_decoded(
    server: Server, coding: str, encode: Callable[[bytes], bytes]
) -> None:
    server.script = lambda h: plain(h, encode(BODY), Content_Encoding=coding)
    assert session_for(server).call("friends.get") == ["100", "200"]


def test_unknown_coding_is_a_transport_error(server: Server) -> None:
    server.script = lambda h: plain(h, b"xx", Content_Encoding="br")
    with pytest.raises(TransportError, match="unsupported coding 'br'"):
        session_for(server).call("friends.get")


def test_connection_close_answer_opens_a_new_connection_next_time(server: Server) -> None:
    server.script = lambda h: plain(h, Connection="close")
    session = session_for(server)
    session.call("friends.get")
    session.call("friends.get")
    assert server.connections == 2


def test_a_connection_the_server_dropped_while_idle_is_not_reused(server: Server) -> None:
    def answer_then_hang_up(handler: BaseHTTPRequestHandler) -> None:
        plain(handler)  # keep-alive promised...
        handler.close_connection = True  # ...then the server closes it anyway

    server.script = answer_then_hang_up
    session = session_for(server)
    session.call("friends.get")
    time.sleep(0.05)  # let the close reach the client (not a timing assertion)
    assert session.call("friends.get") == ["100", "200"]  # no error: a fresh connection
    assert server.connections == 2


def test_read_timeout(server: Server) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(0.5)
        plain(handler)

    server.script = slow
    with pytest.raises(RequestTimeoutError) as info:
        session_for(server, timeout=(1.0, 0.1)).call("friends.get")
    assert info.value.sent is True


def test_close_closes_idle_connections(server: Server) -> None:
    session = session_for(server)
    session.call("friends.get")
    cache = session._plan_cache
    assert cache is not None and cache[1] is not None
    pool = cache[1].pool
    assert pool._idle
    session.close()
    assert pool._idle == [] and session._plan_cache is None


def test_threads_share_the_pool(server: Server) -> None:
    session = session_for(server)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(25):
                assert session.call("friends.get") == ["100", "200"]
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and server.requests == 200
    assert server.connections <= 8


def test_idle_check_without_poll(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no select.poll: the dropped-connection check falls back to select."""
    import mailru_sdk._direct as direct

    monkeypatch.setattr(direct, "_HAS_POLL", False)

    def answer_then_hang_up(handler: BaseHTTPRequestHandler) -> None:
        plain(handler)
        handler.close_connection = True

    session = session_for(server)
    session.call("friends.get")  # keep-alive reuse goes through the check
    server.script = answer_then_hang_up
    session.call("friends.get")
    time.sleep(0.05)  # let the close reach the client (not a timing assertion)
    assert session.call("friends.get") == ["100", "200"]
    assert server.connections == 2
