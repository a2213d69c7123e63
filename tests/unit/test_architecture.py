"""The layout's rules (docs/architecture.md), checked on the code itself.

- no import circle among the package's modules, the generator's, or testing/'s
  (every import counts: module level, in a function, under TYPE_CHECKING);
- the generated code imports only the small base layer;
- no hand-written module of the package over 500 lines;
- a call's walk from a stub to ``Session.send`` does not climb back into a
  session class once ``TokenSession.call`` has handed it over (a refresh
  included).
"""

from __future__ import annotations

import ast
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import responses

from mailru_sdk import API, RefreshServerSession, ServerSession
from mailru_sdk.oauth import TOKEN_URL
from mailru_sdk.options import DEFAULT_API_URL
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "mailru_sdk"
GENERATED = PACKAGE / "_generated"
#: what generated code may import from the package (besides itself)
GENERATED_BASE = {
    "mailru_sdk._errors",
    "mailru_sdk._catalogue_records",
    "mailru_sdk.api.base",
    "mailru_sdk.options",
    "mailru_sdk.uploads",
}


def _modules(top: Path) -> dict[str, Path]:
    found = {}
    for path in sorted(top.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _type_only(tree: ast.Module) -> set[int]:
    """The ids of the import nodes under ``if TYPE_CHECKING:`` (types, never loaded)."""
    return {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }


def _imports(name: str, path: Path, known: set[str], *, run_time: bool = False) -> set[str]:
    """The modules of ``known`` that module ``name`` imports (``run_time``: types left out)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_only(tree) if run_time else set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:  # the module, not a name inside it
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                found.add(target)
    return found


def _graph(*tops: Path, run_time: bool = False) -> dict[str, set[str]]:
    modules: dict[str, Path] = {}
    for top in tops:
        modules.update(_modules(top))
    known = set(modules)
    return {name: _imports(name, path, known, run_time=run_time) for name, path in modules.items()}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return out


def test_no_import_circle_in_the_package_or_the_generator() -> None:
    assert _circles(_graph(PACKAGE, ROOT / "codegen")) == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_generated_code_imports_only_the_base_layer() -> None:
    graph = _graph(PACKAGE, run_time=True)
    for name, imported in graph.items():
        if name.startswith("mailru_sdk._generated"):
            outside = {m for m in imported if not m.startswith("mailru_sdk._generated")}
            assert outside <= GENERATED_BASE, (name, outside - GENERATED_BASE)


def test_the_base_layer_is_small() -> None:
    """What the generated code loads at run time never reaches the sessions or the pipeline."""
    graph = _graph(PACKAGE, run_time=True)
    reached: set[str] = set()
    todo = list(GENERATED_BASE)
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo.extend(graph[module])
    assert not reached & {"mailru_sdk.sessions", "mailru_sdk.oauth", "mailru_sdk._pipeline"}


def _hand_written() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if GENERATED not in path.parents:
            yield path


@pytest.mark.parametrize("path", list(_hand_written()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_hand_written_module_over_500_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 500


def _frames_at_send(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The files of the stack at every ``requests.Session.send``.

    The session's own ``send`` (which gives requests the session's timeout)
    is where the walk ends, not a climb back: it is left out.
    """
    stacks: list[list[str]] = []
    send = requests.Session.send

    def spying(self: requests.Session, request: requests.PreparedRequest, **kwargs: Any) -> Any:
        frames = traceback.extract_stack()
        stacks.append(
            [
                f.filename
                for f in frames
                if not (f.filename.endswith("mailru_sdk/sessions.py") and f.name == "send")
            ]
        )
        return send(self, request, **kwargs)

    monkeypatch.setattr(requests.Session, "send", spying)
    return stacks


def _after_call(files: list[str]) -> list[str]:
    """The package's files on the stack below ``TokenSession.call``."""
    ours = [f for f in files if "/mailru_sdk/" in f]
    last = max(i for i, f in enumerate(ours) if f.endswith("mailru_sdk/sessions.py"))
    return ours[last + 1 :]


@responses.activate
def test_a_call_never_climbs_back_into_a_session_class(monkeypatch: pytest.MonkeyPatch) -> None:
    stacks = _frames_at_send(monkeypatch)
    responses.post(DEFAULT_API_URL, json=["100"])
    API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)).friends.get()
    (files,) = stacks
    below = _after_call(files)
    assert below and not any(f.endswith(("sessions.py", "oauth.py")) for f in below), below


@responses.activate
def test_a_refresh_never_climbs_back_into_a_session_class(monkeypatch: pytest.MonkeyPatch) -> None:
    """The refresh after error 102 runs in its own thread, from the Refresher."""
    stacks = _frames_at_send(monkeypatch)
    expired = {"error": {"error_code": 102, "error_msg": "session expired"}}
    responses.post(DEFAULT_API_URL, json=expired)
    responses.post(DEFAULT_API_URL, json=["100"])
    tokens = {"access_token": "new-access", "refresh_token": "new-refresh", "expires_in": 60}
    responses.post(TOKEN_URL, json=tokens)
    session = RefreshServerSession(APP_ID, SECRET_KEY, "old-refresh", http_method="POST")
    session.load_tokens({"access_token": ACCESS_TOKEN, "refresh_token": "old-refresh"})
    assert API(session).friends.get() == ["100"]
    token_stack = stacks[1]  # the refresh's send
    ours = [f for f in token_stack if "/mailru_sdk/" in f]
    assert ours[0].endswith("auth/refresh.py"), ours  # a thread of the Refresher's own
    # it sends through the token endpoint, not through a session method (the refresh
    # grant is sent by the Refresher's RefreshGrantSender)
    assert [f for f in ours if f.endswith("sessions.py")] == []
