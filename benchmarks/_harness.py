"""Shared pieces: the example app's keys, the server process, and timing helpers."""

from __future__ import annotations

import contextlib
import hashlib
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

APP_ID = 423004
PRIVATE_KEY = "7815696ecbf1c96e6894b779456d330e"
SECRET_KEY = "3dad9cbf9baaa0360c0f2ba372d25716"
ACCESS_TOKEN = "be6ef89965d58e56dec21acb9b62bdaa"
UID = "1324730981306483817"


def server_server_wire(method: str) -> dict[str, str]:
    """The signed parameters of a parameterless server-server call, computed without the SDK.

    ``sig = md5(concat + secret_key)`` over the sorted ``name=value`` pairs, as
    the platform documents it: what a hand-written client would send.
    """
    wire = {
        "method": method,
        "app_id": str(APP_ID),
        "session_key": ACCESS_TOKEN,
        "secure": "1",
    }
    concat = "".join(f"{name}={value}" for name, value in sorted(wire.items()))
    wire["sig"] = hashlib.md5((concat + SECRET_KEY).encode()).hexdigest()
    return wire


@contextlib.contextmanager
def server_process() -> Iterator[str]:
    """Start benchmarks.server in its own process; yields the base URL ``http://127.0.0.1:PORT``."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline())
        yield f"http://127.0.0.1:{port}"
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        proc.wait(timeout=10)


def per_call_us(run: Callable[[int], None], calls: int) -> float:
    """Microseconds per call of ``run(calls)``."""
    started = time.perf_counter()
    run(calls)
    return (time.perf_counter() - started) / calls * 1e6


def median_rounds(samples: dict[str, list[float]]) -> dict[str, float]:
    """The median of each entry's rounds."""
    return {name: statistics.median(values) for name, values in samples.items()}
