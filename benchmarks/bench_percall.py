"""Per-call cost on a keep-alive server on 127.0.0.1, side by side in one process.

Clients, each doing one call at a time against the same server process:
- ``sdk``: ``API(ServerSession(...)).friends.get()``: encode, sign, send, decode;
- ``requests_naive``: ``requests.Session().get(url)`` of the same pre-signed URL
  (a new Session each call, as the expression reads: a new connection each time);
- ``requests_reused``: one ``requests.Session`` reused, ``.get(url)`` each call;
- ``urllib3``: one ``urllib3.HTTPConnectionPool``, ``urlopen`` + ``json.loads``
  (what requests itself sends through: the floor under any requests-based SDK);
- ``http_client``: one persistent ``http.client.HTTPConnection`` (the floor);
- ``aiomailru``: aiomailru 0.1.1 ``await api.friends.get()`` in one event loop
  (skipped when the ``bench`` extra is not installed).
Rounds are interleaved; each figure is the median over rounds.
"""

from __future__ import annotations

import asyncio
import atexit
import http.client
import importlib.util
import json
import urllib.parse
from collections.abc import Callable

import requests
import urllib3

from benchmarks._harness import (
    ACCESS_TOKEN,
    APP_ID,
    SECRET_KEY,
    median_rounds,
    per_call_us,
    server_process,
)
from mailru_sdk import API, ServerSession

ROUNDS = 7
CALLS = 300


def make_clients(base: str) -> dict[str, Callable[[int], None]]:
    """Every client, as a function making ``n`` calls."""
    api_url = f"{base}/platform/api"
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=api_url)
    api = API(session)
    wire = session.signed_params("friends.get", {}, "server-server")
    url = f"{api_url}?{urllib.parse.urlencode(wire)}"
    reused = requests.Session()
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port)
    path = f"{parts.path}?{parts.query}"

    def sdk(n: int) -> None:
        for _ in range(n):
            api.friends.get()

    def requests_naive(n: int) -> None:
        for _ in range(n):
            with requests.Session() as fresh:
                fresh.get(url, timeout=30).json()

    def requests_reused(n: int) -> None:
        for _ in range(n):
            reused.get(url, timeout=30).json()

    pool = urllib3.HTTPConnectionPool(parts.hostname or "127.0.0.1", parts.port, maxsize=1)

    def urllib3_pool(n: int) -> None:
        for _ in range(n):
            json.loads(pool.urlopen("GET", path, retries=False).data)

    def http_client(n: int) -> None:
        for _ in range(n):
            conn.request("GET", path)
            json.loads(conn.getresponse().read())

    clients: dict[str, Callable[[int], None]] = {
        "sdk": sdk,
        "requests_naive": requests_naive,
        "requests_reused": requests_reused,
        "urllib3": urllib3_pool,
        "http_client": http_client,
    }
    aio = aiomailru_client(api_url)
    if aio is not None:
        clients["aiomailru"] = aio
    return clients


def aiomailru_client(api_url: str) -> Callable[[int], None] | None:
    """aiomailru 0.1.1 making ``n`` sequential calls in one event loop, if installed."""
    if importlib.util.find_spec("aiomailru") is None:
        return None
    import aiomailru

    loop = asyncio.new_event_loop()

    async def build() -> object:
        aiomailru.TokenSession.API_URL = api_url
        session = aiomailru.ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
        return aiomailru.API(session)

    api = loop.run_until_complete(build())
    atexit.register(lambda: loop.run_until_complete(api.session.close()))  # type: ignore[attr-defined]

    async def calls(n: int) -> None:
        for _ in range(n):
            await api.friends.get()  # type: ignore[attr-defined]

    def run(n: int) -> None:
        loop.run_until_complete(calls(n))

    return run


def measure(rounds: int = ROUNDS, calls: int = CALLS) -> dict[str, float]:
    """Median microseconds per call of each client."""
    with server_process() as base:
        clients = make_clients(base)
        for run in clients.values():  # warm up: connections, caches
            run(20)
        samples: dict[str, list[float]] = {name: [] for name in clients}
        for _ in range(rounds):
            for name, run in clients.items():
                samples[name].append(per_call_us(run, calls))
    return median_rounds(samples)


def main() -> None:
    """Print per-call medians and the ratios the targets are stated in."""
    result = measure()
    print(f"per call ({ROUNDS} rounds x {CALLS} calls, median), microseconds:")
    for name, value in result.items():
        print(f"  {name:16} {value:8.0f}")
    sdk = result["sdk"]
    print(f"  sdk / requests_naive  = {sdk / result['requests_naive']:.2f}  (target <= 0.5)")
    print(f"  sdk / requests_reused = {sdk / result['requests_reused']:.2f}")
    print(f"  sdk / urllib3         = {sdk / result['urllib3']:.2f}")
    print(f"  sdk / http_client     = {sdk / result['http_client']:.2f}  (target <= 2.0)")
    if "aiomailru" in result:
        print(f"  sdk / aiomailru       = {sdk / result['aiomailru']:.2f}  (target <= 1.0)")
    else:
        print("  aiomailru: not installed (pip install -e '.[bench]')")


if __name__ == "__main__":
    main()
