"""Scripted misbehaviour of the fake platform: faults, delays, and the answers they make.

``FaultScript`` keeps what the scripting verbs of
[`FakePlatform`][mailru_sdk.testing.FakePlatform] (``fail``, ``http_error``,
``delay``, ``drop_connection``, ``inject``) asked for, and hands out the fault
and the delay of each request; ``fault_response()`` and ``finish()`` turn
them into what the transport does.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mailru_sdk.testing.wire import FakeResponse

__all__ = [
    "KINDS",
    "PUBLIC",
    "TOKEN",
    "UNPROCESSED",
    "Fault",
    "FaultScript",
    "check_times",
    "fault_response",
    "finish",
]

#: The ``method`` that scripted faults use to target token requests: ``fake.http_error(503,
#: method=TOKEN)``.
TOKEN = "token"

#: The ``method`` that scripted faults use to target requests for public data:
#: ``fake.drop_connection(method=PUBLIC)``.
PUBLIC = "public"

#: faults answered without processing the request (a proxy or the network fails)
UNPROCESSED = frozenset({"drop", "status", "html"})
#: every kind of [`Fault`][mailru_sdk.testing.faults.Fault]
KINDS = frozenset({"status", "drop", "sleep", "html", "truncated", "empty", "error"})


@dataclass(frozen=True)
class Fault:
    """A misbehaviour for one request.

    ``kind`` is one of ``status`` (HTTP ``status`` with a text body), ``drop``
    (close the connection without answering), ``sleep`` (wait ``seconds`` then
    answer normally), ``html``, ``truncated``, ``empty``, and ``error`` (a
    platform error ``code`` with HTTP ``status`` and ``message``). The
    scripting verbs of [`FakePlatform`][mailru_sdk.testing.FakePlatform] build these for you.
    """

    kind: str
    status: int = 200
    code: int = 1
    seconds: float = 0.0
    headers: Mapping[str, str] = field(default_factory=dict)
    message: str = ""
    body: str = "Bad Gateway"
    """The text body of a ``status`` fault."""


@dataclass
class _Entry:
    fault: Fault | None  # None: a delay only
    method: str | None  # None: every request
    remaining: int | None  # None: until cleared
    delay: float = 0.0


class FaultScript:
    """The scripted faults and delays, in the order they were added; safe across threads."""

    def __init__(self) -> None:
        self._entries: list[_Entry] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault, method: str | None, times: int | None) -> None:
        """Apply ``fault`` to the next ``times`` requests (None: all) to ``method`` (None: any)."""
        entry = _Entry(fault, method, check_times(times))
        with self._lock:
            self._entries.append(entry)

    def set_delay(self, seconds: float, method: str | None, times: int | None) -> None:
        """Replace the standing delays with ``seconds`` (0: none) for ``times`` requests."""
        with self._lock:
            self._entries = [e for e in self._entries if e.fault is not None or e.remaining]
            if seconds:
                self._entries.append(_Entry(None, method, check_times(times), delay=seconds))

    def clear(self) -> None:
        """Forget every fault and delay."""
        with self._lock:
            self._entries.clear()

    def take(self, method: str) -> tuple[Fault | None, float]:
        """The fault and the delay for a request to ``method``, consuming one use of each."""
        fault: Fault | None = None
        delay = 0.0
        with self._lock:
            for entry in list(self._entries):
                if entry.method is not None and entry.method != method:
                    continue
                if entry.fault is None:
                    if delay:
                        continue
                    delay = entry.delay
                elif fault is None:
                    fault = entry.fault
                else:
                    continue
                if entry.remaining is not None:
                    entry.remaining -= 1
                    if entry.remaining <= 0:
                        self._entries.remove(entry)
        if fault is not None and fault.kind == "sleep":
            delay += fault.seconds
        return fault, delay


def check_times(times: int | None) -> int | None:
    """``times`` as given, when it is a positive int or None (for ever)."""
    if times is not None and (isinstance(times, bool) or times < 1):
        raise ValueError(f"times must be a positive int or None (for ever), got {times!r}")
    return times


def finish(status: int, body: Any, fault: Fault | None, delay: float) -> FakeResponse:
    """The JSON answer ``body``, spoilt as a ``truncated`` or ``empty`` fault asks."""
    if fault is not None and fault.kind == "truncated":
        return FakeResponse(200, _json(body)[:-3], delay=delay)
    if fault is not None and fault.kind == "empty":
        return FakeResponse(200, b"", delay=delay)
    headers = fault.headers if fault is not None and fault.kind == "error" else {}
    return FakeResponse(status, _json(body), headers=headers, delay=delay)


def fault_response(fault: Fault, delay: float) -> FakeResponse:
    """The answer of a fault that leaves the request unprocessed (``UNPROCESSED``)."""
    if fault.kind == "drop":
        return FakeResponse(0, b"", drop=True, delay=delay)
    if fault.kind == "html":
        page = b"<html><body>Maintenance</body></html>"
        return FakeResponse(fault.status, page, "text/html", delay=delay)
    # a gateway's plain-text page, as when a proxy in front of the platform fails
    return FakeResponse(fault.status, fault.body.encode(), "text/plain", fault.headers, delay)


def _json(body: Any) -> bytes:
    return json.dumps(body).encode()
