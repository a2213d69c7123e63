"""Generation time for the real catalogue and for synthetic 10x and 100x catalogues.

The synthetic catalogues repeat every namespace under new names (``friends1``,
``friends2``...), so the output grows with the input; the time per method
should stay flat (linear growth).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import yaml

from codegen import DEFAULT_SPEC, generate_sources


def synthetic_spec(factor: int, target: Path) -> int:
    """Write a catalogue ``factor`` times the real one to ``target``; returns its method count."""
    data = yaml.safe_load(DEFAULT_SPEC.read_text(encoding="utf-8"))
    methods = {}
    for copy in range(factor):
        for name, body in data["methods"].items():
            namespace, short = name.split(".", 1)
            methods[f"{namespace}{copy or ''}.{short}"] = body
    data["methods"] = methods
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(methods)


def time_generation(spec: Path, rounds: int) -> float:
    """Median seconds of ``generate_sources`` over ``rounds`` runs."""
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        generate_sources(spec)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    """Print a table: catalogue, methods, median seconds, microseconds per method."""
    print("codegen: catalogue | methods | median s | us/method")
    with tempfile.TemporaryDirectory() as scratch:
        for label, factor, rounds in (("real", 1, 5), ("10x", 10, 3), ("100x", 100, 1)):
            if factor == 1:
                spec = DEFAULT_SPEC
                count = len(yaml.safe_load(spec.read_text(encoding="utf-8"))["methods"])
            else:
                spec = Path(scratch) / f"spec{factor}.yaml"
                count = synthetic_spec(factor, spec)
            seconds = time_generation(spec, rounds)
            print(f"  {label:>5} | {count:>6} | {seconds:8.3f} | {seconds / count * 1e6:9.0f}")


if __name__ == "__main__":
    main()
