"""Issue 18's scenario: 5,000 profiles with ``users.getInfo`` from a platform 20 ms away.

The fake platform is served on 127.0.0.1 (a threaded HTTP server) and answers
every call 20 ms late (``FakePlatform.delay``), as a WAN round trip would.
Each way of fetching is set against its bound,
``max(calls / rate, calls * latency / concurrency)``: no client can do
better, whatever its own speed. Goal: the helpers within 1.15x of it.

- ``naive loop``: one uid per call, one call after another (5,000 calls;
  measured on the first ``NAIVE_SAMPLE`` profiles and scaled, unless
  ``BENCH_FULL=1``: the whole run takes 100 s);
- ``chunked``: ``api.users.getInfo(uids=all_5000)``, split at the
  catalogue's 100 per call, one call after another;
- ``chunked, 8 at once``: the same with ``chunk_concurrency=8``, no limit;
- ``chunks + fan_out, rate_limit=20``: ``fan_out`` over ``chunks(uids, 100)``
  on a session limited to 20 calls/s (its default concurrency: 20).

``python -m benchmarks.bench_bulk --svg docs/bulk-scenario.svg`` also writes
the chart of docs/performance.md.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from mailru_sdk import API
from mailru_sdk.bulk import chunks, default_concurrency, fan_out
from mailru_sdk.testing import FakePlatform

PROFILES = 5000
LATENCY = 0.020
PER_CALL = 100
NAIVE_SAMPLE = 250
GOAL = 1.15


@dataclass(frozen=True)
class Row:
    """One way of fetching the profiles, measured and bounded (seconds)."""

    how: str
    calls: int
    rate: float | None
    concurrency: int
    seconds: float
    note: str = ""

    @property
    def bound(self) -> float:
        by_rate = 0.0 if self.rate is None else self.calls / self.rate
        return max(by_rate, self.calls * LATENCY / self.concurrency)

    @property
    def ratio(self) -> float:
        return self.seconds / self.bound


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def measure() -> list[Row]:
    """Run the four ways against a fake platform 20 ms away; one row each."""
    fake = FakePlatform()
    uids = [str(40_000_000 + n) for n in range(PROFILES)]
    for uid in uids:
        fake.add_user(uid)
    fake.serve()
    try:
        fake.delay(LATENCY)
        api = API(fake.server_session())
        full = os.environ.get("BENCH_FULL") == "1"
        sample = uids if full else uids[:NAIVE_SAMPLE]
        naive = _timed(lambda: [api.users.getInfo(uids=[uid]) for uid in sample])
        rows = [
            Row(
                "naive loop, 1 uid per call",
                PROFILES,
                None,
                1,
                naive * PROFILES / len(sample),
                "" if full else f"measured on {len(sample)} calls, scaled",
            )
        ]
        got: list[object] = []
        seconds = _timed(lambda: got.extend(api.users.getInfo(uids=uids)))
        assert len(got) == PROFILES
        calls = -(-PROFILES // PER_CALL)
        rows.append(Row("chunked (100 per call)", calls, None, 1, seconds))
        seconds = _timed(lambda: api.users.getInfo(uids=uids, chunk_concurrency=8))
        rows.append(Row("chunked, chunk_concurrency=8", calls, None, 8, seconds))
        limited = API(fake.server_session(rate_limit=20))
        workers = default_concurrency(limited.users._session)
        batches = [{"uids": batch} for batch in chunks(uids, PER_CALL)]
        results: list[object] = []
        seconds = _timed(lambda: results.extend(fan_out(limited.users.getInfo, batches)))
        rows.append(Row("chunks + fan_out, rate_limit=20", calls, 20.0, workers, seconds))
    finally:
        fake.stop()
    return rows


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| how | calls | limit | in flight | time | bound | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        limit = "none" if r.rate is None else f"{r.rate:g}/s"
        note = f" ({r.note})" if r.note else ""
        lines.append(
            f"| {r.how}{note} | {r.calls} | {limit} | {r.concurrency} | {r.seconds:.2f} s "
            f"| {r.bound:.2f} s | {r.ratio:.2f} |"
        )
    return "\n".join(lines)


def svg(rows: list[Row]) -> str:
    """A bar chart: each way's time and its bound, on a log scale of seconds."""
    import math

    width, left, bar, gap = 640, 250, 14, 12
    lo, hi = math.log10(0.05), math.log10(200)

    def x(seconds: float) -> float:
        return left + (width - left - 20) * (math.log10(seconds) - lo) / (hi - lo)

    height = 40 + len(rows) * (2 * bar + gap) + 30
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'font-family="sans-serif" font-size="11">',
        '<text x="10" y="16" font-size="12">5,000 profiles, 20 ms per answer: time '
        "(dark) and its bound (light), seconds, log scale</text>",
    ]
    y = 30
    for r in rows:
        out.append(f'<text x="10" y="{y + bar + 4}">{r.how}</text>')
        out.append(
            f'<rect x="{left}" y="{y}" width="{x(r.seconds) - left:.1f}" height="{bar}" '
            'fill="#3367d6"/>'
        )
        out.append(f'<text x="{x(r.seconds) + 4:.1f}" y="{y + 11}">{r.seconds:.2f}</text>')
        out.append(
            f'<rect x="{left}" y="{y + bar}" width="{x(r.bound) - left:.1f}" height="{bar}" '
            'fill="#a7c0f0"/>'
        )
        out.append(f'<text x="{x(r.bound) + 4:.1f}" y="{y + bar + 11}">{r.bound:.2f}</text>')
        y += 2 * bar + gap
    for tick in (0.1, 1, 10, 100):
        out.append(f'<line x1="{x(tick):.1f}" y1="26" x2="{x(tick):.1f}" y2="{y}" stroke="#ccc"/>')
        out.append(f'<text x="{x(tick) - 8:.1f}" y="{y + 14}">{tick:g} s</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    """Print the scenario table (and write the chart with ``--svg PATH``)."""
    rows = measure()
    print(f"5,000 profiles, users.getInfo, {LATENCY * 1000:.0f} ms per answer (goal: <= {GOAL})")
    print(table(rows))
    if "--svg" in sys.argv:
        path = sys.argv[sys.argv.index("--svg") + 1]
        with open(path, "w", encoding="utf-8") as file:
            file.write(svg(rows))


if __name__ == "__main__":
    main()
