"""Client-side work per call without the network: encode + sign + build the query, 10 parameters.

Compared with a bare ``hashlib.md5`` over the same canonical string (the one
step no SDK can skip), and reported as calls per second.
"""

from __future__ import annotations

import hashlib
import statistics
import time
from collections.abc import Callable

from benchmarks._harness import ACCESS_TOKEN, APP_ID, SECRET_KEY
from mailru_sdk import ServerSession
from mailru_sdk._http import query_string
from mailru_sdk.signing import canonical_string, encode_params

PARAMS: dict[str, object] = {
    "uids": [1324730981306483817, 15410773191172635989],
    "ext": True,
    "offset": 0,
    "limit": 10,
    "text": "Привет, мир",
    "aid": "_myphoto",
    "skip": "12345",
    "filter_app": 423004,
    "title": "title",
    "uid": 15410773191172635989,
}


def _time_us(fn: Callable[[], object], calls: int = 20000, rounds: int = 7) -> float:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(calls):
            fn()
        samples.append((time.perf_counter() - started) / calls * 1e6)
    return statistics.median(samples)


def measure() -> dict[str, float]:
    """Microseconds per call: the SDK's client-side work and the bare md5."""
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)

    def client_side() -> str:
        wire = session.signed_params("stream.get", encode_params(PARAMS), "server-server")
        return query_string(wire)  # the SDK's own: urlencode's bytes, quoting only what needs it

    wire = session.signed_params("stream.get", encode_params(PARAMS), "server-server")
    text = (canonical_string(wire) + SECRET_KEY).encode("utf-8")

    def bare_md5() -> str:
        return hashlib.md5(text).hexdigest()

    return {"client_side": _time_us(client_side), "bare_md5": _time_us(bare_md5)}


def main() -> None:
    """Print the client-side cost, its ratio to md5, and calls per second."""
    result = measure()
    ratio = result["client_side"] / result["bare_md5"]
    print(
        f"client side (10 params): {result['client_side']:.1f} us "
        f"({1e6 / result['client_side']:,.0f} calls/s); bare md5 {result['bare_md5']:.2f} us; "
        f"ratio {ratio:.1f} (target <= 3)"
    )


if __name__ == "__main__":
    main()
