"""The README's "Testing your code" examples, extracted and run as written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mailru_sdk.testing import FakePlatform

README = Path(__file__).resolve().parents[2] / "README.md"


def blocks(section: str) -> list[str]:
    """The ```python blocks of the README section titled ``section``."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n{section}\n")
    end = text.find("\n## ", start + 1)
    return re.findall(r"```python\n(.*?)```", text[start:end], re.DOTALL)


def test_the_in_process_and_served_examples_run() -> None:
    in_process, served, _fixture = blocks("## Testing your code")
    for code in (in_process, served):
        exec(compile(code, str(README), "exec"), {})


def test_the_fixture_example_passes() -> None:
    *_, fixture = blocks("## Testing your code")
    namespace: dict[str, Any] = {}
    exec(compile(fixture, str(README), "exec"), namespace)
    with FakePlatform() as fake:
        namespace["test_friends_page"](fake)
