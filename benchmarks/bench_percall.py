"""Per-call cost on a keep-alive server on 127.0.0.1 (its own process), side by side in one run.

Clients, each making one ``friends.get`` call at a time against the same server:

- ``sdk``: ``API(session).friends.get()`` on one reused ``ServerSession``:
  encode, sign, prepare, ``Session.send``, read, decode; the default, a form POST;
- ``sdk_get``: the same with ``http_method="GET"`` (everything in the URL);
- ``sdk_hooks``: the same with a no-op hook on every event (``event_hooks``);
- ``sdk_otel``: the same with ``mailru_sdk.otel.instrument`` on the OpenTelemetry
  SDK's providers (spans and metrics recorded, not exported; skipped without it);
- ``requests_floor``: ``Session.send`` of one prebuilt ``PreparedRequest`` (the
  signed URL) through the same session and adapter, with the environment
  settings (proxies, CA bundle) merged once, then ``json.loads`` of the body:
  what any SDK built on requests pays at least per call (a GET: ``sdk_get``'s floor);
- ``requests_floor_post``: the same, of a prebuilt form POST with the signed
  parameters in its body (``sdk``'s floor: the SDK posts by default);
- ``requests_naive``: one reused ``requests.Session``,
  ``session.get(api_url, params=wire).json()`` with the signed parameters
  built once (a hand-written client, minus even its signing);
- ``requests_new_session``: ``requests.Session().get(...)`` per call, as the
  expression reads (a new connection each time);
- ``urllib3``: one ``urllib3.HTTPConnectionPool``, ``urlopen`` + ``json.loads``
  (what requests' adapter sends through; for information);
- ``http_client``: one persistent ``http.client.HTTPConnection``, the floor of
  any Python client;
- ``aiomailru``: aiomailru 0.1.1 ``await api.friends.get()`` in one event loop
  (skipped when the ``bench`` extra is not installed).

The signed parameters of the non-SDK clients come from the documented
formula (``benchmarks._harness.server_server_wire``), not from the SDK.
Rounds are interleaved (every client makes ``CALLS`` calls in each round, in
a new order each round); each per-call figure is the median over rounds, and
each ratio the median of the rounds' own ratios, so that a burst of load from
other jobs on the machine, which slows one round, does not skew a ratio.
"""

from __future__ import annotations

import asyncio
import atexit
import http.client
import importlib.util
import json
import random
import statistics
import urllib.parse
from collections.abc import Callable

import requests
import urllib3

from benchmarks._harness import (
    ACCESS_TOKEN,
    APP_ID,
    SECRET_KEY,
    per_call_us,
    server_process,
    server_server_wire,
)
from mailru_sdk import API, ServerSession
from mailru_sdk.hooks import EVENT_NAMES, Event

ROUNDS = 21
CALLS = 100
TIMEOUT = 30.0

#: The targets, as (numerator, denominator, most): each SDK call against the floor of the
#: same request (issue 16: 1.10), and against a hand-written GET client (issue 10: 0.6).
TARGETS = (
    ("sdk", "requests_floor_post", 1.10),
    ("sdk_get", "requests_floor", 1.10),
    ("sdk_get", "requests_naive", 0.6),
)


