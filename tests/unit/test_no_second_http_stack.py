"""Issue 10: the client code has one HTTP stack, requests; it opens no connection of its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mailru_sdk"
#: what a second HTTP client would be built from
FORBIDDEN = {"http.client", "socket", "ssl", "urllib.request", "http"}
CLIENT_MODULES = sorted(
    path for path in PACKAGE.rglob("*.py") if "testing" not in path.relative_to(PACKAGE).parts
)


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", CLIENT_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_client_code_imports_no_http_client_or_socket(path: Path) -> None:
    assert not imported_modules(path) & FORBIDDEN


def test_the_check_sees_each_kind_of_import(tmp_path: Path) -> None:
    module = tmp_path / "second_stack.py"
    module.write_text("import http.client\nfrom socket import create_connection\n")
    assert imported_modules(module) & FORBIDDEN == {"http.client", "socket"}
