"""What actually crossed the wire to the loopback server: request lines and headers.

The emulator records decoded parameters; these tests also need the raw request
line (to prove that no secret is in a URL) and the framing headers (to prove
an upload is sent with ``Content-Length``). The server runs in this process, so
wrapping ``BaseHTTPRequestHandler.parse_request`` sees every request it parses,
whichever code path of the SDK sent it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler

import pytest


@dataclass(frozen=True)
class WireRequest:
    """One request as the server read it, before its body."""

    request_line: str
    headers: dict[str, str]

    @property
    def target(self) -> str:
        """The request target: path and query, as sent."""
        return self.request_line.split(" ")[1]


class Wiretap:
    """Every request the loopback server parsed since the tap was set, in order."""

    def __init__(self) -> None:
        self.requests: list[WireRequest] = []
        self._lock = threading.Lock()

    def record(self, handler: BaseHTTPRequestHandler) -> None:
        headers = {name.lower(): value for name, value in handler.headers.items()}
        with self._lock:
            self.requests.append(WireRequest(handler.requestline, headers))


@pytest.fixture
def wiretap(monkeypatch: pytest.MonkeyPatch) -> Iterator[Wiretap]:
    """Record the request line and headers of every request a loopback server receives."""
    tap = Wiretap()
    original = BaseHTTPRequestHandler.parse_request

    def parse_request(handler: BaseHTTPRequestHandler) -> bool:
        parsed = original(handler)
        if parsed:
            tap.record(handler)
        return parsed

    monkeypatch.setattr(BaseHTTPRequestHandler, "parse_request", parse_request)
    yield tap