def make_clients(base: str) -> dict[str, Callable[[int], None]]:
    """Every client, as a function making ``n`` calls."""
    api_url = f"{base}/platform/api"
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=api_url)
    api = API(session)
    wire = server_server_wire("friends.get")
    url = f"{api_url}?{urllib.parse.urlencode(wire)}"

    prepared = session.prepare_request(requests.Request("GET", url))
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    body = urllib.parse.urlencode(wire)
    prepared_post = session.prepare_request(requests.Request("POST", api_url, form, data=body))
    send_kwargs = session.merge_environment_settings(url, {}, False, session.verify, session.cert)
    bare_send = requests.Session.send  # requests' own, whatever the SDK's class adds

    reused = requests.Session()
    parts = urllib.parse.urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port
    pool = urllib3.HTTPConnectionPool(host, port, maxsize=1)
    conn = http.client.HTTPConnection(host, port)
    path = f"{parts.path}?{parts.query}"

    def sdk(n: int) -> None:
        for _ in range(n):
            api.friends.get()

    get_api = API(
        ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=api_url, http_method="GET")
    )

    def sdk_get(n: int) -> None:
        for _ in range(n):
            get_api.friends.get()

    hooked = API(
        ServerSession(
            APP_ID,
            SECRET_KEY,
            ACCESS_TOKEN,
            api_url=api_url,
            event_hooks={name: [_no_op] for name in EVENT_NAMES},
        )
    )

    def sdk_hooks(n: int) -> None:
        for _ in range(n):
            hooked.friends.get()

    def requests_floor(n: int) -> None:
        for _ in range(n):
            response = bare_send(
                session, prepared, timeout=TIMEOUT, allow_redirects=False, **send_kwargs
            )
            json.loads(response.content)

    def requests_floor_post(n: int) -> None:
        for _ in range(n):
            response = bare_send(
                session, prepared_post, timeout=TIMEOUT, allow_redirects=False, **send_kwargs
            )
            json.loads(response.content)

    def requests_naive(n: int) -> None:
        for _ in range(n):
            reused.get(api_url, params=wire, timeout=TIMEOUT).json()

    def requests_new_session(n: int) -> None:
        for _ in range(n):
            with requests.Session() as fresh:
                fresh.get(api_url, params=wire, timeout=TIMEOUT).json()

    def urllib3_pool(n: int) -> None:
        for _ in range(n):
            json.loads(pool.urlopen("GET", path, retries=False).data)

    def http_client(n: int) -> None:
        for _ in range(n):
            conn.request("GET", path)
            json.loads(conn.getresponse().read())

    clients: dict[str, Callable[[int], None]] = {
        "sdk": sdk,
        "sdk_get": sdk_get,
        "sdk_hooks": sdk_hooks,
        "requests_floor": requests_floor,
        "requests_floor_post": requests_floor_post,
        "requests_naive": requests_naive,
        "requests_new_session": requests_new_session,
        "urllib3": urllib3_pool,
        "http_client": http_client,
    }
    otel = otel_client(api_url)
    if otel is not None:
        clients["sdk_otel"] = otel
    aio = aiomailru_client(api_url)
    if aio is not None:
        clients["aiomailru"] = aio
    return clients


def _no_op(event: Event) -> None:
    pass


def otel_client(api_url: str) -> Callable[[int], None] | None:
    """The SDK with its OpenTelemetry hooks on the SDK's providers, if installed."""
    if importlib.util.find_spec("opentelemetry.sdk") is None:
        return None
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.trace import TracerProvider

    from mailru_sdk.otel import instrument

    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=api_url)
    api = API(instrument(session, tracer_provider=TracerProvider(), meter_provider=MeterProvider()))

    def run(n: int) -> None:
        for _ in range(n):
            api.friends.get()

    return run


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


def measure(rounds: int = ROUNDS, calls: int = CALLS) -> dict[str, list[float]]:
    """Microseconds per call of each client, one figure per round."""
    with server_process() as base:
        clients = make_clients(base)
        for run in clients.values():  # warm up: connections, caches
            run(20)
        samples: dict[str, list[float]] = {name: [] for name in clients}
        order = list(clients)
        shuffle = random.Random(10).shuffle
        for _ in range(rounds):
            shuffle(order)
            for name in order:
                samples[name].append(per_call_us(clients[name], calls))
    return samples


def ratio(samples: dict[str, list[float]], numerator: str, denominator: str) -> float:
    """The median over rounds of ``numerator``'s time per call over ``denominator``'s."""
    pairs = zip(samples[numerator], samples[denominator], strict=True)
    return statistics.median(a / b for a, b in pairs)


def main() -> None:
    """Print per-call medians, the SDK's ratio to each other client, and the targets."""
    samples = measure()
    print(f"per call ({ROUNDS} rounds x {CALLS} calls, medians):")
    print(f"  {'client':22} {'us/call':>8} {'sdk / it':>9}")
    for name, values in samples.items():
        print(f"  {name:22} {statistics.median(values):8.0f} {ratio(samples, 'sdk', name):9.2f}")
    if "aiomailru" not in samples:
        print("  aiomailru: not installed (make bench, or pip install --group bench)")
    for numerator, denominator, most in TARGETS:
        value = ratio(samples, numerator, denominator)
        verdict = "met" if value <= most else "NOT met"
        print(f"  {numerator} / {denominator} = {value:.2f} (target <= {most}: {verdict})")


if __name__ == "__main__":
    main()
