"""What ``import mailru_sdk`` adds on top of ``import requests`` (``python -X importtime``)."""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path


def cumulative_us(module: str, preload: str | None) -> int:
    """Cumulative import time of ``module`` in a fresh interpreter, after ``preload``."""
    code = (f"import {preload}; " if preload else "") + f"import {module}"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in done.stderr.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == module:
            return int(parts[1])
    raise RuntimeError(f"no importtime line for {module}")


def compile_package() -> None:
    """Write mailru_sdk's bytecode, as an installed package has it.

    With PYTHONDONTWRITEBYTECODE set (as on this project's machines) every
    import would compile the sources again, which measures the compiler.
    """
    import compileall

    import mailru_sdk

    compileall.compile_dir(Path(mailru_sdk.__file__).parent, quiet=1)


def main(rounds: int = 9) -> None:
    """Print the median extra import time of mailru_sdk once requests is loaded."""
    compile_package()
    extra = statistics.median(cumulative_us("mailru_sdk", "requests") for _ in range(rounds))
    base = statistics.median(cumulative_us("requests", None) for _ in range(rounds))
    print(f"import: requests {base / 1000:.1f} ms; mailru_sdk on top {extra / 1000:.1f} ms")


if __name__ == "__main__":
    main()
