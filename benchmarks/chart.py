"""The per-call chart of docs/performance.md, an SVG drawn from the figures of its table.

``python -m benchmarks.chart`` reads the page's per-call table (the figures
``make bench`` printed, copied there) and writes ``docs/images/per-call.svg``;
``--check`` only says whether the committed chart still matches the table
(tests/test_performance_chart.py does the same). Hand-written SVG: no plotting
library, and the same table gives the same bytes.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

__all__ = ["CHART", "PAGE", "Bar", "bars", "main", "render"]

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "performance.md"
CHART = ROOT / "docs" / "images" / "per-call.svg"

#: the table's first row: the SDK itself, drawn in the accent colour
_HEADER = re.compile(r"^\| per call \| µs \|")
_ROW = re.compile(r"^\| (?P<label>.+?) \| (?P<micros>[\d,]+) \|")

WIDTH = 720
LEFT, RIGHT = 12, 64  # room for the figure after the longest bar
TOP = 34  # the axis' labels
ROW = 46  # one label line and one bar
BAR = 16
SDK_COLOUR, OTHER_COLOUR, TEXT = "#e8590c", "#4263eb", "#333333"


class Bar(NamedTuple):
    """One row of the table: what was measured and its microseconds per call."""

    label: str
    micros: int


def bars(markdown: str) -> list[Bar]:
    """The rows of the page's per-call table (the one headed ``| per call | µs |``)."""
    lines = markdown.splitlines()
    start = next((i for i, line in enumerate(lines) if _HEADER.match(line)), None)
    if start is None:
        raise ValueError("no '| per call | µs |' table on the page")
    found = []
    for line in lines[start + 2 :]:  # past the header and its |---| line
        row = _ROW.match(line)
        if row is None:
            break
        label = row["label"].replace("`", "")
        found.append(Bar(label, int(row["micros"].replace(",", ""))))
    return found


def _step(top: int) -> int:
    """A tick spacing of 1, 2 or 5 times a power of ten: at most 10 ticks up to ``top``."""
    for power in range(0, 7):
        for factor in (1, 2, 5):
            step: int = factor * 10**power
            if top / step <= 10:
                return step
    raise ValueError(top)


def render(rows: list[Bar]) -> str:
    """The chart as SVG text: one labelled horizontal bar per row, an axis in µs."""
    if not rows:
        raise ValueError("nothing to draw")
    step = _step(max(b.micros for b in rows))
    scale_top = math.ceil(max(b.micros for b in rows) / step) * step
    span = WIDTH - LEFT - RIGHT
    height = TOP + ROW * len(rows) + 8

    def x(micros: float) -> str:
        return f"{LEFT + span * micros / scale_top:.1f}"

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="title" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="13">',
        '<title id="title">Microseconds per call, one call at a time on 127.0.0.1 '
        "(shorter is faster)</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    for tick in range(0, scale_top + 1, step):
        out.append(
            f'<line x1="{x(tick)}" y1="{TOP - 8}" x2="{x(tick)}" y2="{height - 8}" '
            'stroke="#dddddd" stroke-width="1"/>'
        )
        anchor = "start" if tick == 0 else "middle"
        out.append(
            f'<text x="{x(tick)}" y="{TOP - 14}" fill="#666666" text-anchor="{anchor}">'
            f"{tick}{' µs' if tick == scale_top else ''}</text>"
        )
    for index, bar in enumerate(rows):
        top = TOP + ROW * index
        colour = SDK_COLOUR if index == 0 else OTHER_COLOUR
        out.append(f'<g data-label={quoteattr(bar.label)} data-us="{bar.micros}">')
        out.append(f"<title>{escape(bar.label)}: {bar.micros:,} µs per call</title>")
        out.append(f'<text x="{LEFT}" y="{top + 13}" fill="{TEXT}">{escape(bar.label)}</text>')
        out.append(
            f'<rect x="{LEFT}" y="{top + 19}" width="{float(x(bar.micros)) - LEFT:.1f}" '
            f'height="{BAR}" rx="2" fill="{colour}"/>'
        )
        out.append(
            f'<text x="{float(x(bar.micros)) + 6:.1f}" y="{top + 19 + BAR - 3}" '
            f'fill="{TEXT}" font-weight="600">{bar.micros:,}</text>'
        )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.chart", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the chart is stale")
    args = parser.parse_args(argv)
    svg = render(bars(PAGE.read_text(encoding="utf-8")))
    if args.check:
        current = CHART.read_text(encoding="utf-8") if CHART.exists() else ""
        if current != svg:
            print(f"{CHART.relative_to(ROOT)} is stale: run python -m benchmarks.chart")
            return 1
        return 0
    CHART.parent.mkdir(parents=True, exist_ok=True)
    CHART.write_text(svg, encoding="utf-8")
    print(f"wrote {CHART.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
