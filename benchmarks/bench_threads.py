"""Throughput of one session shared by 1, 4 and 16 threads (keep-alive server, own process)."""

from __future__ import annotations

import statistics
import threading
import time

from benchmarks._harness import ACCESS_TOKEN, APP_ID, SECRET_KEY, server_process
from mailru_sdk import API, ServerSession

CALLS_PER_ROUND = 1600
ROUNDS = 5


def throughput(api: API, threads: int) -> float:
    """Calls per second with ``threads`` threads making CALLS_PER_ROUND calls in all."""
    per_thread = CALLS_PER_ROUND // threads
    start = threading.Barrier(threads + 1)

    def work() -> None:
        start.wait()
        for _ in range(per_thread):
            api.friends.get()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    start.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    return per_thread * threads / (time.perf_counter() - started)


def measure() -> dict[int, float]:
    """Median calls per second for 1, 4 and 16 threads."""
    with server_process() as base:
        api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=f"{base}/platform/api"))
        throughput(api, 16)  # warm up: open the connections
        samples: dict[int, list[float]] = {1: [], 4: [], 16: []}
        for _ in range(ROUNDS):
            for threads in samples:
                samples[threads].append(throughput(api, threads))
    return {threads: statistics.median(values) for threads, values in samples.items()}


def main() -> None:
    """Print calls per second for each thread count."""
    result = measure()
    cells = ", ".join(f"{threads} threads {rate:,.0f}/s" for threads, rate in result.items())
    print(f"threads sharing one session: {cells}")


if __name__ == "__main__":
    main()
