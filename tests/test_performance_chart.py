"""docs/performance.md's chart is the table beside it, drawn (benchmarks/chart.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from benchmarks import chart

SVG = "{http://www.w3.org/2000/svg}"


def test_the_chart_is_drawn_from_the_page_table() -> None:
    """Refreshed figures need a refreshed chart: `python -m benchmarks.chart`."""
    rows = chart.bars(chart.PAGE.read_text(encoding="utf-8"))
    assert chart.CHART.read_text(encoding="utf-8") == chart.render(rows), (
        "docs/images/per-call.svg is stale: run python -m benchmarks.chart"
    )
    assert chart.main(["--check"]) == 0


def test_the_chart_shows_each_figure_of_the_table() -> None:
    rows = chart.bars(chart.PAGE.read_text(encoding="utf-8"))
    assert len(rows) >= 5 and rows[0].label.startswith("mailru-sdk")
    root = ET.fromstring(chart.CHART.read_text(encoding="utf-8"))
    groups = [g for g in root.iter(f"{SVG}g") if "data-us" in g.attrib]
    assert [(g.attrib["data-label"], int(g.attrib["data-us"])) for g in groups] == [
        (r.label, r.micros) for r in rows
    ]
    widths = [float(g.find(f"{SVG}rect").attrib["width"]) for g in groups]  # type: ignore[union-attr]
    figures = [int(g.findall(f"{SVG}text")[-1].text.replace(",", "")) for g in groups]  # type: ignore[union-attr]
    assert figures == [r.micros for r in rows]
    # bar lengths proportional to the figures (to the drawing's 0.1 px rounding)
    per_micro = widths[0] / rows[0].micros
    for width, row in zip(widths, rows, strict=True):
        assert width == pytest.approx(row.micros * per_micro, abs=0.1)


def test_the_page_shows_the_chart() -> None:
    text = chart.PAGE.read_text(encoding="utf-8")
    assert "](images/per-call.svg){ .chart }" in text
    assert "█" not in text  # the old text bars are gone


def test_a_page_without_the_table_is_an_error() -> None:
    with pytest.raises(ValueError, match="per call"):
        chart.bars("# Performance\n\nno table\n")
