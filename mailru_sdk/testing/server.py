"""The fake platform over real HTTP on 127.0.0.1.

``PlatformServer`` is a stdlib ``ThreadingHTTPServer`` that turns each
HTTP request into a ``FakeRequest``, lets
``FakePlatform.handle <mailru_sdk.testing.FakePlatform.handle>()``
answer it, and sends the answer (after any scripted delay, or drops the
connection). No platform logic lives here.
"""

from __future__ import annotations

import contextlib
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from mailru_sdk.testing.wire import FakeRequest, FakeResponse, FakeURLs, Platform

__all__ = ["PlatformServer"]


class PlatformServer:
    """Serves ``fake`` on 127.0.0.1:``port`` (0: a free port) until ``close()``."""

    def __init__(self, fake: Platform, port: int = 0) -> None:
        self._server = _Server(("127.0.0.1", port), _make_handler(fake))
        bound = int(self._server.server_address[1])
        base = f"http://127.0.0.1:{bound}"
        #: the REST endpoint and the OAuth token endpoint.
        self.urls = FakeURLs(f"{base}/platform/api", f"{base}/oauth/token")
        # a short poll interval keeps close() quick (shutdown waits for the next poll)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class _Server(ThreadingHTTPServer):
    # the default listen backlog (5) made concurrent test clients wait for a
    # SYN retry (about a second) when 8 threads connected at once
    request_queue_size = 128
    daemon_threads = True


def _make_handler(fake: Platform) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # headers and body go out in separate writes: without TCP_NODELAY, Nagle's
        # algorithm and the client's delayed ACK add ~40 ms to every keep-alive answer
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # silence stderr
            pass

        def handle(self) -> None:
            # the client may hang up first, e.g. when its timeout expires during a delay
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                super().handle()

        def do_GET(self) -> None:
            self._serve(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._serve(self.rfile.read(length))

        def _serve(self, body: bytes) -> None:
            url = urllib.parse.urlsplit(self.path)
            request = FakeRequest(
                self.command, url.path, url.query, body, self.headers.get("Content-Type", "")
            )
            try:
                response = fake.handle(request)
            except Exception as exc:  # a handler's bug: answer 500, as a crashing server would
                response = FakeResponse(
                    500, f"fake platform: {type(exc).__name__}: {exc}".encode(), "text/plain"
                )
            if response.delay:
                time.sleep(response.delay)
            if response.drop:
                self.close_connection = True
                self.connection.close()
                return
            self.send_response(response.status)
            self.send_header("Content-Type", f"{response.content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(response.body)))
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(response.body)

    return _Handler
