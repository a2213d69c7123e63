"""What a 100-uid call costs the SDK's own layer, next to a one-uid call, without the network.

Both calls go the whole way through ``api.users.getInfo``: check, encode,
sign, build the query, prepare, ``Session.send`` into an adapter that answers
at once from memory (no socket), read and decode ``[]``. The difference
between the two is what a list of 100 uids adds: its encoding, the longer
signed string and the quoting of the query (urlencode's ``%2C`` for each
comma). Target (issue 18): at most about 20 µs more than the one-uid call.

Run: ``.venv/bin/python -m benchmarks.bench_listcall``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

import requests
from requests.adapters import BaseAdapter

from benchmarks._harness import ACCESS_TOKEN, APP_ID, SECRET_KEY
from mailru_sdk import API, ServerSession

UIDS = [15410773191172635989 + i for i in range(100)]


class _Instant(BaseAdapter):
    """Answers every request with ``[]`` from memory: only the SDK's and requests' work is left."""

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, **kwargs: Any
    ) -> requests.Response:
        response = requests.Response()
        response.status_code = 200
        response._content = b"[]"
        response.headers["Content-Type"] = "application/json"
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        pass


def _time_us(fn: Callable[[], object], calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - started) / calls * 1e6


def measure(calls: int = 2000, rounds: int = 15) -> Mapping[str, float]:
    """Microseconds per call: one uid, 100 uids, and the difference.

    The two calls alternate round by round; each figure is the fastest round
    (the one least disturbed by other work on the machine), and the
    difference is between the two fastest rounds.
    """
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    session.mount("https://", _Instant())
    api = API(session)
    one = [UIDS[0]]
    plain: list[float] = []
    hundred: list[float] = []
    for _ in range(rounds):
        plain.append(_time_us(lambda: api.users.getInfo(uids=one), calls))
        hundred.append(_time_us(lambda: api.users.getInfo(uids=UIDS), calls))
    return {"one_uid": min(plain), "hundred_uids": min(hundred), "extra": min(hundred) - min(plain)}


def main() -> None:
    """Print the two per-call costs and what the 100 uids add."""
    result = measure()
    print(
        f"users.getInfo, no network: 1 uid {result['one_uid']:.1f} us, "
        f"100 uids {result['hundred_uids']:.1f} us; the list adds {result['extra']:.1f} us "
        "(target <= 20)"
    )


if __name__ == "__main__":
    main()
