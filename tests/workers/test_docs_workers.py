"""docs/workers.md: every relative link names a file of the repository.

Its examples run in the one docs runner (tests/test_docs_examples.py), with a real Redis.
"""

from __future__ import annotations

import re
from pathlib import Path

PAGE = Path(__file__).resolve().parents[2] / "docs" / "workers.md"
REDIRECT_URI = "https://example.com/mailru/callback"


def blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)


def test_every_relative_link_resolves() -> None:
    links = re.findall(r"\]\(([^)]+)\)", PAGE.read_text(encoding="utf-8"))
    relative = [link for link in links if "://" not in link and not link.startswith("#")]
    assert relative, "the page links the examples and the benchmark"
    for link in relative:
        assert (PAGE.parent / link.split("#")[0]).resolve().is_file(), link
