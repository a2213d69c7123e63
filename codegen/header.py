"""The provenance table in the header of spec/methods.yaml, counted from the spec itself.

``python -m codegen`` rewrites the table (``refresh_header()``) and ``--check`` fails
when the committed one is stale, so adding a method never needs a hand-edited count.
The table sits between the line ``# Provenance, counted …`` and the next bare ``#``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from codegen.provenance import FACT_KINDS, KINDS
from codegen.spec import Spec

__all__ = ["TABLE_TITLE", "refresh_header", "summary"]

TABLE_TITLE = "# Provenance, counted"
"""The start of the line above the table (the rest of that line is free text)."""


def summary(spec: Spec) -> list[str]:
    """The provenance table: facts counted by kind and source, then by client and by copy."""
    facts = spec.facts()
    counts = Counter((f.kind, f.source.kind) for f in facts)
    widths = [max(len(k), 4) + 2 for k in KINDS]
    lines = [f"{'fact':<16}" + "".join(f"{k:>{w}}" for k, w in zip(KINDS, widths, strict=True))]
    for kind in (*FACT_KINDS, "all"):
        row = [
            sum(n for (k, s), n in counts.items() if s == source and kind in (k, "all"))
            for source in KINDS
        ]
        lines.append(f"{kind:<16}" + "".join(f"{n:>{w}}" for n, w in zip(row, widths, strict=True)))
    lines.append(
        "code facts naming each client: " + _ranked(c for f in facts for c in f.source.clients)
    )
    lines.append("copy facts by copy: " + _ranked(f.source.copy for f in facts if f.source.copy))
    no_privilege = sum(1 for m in spec.methods if m.privilege_source is None)
    no_shape = sum(1 for m in spec.methods if m.returns_source is None)
    lines.append(
        f"not claimed (no source needed): {no_privilege} methods with no known privilege, "
        f"{no_shape} with an unknown (Any) return shape"
    )
    return lines


def _ranked(names: Iterable[str]) -> str:
    counted = sorted(Counter(names).items())
    counted.sort(key=lambda item: -item[1])  # most facts first, then by name (a stable sort)
    return ", ".join(f"{name} {n}" for name, n in counted)


def refresh_header(text: str, spec: Spec) -> str:
    """``text`` (the spec file) with its provenance table recounted from ``spec``.

    A spec without the title line (a scratch catalogue, e.g. in tests) has no table to
    keep current and comes back unchanged.
    """
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith(TABLE_TITLE)), None)
    if start is None:
        return text
    end = start + 1
    while end < len(lines) and lines[end].startswith("#   "):
        end += 1
    table = [f"#   {line}" for line in summary(spec)]
    return "\n".join([*lines[: start + 1], *table, *lines[end:]])
